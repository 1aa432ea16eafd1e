/**
 * What a regional report is computed from (lib/domain/reports/model.ts ReportInput), read from the
 * running totals and never from the entries: per contract of the scope its month rows up to the period's
 * end (one query each, lib/entities/month-totals.ts), its policy version (immutable, cached), and the
 * entries of the review queue older than the shortest review limit. The work grows with contracts ×
 * months, not with entries. No permission check here: see lib/reports/access.ts.
 */
import { DAY_MS } from "../domain/amsterdam-time.js";
import { NotFound } from "../domain/errors.js";
import type {
  MonthBlockTotals,
  ReportContractInput,
  ReportInput,
  ReportRequest,
} from "../domain/reports/model.js";
import { type Contract, obligationIsToDate } from "../contracts/contract/model.js";
import { poolTransfersOf } from "../contracts/pooling.js";
import { contractEntity, contractKey, contractQueries } from "../entities/contract.js";
import { entryEntity, entryQueries } from "../entities/entry.js";
import {
  cataloguesOf,
  MONTH_COUNTERS,
  monthTotalsEntity,
  monthTotalsQueries,
  parseCatalogueVersion,
  type StoredMonthTotals,
} from "../entities/month-totals.js";
import { organisationEntity, organisationKey, organisationQueries } from "../entities/organisation.js";
import type { Operation } from "../operation.js";
import { getRegion } from "../orgs/organisations.js";
import { getCatalogue, getPolicy, type StoredPolicy } from "../sroi/rules.js";
import { batchGetItems } from "../store/batch.js";
import { getItem, publicFields } from "../store/ops.js";
import { queryAll } from "../store/paging.js";
import { inParallel } from "../store/parallel.js";
import { previousPeriod } from "../domain/reports/periods.js";

type StoredContract = ReturnType<typeof contractEntity.read>;

/** The region's stored contracts of the scope (every buyer of the region for a region or a supplier). */
async function contractsOfScope(request: ReportRequest): Promise<StoredContract[]> {
  const { regionId, scope, scopeId } = request;
  const ofQuery = async (query: Parameters<typeof queryAll>[0]) =>
    contractEntity.readAll(await queryAll(query));
  let found: StoredContract[];
  if (scope === "region") {
    const buyers = organisationEntity.readAll(
      await queryAll(organisationQueries.ofRegion(regionId, "municipality")),
    );
    found = (await inParallel(buyers, (b) => ofQuery(contractQueries.ofBuyer(b.id)))).flat();
  } else if (scope === "municipality") {
    found = await ofQuery(contractQueries.ofBuyer(scopeId!));
  } else if (scope === "supplier") {
    found = await ofQuery(contractQueries.ofSupplier(scopeId!));
  } else {
    const item = await getItem(contractKey(scopeId!));
    found = item ? [contractEntity.read(item)] : [];
  }
  return found.filter((c) => c.regionId === regionId);
}

/** A stored month row as the model's figures (absent counters are 0). */
function monthFigures(row: StoredMonthTotals): MonthBlockTotals {
  const counters = Object.fromEntries(MONTH_COUNTERS.map((c) => [c, row[c] ?? 0])) as Record<
    (typeof MONTH_COUNTERS)[number],
    number
  >;
  return {
    month: row.month,
    blockId: row.blockId,
    kind: row.kind,
    targetGroup: row.targetGroup,
    ...counters,
    catalogues: cataloguesOf(row),
  };
}

/** A row that counts nothing (left at zero by an undone change or a repair) is no row. */
const isEmpty = (row: MonthBlockTotals) =>
  MONTH_COUNTERS.every((c) => row[c] === 0) && row.catalogues.length === 0;

/**
 * Submitted entries older than their contract's review limit at `now`, per contract: one query of the
 * review queue (the region's for a region or supplier scope, else the buyer's) for the entries submitted
 * before the shortest limit of the contracts, each then held against its own contract's limit.
 */
async function overdueReviews(
  request: ReportRequest,
  contracts: StoredContract[],
  now: Date,
): Promise<Map<string, number>> {
  const overdue = new Map<string, number>();
  if (!contracts.length) return overdue;
  const byId = new Map(contracts.map((c) => [c.id, c]));
  const shortest = Math.min(...contracts.map((c) => c.policy.reviewDays));
  const before = new Date(now.getTime() - shortest * DAY_MS).toISOString();
  const queues =
    request.scope === "region" || request.scope === "supplier"
      ? [entryQueries.reviewQueueOfRegion(request.regionId)]
      : [...new Set(contracts.map((c) => c.buyerId))].map((b) => entryQueries.reviewQueueOfBuyer(b));
  const items = (
    await inParallel(queues, (q) => queryAll({ pk: q.pk, index: q.index, skBetween: ["0", before] }))
  ).flat();
  for (const entry of entryEntity.readAll(items)) {
    const contract = byId.get(entry.contractId);
    if (!contract || entry.status !== "submitted") continue;
    if (now.getTime() - Date.parse(entry.submittedAt) > contract.policy.reviewDays * DAY_MS)
      overdue.set(contract.id, (overdue.get(contract.id) ?? 0) + 1);
  }
  return overdue;
}

/**
 * Gathers a report's input: the contracts of the scope whose contract period overlaps the report period
 * or the previous period of equal length, or that have month rows in either, each with every month row
 * up to the period's end. `onProgress(done, total)` after each contract's rows are read.
 */
export async function gatherReportInput(
  op: Operation,
  request: ReportRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<ReportInput> {
  const region = await getRegion(request.regionId);
  if (!region) throw new NotFound("region");
  const { period } = request;
  const previous = previousPeriod(period);
  const candidates = await contractsOfScope(request);
  if (request.scope === "contract" && !candidates.length) throw new NotFound("contract");

  let done = 0;
  const withRows = await inParallel(candidates, async (contract) => {
    // Pool transfers only of a contract whose policy pools: other reports make no extra call.
    const [stored, transfers] = await Promise.all([
      queryAll(monthTotalsQueries.upTo(contract.id, period.to)),
      poolTransfersOf(publicFields<Contract>(contract)),
    ]);
    const rows = monthTotalsEntity
      .readAll(stored)
      .map(monthFigures)
      .filter((row) => !isEmpty(row));
    onProgress?.(++done, candidates.length);
    return { contract, rows, transfers };
  });
  const overlaps = (c: StoredContract) =>
    c.startDate.slice(0, 7) <= period.to && c.endDate.slice(0, 7) >= previous.from;
  const included = withRows
    .filter(({ contract, rows }) => overlaps(contract) || rows.some((r) => r.month >= previous.from))
    .sort((a, b) => (a.contract.id < b.contract.id ? -1 : 1));
  const contracts = included.map((i) => i.contract);

  const policyKeys = [
    ...new Map(contracts.map((c) => [`${c.policy.id}#${c.policy.version}`, c.policy])).values(),
  ];
  const orgIds = [...new Set(contracts.flatMap((c) => [c.buyerId, c.supplierId]))];
  const catalogueVersions = [...new Set(included.flatMap((i) => i.rows.flatMap((r) => r.catalogues)))].sort();
  const [policies, orgItems, catalogues, overdue] = await Promise.all([
    inParallel(policyKeys, async (p) => {
      const policy = await getPolicy(p.id, p.version);
      if (!policy) throw new Error(`policy ${p.id} version ${p.version} of a contract is not stored`);
      return policy;
    }),
    batchGetItems(orgIds.map(organisationKey)),
    inParallel(catalogueVersions, async (text) => {
      const { id, version } = parseCatalogueVersion(text);
      const catalogue = await getCatalogue(id, version);
      return { id, version, name: catalogue?.name ?? id, validFrom: catalogue?.effectiveFrom ?? null };
    }),
    overdueReviews(request, contracts, op.now),
  ]);
  const policyOf = new Map<string, StoredPolicy>(policies.map((p) => [`${p.id}#${p.version}`, p]));
  const names = new Map(
    orgItems.flatMap((item) => (item ? [organisationEntity.read(item)] : [])).map((o) => [o.id, o.name]),
  );
  const nameOf = (id: string) => names.get(id) ?? id;

  const inputs: ReportContractInput[] = included.map(({ contract: stored, rows, transfers }) => {
    const c = publicFields<Contract>(stored);
    const policy = policyOf.get(`${c.policy.id}#${c.policy.version}`)!;
    return {
      id: c.id,
      reference: c.reference,
      title: c.title,
      municipality: { id: c.buyerId, name: nameOf(c.buyerId) },
      supplier: { id: c.supplierId, name: nameOf(c.supplierId) },
      startDate: c.startDate,
      endDate: c.endDate,
      obligationCents: c.obligation.cents,
      obligationApplies: c.obligation.applies,
      // Contracts stored before their base was recorded have their policy version's.
      obligationToDate: obligationIsToDate(c, c.policy.base ?? policy.base),
      committedCents: c.commitment?.cents ?? 0,
      settledOn: c.settlement ? c.settlement.at.slice(0, 10) : null,
      policy: {
        id: c.policy.id,
        version: c.policy.version,
        reportingFrequency: policy.reportingFrequency,
        // The contract keeps these from its policy version at award.
        reviewDays: c.policy.reviewDays,
        recoveryDays: c.policy.recoveryDays,
        atRiskBehindPercent: policy.atRiskBehindPercent,
      },
      months: rows,
      poolTransfers:
        transfers?.map((t) => ({ direction: t.direction, amountCents: t.amountCents, at: t.at })) ?? null,
      overdueReviews: overdue.get(c.id) ?? 0,
    };
  });

  return {
    region: { id: region.id, name: region.name },
    scope: {
      kind: request.scope,
      id: request.scopeId,
      name: await scopeName(request, region.name, candidates, nameOf),
    },
    period,
    computedAt: op.now.toISOString(),
    contracts: inputs,
    rules: {
      catalogues,
      policies: policies
        .map((p) => ({
          id: p.id,
          version: p.version,
          percent: p.percent,
          atRiskBehindPercent: p.atRiskBehindPercent,
        }))
        .sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1)),
    },
  };
}

/** The display name of the scope: the region's, the organisation's, or the contract's reference. */
async function scopeName(
  request: ReportRequest,
  regionName: string,
  candidates: StoredContract[],
  known: (id: string) => string,
): Promise<string> {
  if (request.scope === "region" || !request.scopeId) return regionName;
  if (request.scope === "contract") return candidates[0]?.reference ?? request.scopeId;
  const name = known(request.scopeId);
  if (name !== request.scopeId) return name;
  const item = await getItem(organisationKey(request.scopeId));
  return item ? organisationEntity.read(item).name : request.scopeId;
}
