/**
 * The impact monitor (rules: lib/domain/impact/README.md, "Impact monitor"): for a municipality or a
 * region and a period of whole months, the shares of published tenders with social criteria, sustainable
 * criteria, a social-return obligation, a price-quality or value award, and a lowest-price award with its
 * reason; and the shares of contract value awarded with true-price corrections, to local suppliers, to
 * SMEs and to social enterprises. Pure: the caller loads the items; this decides what counts.
 */
import { type Cents, type Money, percentOneDecimal, sumCents, toMoney } from "../money.js";
import type { ImpactClass } from "./classify.js";
import { isSme, type SizeClass, type SocialEnterprise, socialEnterpriseValidOn } from "./organisations.js";

export type MonitorScope =
  | { kind: "region"; regionId: string; name: string }
  | { kind: "municipality"; organisationId: string; regionId: string; name: string; cbsCode: string | null };

export interface MonitorPeriod {
  /** First and last month, YYYY-MM, both inclusive. */
  from: string;
  to: string;
}

export interface MonitorTender {
  id: string;
  /** The Amsterdam date of publication (YYYY-MM-DD). */
  publishedOn: string;
  estimatedValueCents: Cents;
  impact: ImpactClass;
  noImpactCriteriaReason: string | null;
}

export interface MonitorSupplier {
  municipalityCbsCode: string | null;
  sizeClass: SizeClass | null;
  socialEnterprise: SocialEnterprise | null;
}

export interface MonitorContract {
  id: string;
  valueCents: Cents;
  /** Counts in the month it starts (YYYY-MM-DD). */
  startDate: string;
  /** A social enterprise counts when its evidence holds on this date. */
  awardDate: string;
  /** Null when the supplier's record is not found. */
  supplier: MonitorSupplier | null;
  /** Whether the awarding tender's model corrected prices; false for contracts without a tender. */
  truePriceCorrections: boolean;
}

export interface MonitorInput {
  scope: MonitorScope;
  period: MonitorPeriod;
  /** The CBS codes a supplier counts as local in: the municipality's, or every municipality's of the region. */
  localCbsCodes: readonly string[];
  /** Items outside the period may be passed: they are left out here. */
  tenders: readonly MonitorTender[];
  contracts: readonly MonitorContract[];
}

export interface Share {
  count: number;
  value: Money;
  /** Percent of the total count, one decimal, half away from zero; 0 when there is nothing to count. */
  percentOfCount: number;
  percentOfValue: number;
}

export interface ImpactMonitor {
  scope: MonitorScope;
  period: MonitorPeriod;
  tenders: {
    count: number;
    estimatedValue: Money;
    withSocialCriteria: Share;
    withSocialReturn: Share;
    withSustainableCriteria: Share;
    priceQuality: Share;
    awardOnValue: Share;
    lowestPriceWithReason: Share;
  };
  contracts: {
    count: number;
    value: Money;
    withTruePriceCorrections: Share;
    toLocalSuppliers: Share;
    toSmes: Share;
    toSocialEnterprises: Share;
  };
}

const inPeriod = (date: string, period: MonitorPeriod) => {
  const month = date.slice(0, 7);
  return period.from <= month && month <= period.to;
};

function shareOf<T>(items: readonly T[], centsOf: (item: T) => Cents, test: (item: T) => boolean): Share {
  const totalCents = sumCents(items.map(centsOf));
  const chosen = items.filter(test);
  const cents = sumCents(chosen.map(centsOf));
  return {
    count: chosen.length,
    value: toMoney(cents),
    percentOfCount: percentOneDecimal(chosen.length, items.length),
    percentOfValue: percentOneDecimal(cents, totalCents),
  };
}

/** A contract's supplier is local when it is established in one of the scope's municipalities. */
export const isLocal = (supplier: MonitorSupplier | null, localCbsCodes: readonly string[]): boolean =>
  supplier?.municipalityCbsCode != null && localCbsCodes.includes(supplier.municipalityCbsCode);

export function computeImpactMonitor(input: MonitorInput): ImpactMonitor {
  const { period } = input;
  const tenders = input.tenders.filter((t) => inPeriod(t.publishedOn, period));
  const contracts = input.contracts.filter((c) => inPeriod(c.startDate, period));
  const tenderShare = (test: (t: MonitorTender) => boolean) =>
    shareOf(tenders, (t) => t.estimatedValueCents, test);
  const contractShare = (test: (c: MonitorContract) => boolean) =>
    shareOf(contracts, (c) => c.valueCents, test);
  return {
    scope: input.scope,
    period: { from: period.from, to: period.to },
    tenders: {
      count: tenders.length,
      estimatedValue: toMoney(sumCents(tenders.map((t) => t.estimatedValueCents))),
      withSocialCriteria: tenderShare((t) => t.impact.socialCriteria),
      withSocialReturn: tenderShare((t) => t.impact.socialReturn),
      withSustainableCriteria: tenderShare((t) => t.impact.sustainableCriteria),
      priceQuality: tenderShare((t) => t.impact.priceQuality),
      awardOnValue: tenderShare((t) => t.impact.awardOnValue),
      lowestPriceWithReason: tenderShare((t) => t.impact.lowestPrice && t.noImpactCriteriaReason !== null),
    },
    contracts: {
      count: contracts.length,
      value: toMoney(sumCents(contracts.map((c) => c.valueCents))),
      withTruePriceCorrections: contractShare((c) => c.truePriceCorrections),
      toLocalSuppliers: contractShare((c) => isLocal(c.supplier, input.localCbsCodes)),
      toSmes: contractShare((c) => isSme(c.supplier?.sizeClass)),
      toSocialEnterprises: contractShare((c) =>
        socialEnterpriseValidOn(c.supplier?.socialEnterprise, c.awardDate),
      ),
    },
  };
}
