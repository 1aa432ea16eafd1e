/**
 * The stored running totals of a contract, and whether their in-flight markers are stale.
 */
import { make } from "../../domain/exact.js";
import type { BlockBreakdown, EntryTotals } from "../../domain/sroi/balance.js";
import { MONTH_TICKS, ticksToMonths } from "../../domain/sroi/months.js";
import {
  blockTotalsEntity,
  isBlockTotals,
  isTotals,
  type StoredBlockTotals,
  type StoredTotals,
  totalsEntity,
  totalsQueries,
} from "../../entities/totals.js";
import type { Key } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { FTE_SCALE } from "../entries/model.js";
import { STALE_MARKER_MS } from "./change.js";

const fteYearsOf = (units: number) => make(BigInt(units), FTE_SCALE * MONTH_TICKS * 12n);

function storedAsEntryTotals(main: StoredTotals, blocks: StoredBlockTotals[]): EntryTotals {
  return {
    creditedCents: main.creditedCents ?? 0,
    pendingCents: main.pendingCents ?? 0,
    rejectedCents: main.rejectedCents ?? 0,
    counts: {
      submitted: main.submittedCount ?? 0,
      accepted: main.acceptedCount ?? 0,
      rejected: main.rejectedCount ?? 0,
    },
    blocks: blocks
      .map(
        (b): BlockBreakdown => ({
          blockId: b.blockId,
          kind: b.kind,
          targetGroup: b.targetGroup,
          creditedCents: b.creditedCents ?? 0,
          pendingCents: b.pendingCents ?? 0,
          persons: b.persons ?? 0,
          fteYears: fteYearsOf(b.fteUnits ?? 0),
          reportedMonths: ticksToMonths(b.reportedTicks ?? 0),
          countedMonths: ticksToMonths(b.countedTicks ?? 0),
        }),
      )
      .filter((b) => b.creditedCents || b.pendingCents || b.persons || b.reportedMonths.n || b.fteYears.n)
      .sort((a, b) => (a.blockId < b.blockId ? -1 : 1)),
  };
}

/** Two reads, however many entries: the contract document and its totals rows (one query). */
export async function readTotals(contractId: string) {
  const rows = await queryAll<Key>(totalsQueries.ofContract(contractId));
  const row = rows.find(isTotals);
  const main: StoredTotals = row ? totalsEntity.read(row) : {};
  const blocks = blockTotalsEntity.readAll(rows.filter(isBlockTotals));
  return { main, blocks, totals: storedAsEntryTotals(main, blocks) };
}

export interface UploadMark {
  phase: "begun" | "applied";
  pendingCents?: number;
  submittedCount?: number;
}

/**
 * Every marker is older than STALE_MARKER_MS: each was raised by an operation that has died (a live one
 * raises its marker within the function's run). Markers from before inFlightSince was kept are left to
 * the admin's recompute; an unfinished upload's to its retry (see uploadUnfinished).
 */
export function markersStale(main: StoredTotals, wallNow: Date): boolean {
  return (
    (main.inFlight ?? 0) !== 0 &&
    !uploadUnfinished(main) &&
    main.inFlightSince !== undefined &&
    wallNow.getTime() - Date.parse(main.inFlightSince) > STALE_MARKER_MS
  );
}

/**
 * An upload between raising its marker and applying its totals (or undoing them): the entries' own
 * figures cannot tell what it has applied, so the totals are left for it to finish — its retry with
 * the same Idempotency-Key completes or undoes it — and are not repaired meanwhile.
 */
export const uploadUnfinished = (main: StoredTotals) =>
  Object.entries<unknown>(main).some(
    ([name, mark]) => name.startsWith("upload#") && (mark as UploadMark | undefined)?.phase === "begun",
  );
