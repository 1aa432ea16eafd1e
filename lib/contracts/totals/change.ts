/**
 * Changes of a contract's running totals (its totals row and block rows): atomic ADD only, never a version
 * check, so concurrent submissions all succeed. Each operation first raises an in-flight marker on
 * TOTALS (inFlight +1, inFlightSince = when) and lowers it in the same write that applies its deltas;
 * while it is up the balance says its totals are unverified (never a wrong figure shown as valid).
 * Everything that can fail is computed before the marker goes up; a step that fails after it is undone
 * with its exact inverse (see changeTotals). A marker left by a crash is repaired from the entries by
 * the next read or write once it is older than STALE_MARKER_MS (see repairIfStale).
 */
import { ratio } from "../../domain/exact.js";
import { monthsToTicks, parseRatio } from "../../domain/sroi/months.js";
import type { Operation } from "../../operation.js";
import { blockIdsDelta, totalsKey } from "../../entities/totals.js";
import { addCounters } from "../../store/counters.js";
import type { AddDelta } from "../../store/expressions.js";
import { type Entry, FTE_SCALE } from "../entries/model.js";

export const ticksOf = (text: string | null): bigint => (text ? monthsToTicks(parseRatio(text)) : 0n);

/** Deltas of an entry's acceptance for its block row (months in ticks, FTE-years in FTE×10⁴×ticks). */
export function acceptedBlockDeltas(entry: Entry): Record<string, number> {
  const counted = ticksOf(entry.countedMonths);
  const fteUnits = entry.fte === null ? 0n : (ratio(entry.fte).n * FTE_SCALE) / ratio(entry.fte).d;
  return {
    creditedCents: entry.valueCents,
    pendingCents: -entry.valueCents,
    reportedTicks: Number(ticksOf(entry.reportedMonths)),
    countedTicks: Number(counted),
    fteUnits: Number(fteUnits * counted),
  };
}

export const blockMeta = (entry: Entry) => ({
  blockId: entry.blockId,
  kind: entry.kind,
  targetGroup: entry.targetGroup,
});

/** A candidate counts as a person while its net accepted months are positive: +1 or -1 when that changes. */
export function personsCrossing(marker: Record<string, unknown>, delta: number): number {
  const now = Number(marker.monthsTicks ?? 0);
  const before = now - delta;
  if (before <= 0 && now > 0) return 1;
  if (before > 0 && now <= 0) return -1;
  return 0;
}

/**
 * Every write to the TOTALS row also ADDs 1 to `writes`, so the recompute can tell whether the row moved
 * between its reads and its repair.
 */
export const addTotals = (
  contractId: string,
  deltas: Record<string, AddDelta>,
  set: Record<string, unknown> = {},
) => addCounters(totalsKey(contractId), { ...deltas, writes: 1 }, set);

/**
 * A marker raised longer ago than this belongs to an operation that died: no function runs longer than
 * 28 s, and a retry takes over an Idempotency-Key only after 30 s (IN_PROGRESS_EXPIRY_MS). The next read
 * or write of the contract then repairs the totals from the entries.
 */
export const STALE_MARKER_MS = 60_000;

/**
 * Submissions and rejections never change the credited total, so their markers do not hold up a
 * settlement: they also count in `pendingOnlyInFlight`.
 */
type MarkerKind = "pending-only" | "credit";

export const markerDeltas = (kind: MarkerKind, sign: 1 | -1): Record<string, number> => ({
  inFlight: sign,
  ...(kind === "pending-only" ? { pendingOnlyInFlight: sign } : {}),
});

export const negated = (deltas: Record<string, number>) =>
  Object.fromEntries(Object.entries(deltas).map(([k, v]) => [k, -v]));

/** Counter deltas are checked before any write: a figure that is not a safe integer cannot be stored. */
export function requireSafe(...deltas: Record<string, number>[]) {
  for (const d of deltas)
    for (const [field, value] of Object.entries(d))
      if (!Number.isSafeInteger(value)) throw new RangeError(`${field} delta ${value} is not a safe integer`);
}

/** A write that failed this way may still have been applied: a server fault, a timeout, a dropped connection. */
export function outcomeUnknown(error: unknown): boolean {
  const e = error as { $fault?: string; name?: string; code?: string } | null;
  return (
    e?.$fault === "server" ||
    ["InternalServerError", "ServiceUnavailable", "TimeoutError", "RequestTimeout", "AbortError"].includes(
      e?.name ?? "",
    ) ||
    ["ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(e?.code ?? "")
  );
}

/**
 * Several writes as one step: in order; when one fails with an error that says it did not apply, those
 * done are undone (in reverse) before the error goes on, so the step is all or nothing like a single write.
 */
export async function inOrderOrUndone(steps: Required<Step>[]): Promise<void> {
  const done: Required<Step>[] = [];
  try {
    for (const step of steps) {
      await step.run();
      done.push(step);
    }
  } catch (error) {
    if (outcomeUnknown(error)) throw error;
    try {
      for (const step of done.reverse()) await step.undo();
    } catch (undoError) {
      throw new PartlyApplied(String(undoError));
    }
    throw error;
  }
}

/** A step left half applied: like a write whose outcome is unknown, its marker stays for the repair. */
class PartlyApplied extends Error {
  readonly $fault = "server";
  override readonly name = "PartlyApplied";
}

interface Step {
  run: () => Promise<unknown>;
  /** The exact inverse of `run`; absent for the last step, which is never undone. */
  undo?: () => Promise<unknown>;
}

/**
 * One change of the running totals: raises the in-flight marker (recording the block rows it will write
 * on TOTALS, see lib/entities/totals.ts), runs `before`, applies `totals` in the write that lowers the
 * marker, then `after`. When a step fails with an error that says it did not
 * apply, the steps done are undone in reverse order (undoing the TOTALS write raises the marker again)
 * and the marker is lowered: the request fails and leaves the totals as they were, verified. When the
 * outcome is unknown the marker stays up, and the stale-marker repair recomputes the totals.
 */
export async function changeTotals(
  op: Operation,
  contractId: string,
  kind: MarkerKind,
  change: { blocks: string[]; before: Step[]; totals: Record<string, number>; after: Step[] },
): Promise<void> {
  await addTotals(
    contractId,
    { ...markerDeltas(kind, 1), ...blockIdsDelta(change.blocks) },
    { inFlightSince: op.wallClock().toISOString() },
  );
  const undo: (() => Promise<unknown>)[] = [() => addTotals(contractId, markerDeltas(kind, -1))];
  const totalsStep: Step = {
    run: () =>
      addTotals(
        contractId,
        { ...change.totals, ...markerDeltas(kind, -1) },
        { updatedAt: op.now.toISOString() },
      ),
    undo: () => addTotals(contractId, { ...negated(change.totals), ...markerDeltas(kind, 1) }),
  };
  try {
    for (const step of [...change.before, totalsStep, ...change.after]) {
      await step.run();
      if (step.undo) undo.push(step.undo);
    }
  } catch (error) {
    if (outcomeUnknown(error)) throw error;
    try {
      for (const step of undo.reverse()) await step();
    } catch (undoError) {
      // The marker stays up; the stale-marker repair finishes the job. The caller sees the first error.
      console.error(
        JSON.stringify({
          level: "error",
          message: "undo of a totals change failed",
          contractId,
          error: String(undoError),
        }),
      );
    }
    throw error;
  }
}
