/**
 * The month rows of a contract's running totals (lib/entities/month-totals.ts): the deltas each change
 * of an entry makes, and the rows recomputed from the entries, to compare and repair.
 */
import { lastMonthOfLabel } from "../../domain/reports/periods.js";
import type { TotalsDifference } from "../../domain/sroi/balance.js";
import { countsWithoutTargetGroupEvidence } from "../../domain/sroi/target-group.js";
import {
  catalogueCounts,
  catalogueField,
  MONTH_COUNTERS,
  monthTotalsKey,
  parseCatalogueVersion,
  type StoredMonthTotals,
} from "../../entities/month-totals.js";
import { addCounters } from "../../store/counters.js";
import type { Entry } from "../entries/model.js";
import { acceptedBlockDeltas, ticksOf } from "./change.js";

type MonthEntry = Pick<
  Entry,
  | "id"
  | "contractId"
  | "status"
  | "valueCents"
  | "blockId"
  | "kind"
  | "targetGroup"
  | "catalogue"
  | "candidateRef"
  | "evidence"
  | "targetGroupEvidence"
  | "period"
  | "fte"
  | "reportedMonths"
  | "countedMonths"
  | "review"
>;

/** The month an entry counts in: the last month of its reporting-period label. */
export const monthOf = (entry: Pick<Entry, "period">) => lastMonthOfLabel(entry.period);

export const monthKeyOf = (entry: Pick<Entry, "contractId" | "blockId" | "period">) =>
  monthTotalsKey(entry.contractId, monthOf(entry), entry.blockId);

export const monthMeta = (entry: Pick<Entry, "period" | "blockId" | "kind" | "targetGroup">) => ({
  month: monthOf(entry),
  blockId: entry.blockId,
  kind: entry.kind,
  targetGroup: entry.targetGroup,
});

/** A submission's deltas in its month row: one more entry, pending. */
export const submittedMonthDeltas = (entry: MonthEntry): Record<string, number> => ({
  entries: 1,
  pendingCount: 1,
  pendingCents: entry.valueCents,
  withoutEvidence: entry.evidence.length ? 0 : 1,
  // Only when it counts: rows of entries stored before the counter existed stay as they were.
  ...(countsWithoutTargetGroupEvidence(entry) ? { withoutTargetGroupEvidence: 1 } : {}),
  [catalogueField(entry.catalogue)]: 1,
});

/** A review's deltas in the entry's month row, persons crossings apart (the review adds them). */
export const reviewedMonthDeltas = (entry: MonthEntry, accepted: boolean): Record<string, number> =>
  accepted
    ? { ...acceptedBlockDeltas(entry as Entry), pendingCount: -1, acceptedCount: 1 }
    : {
        pendingCents: -entry.valueCents,
        rejectedCents: entry.valueCents,
        pendingCount: -1,
        rejectedCount: 1,
      };

/** A month row as figures: its counters (absent = 0) and catalogue counters. */
export interface MonthFigures {
  month: string;
  blockId: string;
  kind: Entry["kind"];
  targetGroup: string | null;
  counters: Record<string, number>;
}

const emptyCounters = () => Object.fromEntries(MONTH_COUNTERS.map((c) => [c, 0])) as Record<string, number>;

export const rowId = (row: { month: string; blockId: string }) => `${row.month}#${row.blockId}`;

/** Stored rows as figures. */
export function storedMonthFigures(rows: readonly StoredMonthTotals[]): MonthFigures[] {
  return rows.map((row) => {
    const counters = emptyCounters();
    for (const c of MONTH_COUNTERS) counters[c] = row[c] ?? 0;
    for (const [version, n] of catalogueCounts(row))
      counters[catalogueField(parseCatalogueVersion(version))] = n;
    return { month: row.month, blockId: row.blockId, kind: row.kind, targetGroup: row.targetGroup, counters };
  });
}

const add = (into: Record<string, number>, deltas: Record<string, number>) => {
  for (const [field, delta] of Object.entries(deltas)) into[field] = (into[field] ?? 0) + delta;
};

/**
 * Where a candidate counts as a person: +1 in the month from which its net accepted ticks up to that
 * month are positive, −1 where they fall back to zero or below (months in order).
 */
export function personSteps(ticksByMonth: ReadonlyMap<string, number>): Map<string, number> {
  const steps = new Map<string, number>();
  let cumulative = 0;
  let counted = 0;
  for (const month of [...ticksByMonth.keys()].sort()) {
    cumulative += ticksByMonth.get(month)!;
    const now = cumulative > 0 ? 1 : 0;
    if (now !== counted) steps.set(month, now - counted);
    counted = now;
  }
  return steps;
}

/**
 * The persons deltas of the month rows when `delta` ticks of `month` were added to a candidate whose
 * ticks per month are now `after` (as the ADD to its person marker returned them).
 */
export function personsDeltasByMonth(
  after: ReadonlyMap<string, number>,
  month: string,
  delta: number,
): Map<string, number> {
  const before = new Map(after);
  before.set(month, (before.get(month) ?? 0) - delta);
  const stepsAfter = personSteps(after);
  const stepsBefore = personSteps(before);
  const deltas = new Map<string, number>();
  for (const m of new Set([...stepsAfter.keys(), ...stepsBefore.keys()])) {
    const d = (stepsAfter.get(m) ?? 0) - (stepsBefore.get(m) ?? 0);
    if (d !== 0) deltas.set(m, d);
  }
  return deltas;
}

/** Net accepted ticks per (block, candidate) and month: what the person markers' month fields hold. */
export function personTicksFromEntries(
  entries: readonly MonthEntry[],
): { blockId: string; candidateRef: string; byMonth: Map<string, number> }[] {
  const people = new Map<string, { blockId: string; candidateRef: string; byMonth: Map<string, number> }>();
  for (const e of entries) {
    if (e.status !== "accepted" || !e.candidateRef) continue;
    const ticks = Number(ticksOf(e.reportedMonths));
    if (ticks === 0) continue;
    const id = JSON.stringify([e.blockId, e.candidateRef]);
    const person = people.get(id) ?? { blockId: e.blockId, candidateRef: e.candidateRef, byMonth: new Map() };
    person.byMonth.set(monthOf(e), (person.byMonth.get(monthOf(e)) ?? 0) + ticks);
    people.set(id, person);
  }
  return [...people.values()];
}

/**
 * The month rows the entries make (the truth the stored rows must equal): every entry counts in its
 * month as submitted, then as reviewed; a candidate counts as a person from the month in which its net
 * accepted months in the block, over the entries of that month and before, become positive
 * (personSteps), whatever the order in which the entries were accepted.
 */
export function monthRowsFromEntries(entries: readonly MonthEntry[]): MonthFigures[] {
  const rows = new Map<string, MonthFigures>();
  const rowOf = (meta: ReturnType<typeof monthMeta>) => {
    const id = rowId(meta);
    let row = rows.get(id);
    if (!row) {
      row = { ...meta, counters: emptyCounters() };
      rows.set(id, row);
    }
    return row;
  };
  for (const e of entries) {
    const row = rowOf(monthMeta(e));
    add(row.counters, submittedMonthDeltas(e));
    if (e.status !== "submitted") add(row.counters, reviewedMonthDeltas(e, e.status === "accepted"));
  }
  const metaOf = new Map(entries.map((e) => [e.blockId, e]));
  for (const { blockId, byMonth } of personTicksFromEntries(entries)) {
    const e = metaOf.get(blockId)!;
    for (const [month, step] of personSteps(byMonth))
      rowOf({ month, blockId, kind: e.kind, targetGroup: e.targetGroup }).counters.persons! += step;
  }
  return [...rows.values()].sort((a, b) => (rowId(a) < rowId(b) ? -1 : 1));
}

/** The fields of two sets of month rows that differ, named `months.<month>.<blockId>.<field>`. */
export function compareMonthRows(stored: MonthFigures[], computed: MonthFigures[]): TotalsDifference[] {
  const diffs: TotalsDifference[] = [];
  const ids = [...new Set([...stored, ...computed].map(rowId))].sort();
  for (const id of ids) {
    const s = stored.find((r) => rowId(r) === id);
    const c = computed.find((r) => rowId(r) === id);
    const row = (s ?? c)!;
    const fields = [
      ...new Set([...Object.keys(s?.counters ?? {}), ...Object.keys(c?.counters ?? {})]),
    ].sort();
    for (const field of fields) {
      const a = s?.counters[field] ?? 0;
      const b = c?.counters[field] ?? 0;
      if (a !== b)
        diffs.push({
          field: `months.${row.month}.${row.blockId}.${field}`,
          stored: String(a),
          computed: String(b),
        });
    }
  }
  return diffs;
}

/**
 * Brings each stored month row to its computed figures with ADDs of the differences (writes that land
 * meanwhile are kept); a stored row with no entries left goes to zero. `finish` retries a step once.
 */
export async function repairMonthRows(
  contractId: string,
  stored: MonthFigures[],
  computed: MonthFigures[],
  finish: (step: () => Promise<unknown>) => Promise<void>,
): Promise<number> {
  let written = 0;
  const zero = (row: MonthFigures): MonthFigures => ({
    ...row,
    counters: Object.fromEntries(Object.keys(row.counters).map((k) => [k, 0])),
  });
  const targets = [
    ...computed,
    ...stored.filter((s) => !computed.some((c) => rowId(c) === rowId(s))).map(zero),
  ];
  for (const target of targets) {
    const s = stored.find((r) => rowId(r) === rowId(target));
    const deltas: Record<string, number> = {};
    for (const field of new Set([...Object.keys(target.counters), ...Object.keys(s?.counters ?? {})])) {
      const d = (target.counters[field] ?? 0) - (s?.counters[field] ?? 0);
      if (d !== 0) deltas[field] = d;
    }
    if (!Object.keys(deltas).length) continue;
    const { month, blockId, kind, targetGroup } = target;
    await finish(() =>
      addCounters(monthTotalsKey(contractId, month, blockId), deltas, { month, blockId, kind, targetGroup }),
    );
    written++;
  }
  return written;
}
