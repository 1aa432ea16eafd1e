/**
 * Balance, projection and shortfall of a contract (see lib/domain/sroi/README.md, Balance).
 *
 * credited = Σ accepted entries' value; pending = Σ submitted, not yet reviewed; rejected = Σ rejected;
 * shortfall = max(0, obligation − credited). Status, in this order:
 *   settled   — the officer recorded the settlement;
 *   fulfilled — credited ≥ obligation (over-realisation stays visible, it is never moved elsewhere);
 *   shortfall — the contract period has ended and the obligation is not met;
 *   on-track  — credited ≥ obligation × elapsed share of the contract period;
 *   behind    — otherwise.
 * The elapsed share runs from the start date 00:00 UTC to the day after the (inclusive) end date
 * 00:00 UTC. The projection is linear: credited / elapsed share, i.e. the pace so far kept up to the end.
 *
 * An obligation *to date* (`obligationToDate`: a policy on the invoiced turnover or wage bill, whose
 * obligation is recomputed on the base amounts accepted so far) already grows with time: until the
 * contract ends (and while it is not settled) expected by now is the obligation itself, the status is
 * on-track when credited ≥ obligation and behind otherwise — never fulfilled, as the base can still
 * grow — and there is no projection (the final base is unknown). From the day after the end date the
 * usual rules apply.
 *
 * `totalsFromEntries` computes the same totals and breakdowns from the entries themselves; stored
 * running totals are verified and repaired against it.
 */
import { add, cmp, div, make, mul, type Ratio, ratio, roundHalfAwayFromZero } from "../exact.js";
import { type Cents, percentOneDecimal } from "../money.js";
import type { BlockKind } from "./catalogue.js";
import { dayNumber } from "./months.js";

export const BALANCE_STATUSES = ["fulfilled", "on-track", "behind", "shortfall", "settled"] as const;
export type BalanceStatus = (typeof BALANCE_STATUSES)[number];

export interface BalanceTotals {
  obligationCents: Cents;
  committedCents: Cents;
  creditedCents: Cents;
  pendingCents: Cents;
  rejectedCents: Cents;
}

export interface BalanceInput {
  totals: BalanceTotals;
  startDate: string;
  /** Inclusive. */
  endDate: string;
  /** ISO instant or date. */
  now: string;
  settled?: boolean;
  recoveryDays?: number;
  /** The obligation grows with the base amounts accepted so far (invoiced turnover, wage bill). */
  obligationToDate?: boolean;
}

export interface Balance extends BalanceTotals {
  shortfallCents: Cents;
  /** credited above the obligation (stays visible, is not moved to another contract). */
  overRealisationCents: Cents;
  /** credited / obligation in %, 1 decimal; null when there is no obligation. */
  fulfilmentPercent: number | null;
  status: BalanceStatus;
  /** Share of the contract period elapsed, 0..1, as a percentage with 1 decimal. */
  elapsedPercent: number;
  /** obligation × elapsed share: what a linear pace would have credited by now (an obligation to date: itself). */
  expectedByNowCents: Cents;
  /** Linear projection of credited to the contract end; null before the start (no pace yet), and for an obligation to date before the end. */
  projectedCents: Cents | null;
  projectedShortfallCents: Cents | null;
  ended: boolean;
  /** Last day of the recovery period (end date + recoveryDays), when a policy gives one. */
  recoveryDeadline: string | null;
}

const DAY_MS = 86_400_000;

/** A cents amount that became a fraction (× share) back to whole cents, half away from zero. */
const roundCents = (r: Ratio): Cents => Number(roundHalfAwayFromZero(r));

function instantMs(now: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(now) ? Date.parse(`${now}T00:00:00Z`) : Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date or instant: ${now}`);
  return ms;
}

export const addDays = (date: string, days: number): string =>
  new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

/** A period ending on `endDate` (inclusive) has ended from the next day 00:00Z. */
export const periodEnded = (endDate: string, now: string): boolean =>
  instantMs(now) >= (dayNumber(endDate) + 1) * DAY_MS;

/** The last day of the recovery period after a contract ending on `endDate`. */
export const recoveryDeadlineOf = (endDate: string, recoveryDays: number): string =>
  addDays(endDate, recoveryDays);

/** Elapsed share of [start 00:00Z, end+1 00:00Z), clamped to 0..1, exact. */
export function elapsedShare(startDate: string, endDate: string, now: string): Ratio {
  const start = dayNumber(startDate) * DAY_MS;
  const endExclusive = (dayNumber(endDate) + 1) * DAY_MS;
  if (endExclusive <= start) throw new RangeError("end date is before start date");
  const t = instantMs(now);
  if (t <= start) return make(0n);
  if (t >= endExclusive) return make(1n);
  return make(BigInt(t - start), BigInt(endExclusive - start));
}

export function computeBalance(input: BalanceInput): Balance {
  const { totals } = input;
  const obligation = totals.obligationCents;
  const credited = totals.creditedCents;
  const share = elapsedShare(input.startDate, input.endDate, input.now);
  const ended = periodEnded(input.endDate, input.now);
  // A running obligation to date is all due by now; its final amount, hence any projection, is unknown.
  const toDate = input.obligationToDate === true && !ended;
  const expected = toDate ? make(BigInt(obligation)) : mul(obligation, share);
  let status: BalanceStatus;
  if (input.settled) status = "settled";
  else if (toDate) status = credited >= obligation ? "on-track" : "behind";
  else if (credited >= obligation) status = "fulfilled";
  else if (ended) status = "shortfall";
  else if (cmp(credited, expected) >= 0) status = "on-track";
  else status = "behind";
  const projected = toDate || share.n === 0n ? null : ended ? credited : roundCents(div(credited, share));
  return {
    ...totals,
    shortfallCents: Math.max(0, obligation - credited),
    overRealisationCents: Math.max(0, credited - obligation),
    fulfilmentPercent: obligation === 0 ? null : percentOneDecimal(credited, obligation),
    status,
    elapsedPercent: percentOneDecimal(share, 1),
    expectedByNowCents: roundCents(expected),
    projectedCents: projected,
    projectedShortfallCents: projected === null ? null : Math.max(0, obligation - projected),
    ended,
    recoveryDeadline:
      input.recoveryDays === undefined ? null : recoveryDeadlineOf(input.endDate, input.recoveryDays),
  };
}

/** A realisation entry is submitted, then accepted or rejected by its review. */
export const ENTRY_STATUSES = ["submitted", "accepted", "rejected"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** What the balance needs of a stored realisation entry. Reversing entries carry negative value and months. */
export interface BalanceEntry {
  status: EntryStatus;
  valueCents: Cents;
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  candidateRef?: string | null;
  fte?: number | null;
  reportedMonths?: Ratio | null;
  countedMonths?: Ratio | null;
}

export interface BlockBreakdown {
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  creditedCents: Cents;
  pendingCents: Cents;
  /** Distinct candidate references with accepted months (net of reversals) > 0 in this block. */
  persons: number;
  /** Full-time person-years credited: Σ FTE × counted months / 12 over accepted entries (employment). */
  fteYears: Ratio;
  reportedMonths: Ratio;
  countedMonths: Ratio;
}

export interface TargetGroupBreakdown {
  targetGroup: string;
  creditedCents: Cents;
  pendingCents: Cents;
  /** Sum of the persons of its blocks (a candidate is counted once per block). */
  persons: number;
  fteYears: Ratio;
  reportedMonths: Ratio;
  countedMonths: Ratio;
}

export interface EntryTotals {
  creditedCents: Cents;
  pendingCents: Cents;
  rejectedCents: Cents;
  counts: Record<EntryStatus, number>;
  blocks: BlockBreakdown[];
}

const ZERO = make(0n);

/** Totals and per-block breakdowns computed from the entries (the truth running totals must equal). */
export function totalsFromEntries(entries: readonly BalanceEntry[]): EntryTotals {
  const counts: Record<EntryStatus, number> = { submitted: 0, accepted: 0, rejected: 0 };
  let credited = 0;
  let pending = 0;
  let rejected = 0;
  const blocks = new Map<string, BlockBreakdown & { months: Map<string, Ratio> }>();
  for (const e of entries) {
    counts[e.status] += 1;
    if (e.status === "rejected") {
      rejected += e.valueCents;
      continue;
    }
    let row = blocks.get(e.blockId);
    if (!row) {
      row = {
        blockId: e.blockId,
        kind: e.kind,
        targetGroup: e.targetGroup,
        creditedCents: 0,
        pendingCents: 0,
        persons: 0,
        fteYears: ZERO,
        reportedMonths: ZERO,
        countedMonths: ZERO,
        months: new Map(),
      };
      blocks.set(e.blockId, row);
    }
    if (e.status === "submitted") {
      pending += e.valueCents;
      row.pendingCents += e.valueCents;
      continue;
    }
    credited += e.valueCents;
    row.creditedCents += e.valueCents;
    const reported = e.reportedMonths ?? ZERO;
    const counted = e.countedMonths ?? ZERO;
    row.reportedMonths = add(row.reportedMonths, reported);
    row.countedMonths = add(row.countedMonths, counted);
    if (e.fte !== undefined && e.fte !== null)
      row.fteYears = add(row.fteYears, div(mul(ratio(e.fte), counted), 12));
    if (e.candidateRef) row.months.set(e.candidateRef, add(row.months.get(e.candidateRef) ?? ZERO, reported));
  }
  const out: BlockBreakdown[] = [...blocks.values()]
    .map(({ months, ...row }) => ({ ...row, persons: [...months.values()].filter((m) => m.n > 0n).length }))
    .sort((a, b) => (a.blockId < b.blockId ? -1 : a.blockId > b.blockId ? 1 : 0));
  return { creditedCents: credited, pendingCents: pending, rejectedCents: rejected, counts, blocks: out };
}

/** Sums block rows per target group (blocks without one are grouped under "other"). */
export function byTargetGroup(blocks: readonly BlockBreakdown[]): TargetGroupBreakdown[] {
  const groups = new Map<string, TargetGroupBreakdown>();
  for (const b of blocks) {
    const key = b.targetGroup ?? "other";
    const g = groups.get(key) ?? {
      targetGroup: key,
      creditedCents: 0,
      pendingCents: 0,
      persons: 0,
      fteYears: ZERO,
      reportedMonths: ZERO,
      countedMonths: ZERO,
    };
    g.creditedCents += b.creditedCents;
    g.pendingCents += b.pendingCents;
    g.persons += b.persons;
    g.fteYears = add(g.fteYears, b.fteYears);
    g.reportedMonths = add(g.reportedMonths, b.reportedMonths);
    g.countedMonths = add(g.countedMonths, b.countedMonths);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => (a.targetGroup < b.targetGroup ? -1 : 1));
}

export interface TotalsDifference {
  field: string;
  stored: string;
  computed: string;
}

/** Differences between stored running totals and totals recomputed from the entries (empty = consistent). */
export function compareTotals(stored: EntryTotals, computed: EntryTotals): TotalsDifference[] {
  const diffs: TotalsDifference[] = [];
  const num = (field: string, a: number, b: number) => {
    if (a !== b) diffs.push({ field, stored: String(a), computed: String(b) });
  };
  const rat = (field: string, a: Ratio, b: Ratio) => {
    if (cmp(a, b) !== 0) diffs.push({ field, stored: `${a.n}/${a.d}`, computed: `${b.n}/${b.d}` });
  };
  num("creditedCents", stored.creditedCents, computed.creditedCents);
  num("pendingCents", stored.pendingCents, computed.pendingCents);
  num("rejectedCents", stored.rejectedCents, computed.rejectedCents);
  const ids = new Set([...stored.blocks, ...computed.blocks].map((b) => b.blockId));
  for (const id of [...ids].sort()) {
    const s = stored.blocks.find((b) => b.blockId === id);
    const c = computed.blocks.find((b) => b.blockId === id);
    const zero = {
      creditedCents: 0,
      pendingCents: 0,
      persons: 0,
      fteYears: ZERO,
      reportedMonths: ZERO,
      countedMonths: ZERO,
    };
    const a = s ?? zero;
    const b = c ?? zero;
    num(`blocks.${id}.creditedCents`, a.creditedCents, b.creditedCents);
    num(`blocks.${id}.pendingCents`, a.pendingCents, b.pendingCents);
    num(`blocks.${id}.persons`, a.persons, b.persons);
    rat(`blocks.${id}.fteYears`, a.fteYears, b.fteYears);
    rat(`blocks.${id}.reportedMonths`, a.reportedMonths, b.reportedMonths);
    rat(`blocks.${id}.countedMonths`, a.countedMonths, b.countedMonths);
  }
  return diffs;
}

/** Display form of exact months / FTE-years: 2 decimals, as a number. */
export const twoDecimals = (r: Ratio): number => Number(roundHalfAwayFromZero(mul(r, 100))) / 100;
