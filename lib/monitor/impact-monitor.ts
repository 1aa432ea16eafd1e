/**
 * The impact monitor of a municipality or a region (rules: lib/domain/impact/README.md): loads the
 * tenders published and the contracts started in the period, the suppliers of those contracts and the
 * tenders that awarded them, and hands them to computeImpactMonitor.
 *
 * Reads, per municipality: one range query of its tenders by publication instant (gsi3) and one of its
 * contracts by start date (gsi1); then one batch read of the contracts' suppliers and one of their
 * tenders. The cost follows the answer, never the municipality's whole history.
 */
import { amsterdamDate, DAY_MS } from "../domain/amsterdam-time.js";
import { NotFound } from "../domain/errors.js";
import { classifyTender } from "../domain/impact/classify.js";
import {
  computeImpactMonitor,
  type ImpactMonitor,
  type MonitorContract,
  type MonitorPeriod,
  type MonitorScope,
  type MonitorTender,
} from "../domain/impact/monitor.js";
import { centsFromMoney } from "../domain/money.js";
import { firstDayOf, lastDayOf } from "../domain/reports/periods.js";
import { contractEntity, contractQueries } from "../entities/contract.js";
import { organisationEntity, organisationKey, organisationQueries } from "../entities/organisation.js";
import { tenderKey, tenderQueries } from "../entities/tender.js";
import type { Actor } from "../operation.js";
import { getOrganisation, type Organisation, requireRegion } from "../orgs/organisations.js";
import { authorizeReportScope } from "../reports/access.js";
import { batchGetItems } from "../store/batch.js";
import { type Item, publicFields } from "../store/ops.js";
import { queryAll } from "../store/paging.js";
import { inParallel } from "../store/parallel.js";
import { awardModelsOf } from "../tenders/impact-reason.js";
import { fromItem as tenderFromItem, type Tender } from "../tenders/tenders.js";

/** The monitor of one municipality: its officers, the region's auditors, admins (others 403 or 404). */
export async function municipalityImpactMonitor(
  actor: Actor,
  organisationId: string,
  period: MonitorPeriod,
): Promise<ImpactMonitor> {
  const org = await getOrganisation(organisationId);
  if (org?.kind !== "municipality" || !org.regionId) throw new NotFound("municipality");
  await authorizeReportScope(actor, { regionId: org.regionId, scope: "municipality", scopeId: org.id });
  const scope: MonitorScope = {
    kind: "municipality",
    organisationId: org.id,
    regionId: org.regionId,
    name: org.name,
    cbsCode: org.cbsCode,
  };
  return monitorOf(scope, [org], org.cbsCode ? [org.cbsCode] : [], period);
}

/** The monitor of a region, over all its municipalities: its auditors and admins (others 403 or 404). */
export async function regionImpactMonitor(
  actor: Actor,
  regionId: string,
  period: MonitorPeriod,
): Promise<ImpactMonitor> {
  await authorizeReportScope(actor, { regionId, scope: "region", scopeId: null });
  const region = await requireRegion(regionId);
  const municipalities = organisationEntity
    .readAll(await queryAll<Item>(organisationQueries.ofRegion(regionId, "municipality")))
    .map((o) => publicFields<Organisation>(o));
  const localCbsCodes = municipalities.flatMap((m) => (m.cbsCode ? [m.cbsCode] : []));
  return monitorOf({ kind: "region", regionId, name: region.name }, municipalities, localCbsCodes, period);
}

/** The day before `date` and the day after, as ISO dates (Amsterdam dates lie within a day of UTC ones). */
const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

async function monitorOf(
  scope: MonitorScope,
  buyers: readonly Organisation[],
  localCbsCodes: readonly string[],
  period: MonitorPeriod,
): Promise<ImpactMonitor> {
  const first = firstDayOf(period);
  const last = lastDayOf(period);
  const perBuyer = await inParallel(
    buyers,
    async (buyer) => {
      const [tenders, contracts] = await Promise.all([
        // Publication instants are UTC: a day either side covers the Amsterdam dates of the period.
        queryAll<Item>(tenderQueries.publishedBy(buyer.id, shiftDate(first, -1), shiftDate(last, 1))),
        queryAll<Item>({ ...contractQueries.ofBuyer(buyer.id), skBetween: [first, `${last}~`] }),
      ]);
      return { tenders: tenders.map((i) => tenderFromItem(i)), contracts: contractEntity.readAll(contracts) };
    },
    8,
  );
  const tenders = perBuyer.flatMap((b) => b.tenders);
  const contracts = perBuyer.flatMap((b) => b.contracts);

  const supplierIds = [...new Set(contracts.map((c) => c.supplierId))];
  const awardingIds = [...new Set(contracts.flatMap((c) => (c.tenderId ? [c.tenderId] : [])))];
  const [supplierItems, awardingItems] = await Promise.all([
    batchGetItems(supplierIds.map(organisationKey)),
    batchGetItems(awardingIds.map(tenderKey)),
  ]);
  const suppliers = new Map(
    supplierItems.flatMap((item) => (item ? [organisationEntity.read(item)] : [])).map((o) => [o.id, o]),
  );
  const awarding = new Map<string, Tender>(
    awardingItems.flatMap((item) => (item ? [tenderFromItem(item)] : [])).map((t) => [t.id, t]),
  );

  const monitorTenders: MonitorTender[] = tenders.map((t) => ({
    id: t.id,
    publishedOn: amsterdamDate(new Date(t.published!.at)),
    estimatedValueCents: centsFromMoney(t.estimatedValue),
    impact: classifyTender(awardModelsOf(t)),
    noImpactCriteriaReason: t.noImpactCriteriaReason,
  }));
  const monitorContracts: MonitorContract[] = contracts.map((c) => {
    const supplier = suppliers.get(c.supplierId);
    const tender = c.tenderId ? awarding.get(c.tenderId) : undefined;
    return {
      id: c.id,
      valueCents: c.valueCents,
      startDate: c.startDate,
      awardDate: c.awardDate,
      supplier: supplier
        ? {
            municipalityCbsCode: supplier.municipalityCbsCode,
            sizeClass: supplier.sizeClass,
            socialEnterprise: supplier.socialEnterprise,
          }
        : null,
      truePriceCorrections: tender
        ? classifyTender(awardModelsOf(lotOf(tender, c.lotId))).priceCorrections
        : false,
    };
  });
  return computeImpactMonitor({
    scope,
    period,
    localCbsCodes,
    tenders: monitorTenders,
    contracts: monitorContracts,
  });
}

/** The lot a contract was awarded on: its award model decides (the whole tender when the lot is unknown). */
const lotOf = (tender: Tender, lotId: string | null | undefined) => {
  const lot = tender.lots.find((l) => l.id === lotId);
  return lot ? { lots: [lot] } : tender;
};
