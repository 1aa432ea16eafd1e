/**
 * Regional social-return reports: what the figures are computed from and what they are.
 * Money is integer cents, counts are integers, months and FTE are exact tick counts turned into
 * text with two decimals only when rendered. Every total equals the sum of its rows exactly.
 */
import type { BalanceStatus } from "../sroi/balance.js";
import type { BlockKind } from "../sroi/catalogue.js";

/** Whole months, both inclusive: `YYYY-MM`. */
export interface ReportPeriod {
  from: string;
  to: string;
}

export const REPORT_SCOPES = ["region", "municipality", "supplier", "contract"] as const;
export type ReportScopeKind = (typeof REPORT_SCOPES)[number];

/** What a report covers: a region, a scope in it (the municipality, supplier or contract id; null for the region), a period. */
export interface ReportRequest {
  regionId: string;
  scope: ReportScopeKind;
  scopeId: string | null;
  period: ReportPeriod;
}

export interface ReportScope {
  kind: ReportScopeKind;
  /** The municipality, supplier or contract id; null for the whole region. */
  id: string | null;
  /** Display name of the region, municipality, supplier or contract reference. */
  name: string;
}

export type ReportingFrequency = "monthly" | "quarterly" | "half-yearly" | "yearly";

/**
 * The running totals of one contract for one month and one building block: the entries whose
 * reporting-period label ends in that month (`2026-H1` ends in 2026-06). Stored as counters,
 * changed with every submission, review, reversal and repair.
 */
export interface MonthBlockTotals {
  month: string;
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  /** Entries whose label ends in the month, whatever their status now. */
  entries: number;
  acceptedCount: number;
  pendingCount: number;
  rejectedCount: number;
  creditedCents: number;
  pendingCents: number;
  rejectedCents: number;
  /** Entries submitted without any evidence reference. */
  withoutEvidence: number;
  /** Labour entries submitted without target-group evidence (absent on rows read before it existed: 0). */
  withoutTargetGroupEvidence?: number;
  /** Change in the number of persons counted (a candidate whose net accepted months became positive: +1). */
  persons: number;
  /** Accepted months reported and counted, in ticks (MONTH_TICKS a month). */
  reportedTicks: number;
  countedTicks: number;
  /** Accepted FTE × counted months, in FTE_SCALE × ticks. */
  fteUnits: number;
  /** Catalogue versions of the entries, as `<catalogueId>@<version>`. */
  catalogues: string[];
}

export interface ReportContractInput {
  id: string;
  reference: string;
  title: string;
  municipality: { id: string; name: string };
  supplier: { id: string; name: string };
  startDate: string;
  /** Inclusive. */
  endDate: string;
  obligationCents: number;
  obligationApplies: boolean;
  /** The obligation grows with the base amounts accepted so far (invoiced turnover, wage bill): see computeBalance. */
  obligationToDate: boolean;
  committedCents: number;
  /** The date of the settlement, when recorded. */
  settledOn: string | null;
  policy: {
    id: string;
    version: number;
    reportingFrequency: ReportingFrequency;
    reviewDays: number;
    recoveryDays: number;
    atRiskBehindPercent: number;
  };
  /** Every month row with a month up to the period's end (earlier months give the cumulative figures). */
  months: MonthBlockTotals[];
  /** The contract's pool transfers, when its policy allows pooling (null otherwise): see figures.ts. */
  poolTransfers: ReportPoolTransfer[] | null;
  /** Entries still submitted whose submission is older than the policy's review limit at `computedAt`. */
  overdueReviews: number;
}

/** Realised value drawn from ("out") or credited to ("in") a contract by a pool transfer, at an instant. */
export interface ReportPoolTransfer {
  direction: "out" | "in";
  amountCents: number;
  /** ISO instant the transfer was made. */
  at: string;
}

export interface ReportInput {
  region: { id: string; name: string };
  scope: ReportScope;
  period: ReportPeriod;
  /** When the figures are computed (ISO instant): statuses count as they are then. */
  computedAt: string;
  contracts: ReportContractInput[];
  /** Catalogue and policy versions in use, for the method section. */
  rules: {
    catalogues: { id: string; version: string; name: string; validFrom: string | null }[];
    policies: { id: string; version: number; percent: number; atRiskBehindPercent: number }[];
  };
}

/** Flow figures of a set of entries in a period: they add up when a period is split in two. */
export interface FlowFigures {
  acceptedCents: number;
  pendingCents: number;
  rejectedCents: number;
  acceptedCount: number;
  pendingCount: number;
  rejectedCount: number;
  /** Counted months in ticks, FTE-months in FTE_SCALE × ticks. */
  countedTicks: number;
  fteUnits: number;
}

/** Stock figures at the period's end of part of a contract's entries (a target group, a block kind). */
export interface PartStockFigures {
  /** Accepted value of every entry whose reporting period ends on or before the period's last month. */
  cumulativeAcceptedCents: number;
  /** Σ persons deltas up to the period's end (a candidate counts once per building block). */
  persons: number;
}

/** Stock figures of whole contracts at the period's end: the obligation belongs to a contract as a whole. */
export interface StockFigures extends PartStockFigures {
  /** 0 when no obligation applies. */
  obligationCents: number;
  /** max(0, obligation − cumulative accepted), with a pooling contract's transfers counted. */
  shortfallCents: number;
}

/** Flows in a period and stocks at its end, of one contract or a set of them. */
export type PeriodFigures = FlowFigures & StockFigures;

/** The fields of FlowFigures and of PeriodFigures, in the order reports list them. */
export const FLOW_FIELDS = [
  "acceptedCents",
  "pendingCents",
  "rejectedCents",
  "acceptedCount",
  "pendingCount",
  "rejectedCount",
  "countedTicks",
  "fteUnits",
] as const satisfies readonly (keyof FlowFigures)[];

export const PERIOD_FIELDS = [
  ...FLOW_FIELDS,
  "obligationCents",
  "cumulativeAcceptedCents",
  "shortfallCents",
  "persons",
] as const satisfies readonly (keyof PeriodFigures)[];

export interface ContractFigures extends FlowFigures, StockFigures {
  contractId: string;
  reference: string;
  title: string;
  municipalityId: string;
  supplierId: string;
  startDate: string;
  endDate: string;
  policy: { id: string; version: number };
  /**
   * Only for a contract whose policy allows pooling: value its pool transfers made up to the status date
   * drew from it and credited to it. Fulfilment, shortfall, status and at-risk count cumulative accepted
   * − pooledOut + pooledIn; cumulative accepted stays that of the contract's own entries.
   */
  pooledOutCents?: number;
  pooledInCents?: number;
  /** Cumulative accepted (net of pool transfers) ÷ obligation in %, one decimal; null without an obligation. */
  fulfilmentPercent: number | null;
  expectedByNowCents: number;
  projectedCents: number | null;
  status: BalanceStatus;
  atRisk: boolean;
  catalogueVersions: string[];
  /** The same flows and stocks for the previous period of equal length (for the change, and verify). */
  previous: PeriodFigures;
}

/** Contracts grouped per municipality or supplier; current and previous are sums of the contracts' rows. */
export interface GroupFigures {
  /** Municipality or supplier id. */
  key: string;
  name: string;
  contracts: number;
  current: PeriodFigures;
  previous: PeriodFigures;
}

/**
 * Entries grouped per target group or building-block kind, across contracts. Obligation and shortfall
 * belong to a contract as a whole and are not split over its parts, so these groups have none; flows,
 * cumulative accepted and persons add up to the totals.
 */
export interface BreakdownFigures {
  /** The target group (entries of blocks without one under "other"), or the block kind. */
  key: string;
  name: string;
  /** Contracts with entries of this group up to the period's end. */
  contracts: number;
  current: FlowFigures & PartStockFigures;
  previous: FlowFigures & PartStockFigures;
}

/** Why a contract is at risk; a contract meeting both is listed once, as ending with a shortfall. */
export const AT_RISK_REASONS = ["behind", "ending-with-shortfall"] as const;

export interface AtRiskContract {
  contractId: string;
  reason: (typeof AT_RISK_REASONS)[number];
  expectedByNowCents: number;
  cumulativeAcceptedCents: number;
  shortfallCents: number;
}

/** In the order a contract's flags are listed. */
export const DATA_QUALITY_FLAG_KINDS = [
  "overdue-review",
  "missing-evidence",
  "missing-target-group-evidence",
  "no-entry-when-due",
  "several-catalogue-versions",
] as const;
export type DataQualityFlagKind = (typeof DATA_QUALITY_FLAG_KINDS)[number];

export interface DataQualityFlag {
  contractId: string;
  kind: DataQualityFlagKind;
  /**
   * Entries concerned (overdue-review, missing-evidence, missing-target-group-evidence), reporting periods due without an entry
   * (no-entry-when-due), or catalogue versions used (several-catalogue-versions).
   */
  count: number;
}

export interface ReportFigures {
  formatVersion: 1;
  region: { id: string; name: string };
  scope: ReportScope;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  computedAt: string;
  /**
   * The date statuses and expected-by-now are taken at (at its end): the period's last day, or
   * computedAt's Europe/Amsterdam date when earlier.
   */
  statusDate: string;
  contracts: ContractFigures[];
  totals: { contracts: number; current: PeriodFigures; previous: PeriodFigures };
  byMunicipality: GroupFigures[];
  bySupplier: GroupFigures[];
  byTargetGroup: BreakdownFigures[];
  byBlockKind: BreakdownFigures[];
  atRisk: AtRiskContract[];
  dataQuality: DataQualityFlag[];
  method: {
    catalogues: ReportInput["rules"]["catalogues"];
    policies: ReportInput["rules"]["policies"];
    rules: { id: string; text: { nl: string; en: string } }[];
  };
}
