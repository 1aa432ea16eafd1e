/**
 * The figures of a regional report, computed from each contract's month totals (see model.ts).
 *
 * Flows (accepted, pending, rejected value and counts, counted months, FTE-months) sum the month rows
 * of the period; stocks (cumulative accepted, persons, shortfall) every row up to its last month.
 * Statuses, expected-by-now and projections are the balance's (lib/domain/sroi/balance.ts), taken at
 * the end of the status date: the period's last day, or the day of computation when that is earlier.
 * The previous period of equal length is computed the same way over the same contracts.
 * A contract whose policy allows pooling also counts its pool transfers made up to the status date
 * (for the previous period: up to its last day, or the day of computation when earlier): value drawn
 * from it (pooledOut) and credited to it (pooledIn) count in its shortfall, fulfilment, status and
 * at-risk reason, as in its balance; cumulative accepted stays that of its own entries, so the
 * breakdowns by target group and block kind still add up to the totals.
 * Everything is integer cents or an exact count; every total is the exact sum of its rows, and every
 * list is sorted (by name, then id), so equal input in any order gives equal figures.
 */
import { amsterdamDate } from "../amsterdam-time.js";
import { parseInstant } from "../dates.js";
import { cmp, mul, ratio } from "../exact.js";
import { safeCents, sumCents } from "../money.js";
import { addDays, computeBalance } from "../sroi/balance.js";
import { METHOD_RULES } from "./method.js";
import {
  type AtRiskContract,
  type BreakdownFigures,
  type ContractFigures,
  type DataQualityFlag,
  type FlowFigures,
  type GroupFigures,
  type MonthBlockTotals,
  PERIOD_FIELDS,
  type PartStockFigures,
  type PeriodFigures,
  type ReportContractInput,
  type ReportFigures,
  type ReportInput,
  type ReportPeriod,
} from "./model.js";
import {
  addMonthsToDate,
  dueLabels,
  lastDayOf,
  monthInPeriod,
  parsePeriod,
  previousPeriod,
} from "./periods.js";

/** A contract ending within this many months after the status date, with a shortfall, is at risk. */
export const ENDING_SOON_MONTHS = 3;

/** Code-unit order for text (the same everywhere, whatever the locale), numeric order for numbers. */
const order = <T extends string | number>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);
const byText = order<string>;
const byNameThenKey = (a: { name: string; key: string }, b: { name: string; key: string }) =>
  byText(a.name, b.name) || byText(a.key, b.key);

/** a + b, refused as out of range rather than losing precision (both are safe integers). */
const plus = (a: number, b: number): number => safeCents(a + b, "a report figure");

/** Flows of the rows in the period and stocks of the rows up to its end. */
function partFigures(
  rows: readonly MonthBlockTotals[],
  period: ReportPeriod,
): FlowFigures & PartStockFigures {
  const f: FlowFigures & PartStockFigures = {
    acceptedCents: 0,
    pendingCents: 0,
    rejectedCents: 0,
    acceptedCount: 0,
    pendingCount: 0,
    rejectedCount: 0,
    countedTicks: 0,
    fteUnits: 0,
    cumulativeAcceptedCents: 0,
    persons: 0,
  };
  for (const row of rows) {
    if (row.month > period.to) continue;
    f.cumulativeAcceptedCents = plus(f.cumulativeAcceptedCents, row.creditedCents);
    f.persons = plus(f.persons, row.persons);
    if (row.month < period.from) continue;
    f.acceptedCents = plus(f.acceptedCents, row.creditedCents);
    f.pendingCents = plus(f.pendingCents, row.pendingCents);
    f.rejectedCents = plus(f.rejectedCents, row.rejectedCents);
    f.acceptedCount = plus(f.acceptedCount, row.acceptedCount);
    f.pendingCount = plus(f.pendingCount, row.pendingCount);
    f.rejectedCount = plus(f.rejectedCount, row.rejectedCount);
    f.countedTicks = plus(f.countedTicks, row.countedTicks);
    f.fteUnits = plus(f.fteUnits, row.fteUnits);
  }
  return f;
}

/** `pooledNetCents`: value credited to the contract by pool transfers less value drawn from it. */
const withObligation = (
  part: FlowFigures & PartStockFigures,
  obligationCents: number,
  pooledNetCents = 0,
): PeriodFigures => ({
  ...part,
  obligationCents,
  shortfallCents: Math.max(0, obligationCents - plus(part.cumulativeAcceptedCents, pooledNetCents)),
});

interface PooledFigures {
  pooledOutCents: number;
  pooledInCents: number;
}

/** The value a contract's pool transfers made up to the end of `lastDay` (Amsterdam) drew and credited. */
function pooledUpTo(c: ReportContractInput, lastDay: string): PooledFigures | null {
  if (c.poolTransfers === null) return null;
  const pooled: PooledFigures = { pooledOutCents: 0, pooledInCents: 0 };
  for (const t of c.poolTransfers) {
    if (amsterdamDate(parseInstant(t.at)) > lastDay) continue;
    if (t.direction === "out") pooled.pooledOutCents = plus(pooled.pooledOutCents, t.amountCents);
    else pooled.pooledInCents = plus(pooled.pooledInCents, t.amountCents);
  }
  return pooled;
}

const netOf = (pooled: PooledFigures | null): number =>
  pooled === null ? 0 : pooled.pooledInCents - pooled.pooledOutCents;

/** Field by field sums of rows (sumCents: exact, or refused as out of range). */
function sumFields<F extends string>(
  rows: readonly Record<F, number>[],
  fields: readonly F[],
): Record<F, number> {
  const out = {} as Record<F, number>;
  for (const field of fields)
    out[field] = sumCents(
      rows.map((row) => row[field]),
      "a report total",
    );
  return out;
}

const sumPeriod = (rows: readonly PeriodFigures[]): PeriodFigures => sumFields(rows, PERIOD_FIELDS);

interface Dates {
  period: ReportPeriod;
  previous: ReportPeriod;
  statusDate: string;
  /** The previous period's last day, or the day of computation when earlier (pool transfers up to it). */
  previousStatusDate: string;
  /** The instant the balance is taken at: the end of the status date. */
  balanceNow: string;
}

interface ContractResult {
  figures: ContractFigures;
  atRisk: AtRiskContract | null;
  flags: DataQualityFlag[];
}

/**
 * Why a contract is at risk, if it is: not settled, and ending within ENDING_SOON_MONTHS after the
 * status date (or ended) with a shortfall, or else behind expected-by-now by more than the policy's
 * percentage of it (compared exactly: the percentage may have decimals).
 */
function atRiskReasonOf(
  c: ReportContractInput,
  dates: Dates,
  figures: {
    settled: boolean;
    expectedByNowCents: number;
    /** Cumulative accepted, net of pool transfers. */
    creditedCents: number;
    shortfallCents: number;
  },
): AtRiskContract["reason"] | null {
  if (figures.settled) return null;
  if (figures.shortfallCents > 0 && c.endDate <= addMonthsToDate(dates.statusDate, ENDING_SOON_MONTHS))
    return "ending-with-shortfall";
  const expected = figures.expectedByNowCents;
  const behind = expected - figures.creditedCents;
  if (behind > 0 && cmp(mul(behind, 100), mul(expected, ratio(c.policy.atRiskBehindPercent))) > 0)
    return "behind";
  return null;
}

function contractResult(c: ReportContractInput, dates: Dates): ContractResult {
  const obligation = c.obligationApplies ? c.obligationCents : 0;
  const pooled = pooledUpTo(c, dates.statusDate);
  const current = withObligation(partFigures(c.months, dates.period), obligation, netOf(pooled));
  const previous = withObligation(
    partFigures(c.months, dates.previous),
    obligation,
    netOf(pooledUpTo(c, dates.previousStatusDate)),
  );
  const settled = c.settledOn !== null && c.settledOn <= dates.statusDate;
  const creditedCents = plus(current.cumulativeAcceptedCents, netOf(pooled));
  const balance = computeBalance({
    totals: {
      obligationCents: obligation,
      committedCents: c.committedCents,
      creditedCents,
      pendingCents: current.pendingCents,
      rejectedCents: current.rejectedCents,
    },
    startDate: c.startDate,
    endDate: c.endDate,
    now: dates.balanceNow,
    settled,
    obligationToDate: c.obligationToDate,
  });
  const atRiskReason = atRiskReasonOf(c, dates, {
    settled,
    expectedByNowCents: balance.expectedByNowCents,
    creditedCents,
    shortfallCents: current.shortfallCents,
  });
  const upToEnd = c.months.filter((row) => row.month <= dates.period.to);
  const catalogueVersions = [...new Set(upToEnd.flatMap((row) => row.catalogues))].sort(byText);
  const figures: ContractFigures = {
    contractId: c.id,
    reference: c.reference,
    title: c.title,
    municipalityId: c.municipality.id,
    supplierId: c.supplier.id,
    startDate: c.startDate,
    endDate: c.endDate,
    policy: { id: c.policy.id, version: c.policy.version },
    ...current,
    ...pooled,
    fulfilmentPercent: balance.fulfilmentPercent,
    expectedByNowCents: balance.expectedByNowCents,
    projectedCents: balance.projectedCents,
    status: balance.status,
    atRisk: atRiskReason !== null,
    catalogueVersions,
    previous,
  };
  return {
    figures,
    atRisk:
      atRiskReason === null
        ? null
        : {
            contractId: c.id,
            reason: atRiskReason,
            expectedByNowCents: balance.expectedByNowCents,
            cumulativeAcceptedCents: current.cumulativeAcceptedCents,
            shortfallCents: current.shortfallCents,
          },
    flags: flagsOf(c, dates, catalogueVersions.length),
  };
}

/** The data-quality flags of one contract, in the order of DATA_QUALITY_FLAG_KINDS. */
function flagsOf(c: ReportContractInput, dates: Dates, catalogueVersions: number): DataQualityFlag[] {
  const inPeriod = c.months.filter((row) => monthInPeriod(row.month, dates.period));
  const entries = inPeriod.reduce((n, row) => plus(n, row.entries), 0);
  const withoutEvidence = inPeriod.reduce((n, row) => plus(n, row.withoutEvidence), 0);
  const withoutTargetGroupEvidence = inPeriod.reduce(
    (n, row) => plus(n, row.withoutTargetGroupEvidence ?? 0),
    0,
  );
  const due =
    entries > 0
      ? 0
      : dueLabels({
          frequency: c.policy.reportingFrequency,
          startDate: c.startDate,
          endDate: c.endDate,
          period: dates.period,
          asOf: dates.statusDate,
        }).length;
  const flags: DataQualityFlag[] = [];
  const flag = (kind: DataQualityFlag["kind"], count: number) => {
    if (count > 0) flags.push({ contractId: c.id, kind, count });
  };
  flag("overdue-review", c.overdueReviews);
  flag("missing-evidence", withoutEvidence);
  flag("missing-target-group-evidence", withoutTargetGroupEvidence);
  flag("no-entry-when-due", due);
  flag("several-catalogue-versions", catalogueVersions > 1 ? catalogueVersions : 0);
  return flags;
}

/** Contracts grouped by municipality or supplier (the name of a group is its first contract's). */
function groupContracts(
  contracts: readonly ContractFigures[],
  inputs: ReadonlyMap<string, ReportContractInput>,
  party: (c: ReportContractInput) => { id: string; name: string },
): GroupFigures[] {
  const groups = new Map<string, { name: string; rows: ContractFigures[] }>();
  for (const figures of contracts) {
    const { id, name } = party(inputs.get(figures.contractId)!);
    const group = groups.get(id) ?? { name, rows: [] };
    group.rows.push(figures);
    groups.set(id, group);
  }
  return [...groups]
    .map(([key, { name, rows }]) => ({
      key,
      name,
      contracts: rows.length,
      current: sumPeriod(rows),
      previous: sumPeriod(rows.map((row) => row.previous)),
    }))
    .sort(byNameThenKey);
}

/** Month rows of every contract grouped by target group or block kind. */
function breakdown(
  contracts: readonly ReportContractInput[],
  dates: Dates,
  keyOf: (row: MonthBlockTotals) => string,
): BreakdownFigures[] {
  const groups = new Map<string, { rows: MonthBlockTotals[]; contracts: Set<string> }>();
  for (const c of contracts)
    for (const row of c.months) {
      if (row.month > dates.period.to) continue;
      const key = keyOf(row);
      const group = groups.get(key) ?? { rows: [], contracts: new Set<string>() };
      group.rows.push(row);
      group.contracts.add(c.id);
      groups.set(key, group);
    }
  return [...groups]
    .map(([key, { rows, contracts: ids }]) => ({
      key,
      name: key,
      contracts: ids.size,
      current: partFigures(rows, dates.period),
      previous: partFigures(rows, dates.previous),
    }))
    .sort(byNameThenKey);
}

const byIdThenVersion = <V extends string | number>(
  a: { id: string; version: V },
  b: { id: string; version: V },
) => byText(a.id, b.id) || order(a.version, b.version);

export function computeFigures(input: ReportInput): ReportFigures {
  const period = parsePeriod(input.period);
  const computedDay = amsterdamDate(parseInstant(input.computedAt));
  const lastDay = lastDayOf(period);
  // The earlier of the two dates.
  const statusDate = [computedDay, lastDay].sort(byText)[0]!;
  const previous = previousPeriod(period);
  const dates: Dates = {
    period,
    previous,
    statusDate,
    previousStatusDate: [computedDay, lastDayOf(previous)].sort(byText)[0]!,
    balanceNow: `${addDays(statusDate, 1)}T00:00:00Z`,
  };
  const sorted = [...input.contracts].sort((a, b) => byText(a.reference, b.reference) || byText(a.id, b.id));
  const inputs = new Map(sorted.map((c) => [c.id, c]));
  const results = sorted.map((c) => contractResult(c, dates));
  const contracts = results.map((r) => r.figures);
  return {
    formatVersion: 1,
    region: { id: input.region.id, name: input.region.name },
    scope: { kind: input.scope.kind, id: input.scope.id, name: input.scope.name },
    period,
    previousPeriod: previous,
    computedAt: input.computedAt,
    statusDate,
    contracts,
    totals: {
      contracts: contracts.length,
      current: sumPeriod(contracts),
      previous: sumPeriod(contracts.map((c) => c.previous)),
    },
    byMunicipality: groupContracts(contracts, inputs, (c) => c.municipality),
    bySupplier: groupContracts(contracts, inputs, (c) => c.supplier),
    byTargetGroup: breakdown(sorted, dates, (row) => row.targetGroup ?? "other"),
    byBlockKind: breakdown(sorted, dates, (row) => row.kind),
    atRisk: results.flatMap((r) => (r.atRisk ? [r.atRisk] : [])),
    dataQuality: results.flatMap((r) => r.flags),
    method: {
      catalogues: [...input.rules.catalogues].sort(byIdThenVersion).map((c) => ({ ...c })),
      policies: [...input.rules.policies].sort(byIdThenVersion).map((p) => ({ ...p })),
      rules: METHOD_RULES.map((rule) => ({ id: rule.id, text: { ...rule.text } })),
    },
  };
}
