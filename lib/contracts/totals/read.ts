/**
 * The stored running totals of a contract, and whether their in-flight markers are stale.
 */
import { make } from "../../domain/exact.js";
import type { BlockBreakdown, EntryTotals } from "../../domain/sroi/balance.js";
import { MONTH_TICKS, ticksToMonths } from "../../domain/sroi/months.js";
import {
  BLOCK_IDS_FIELD,
  blockTotalsEntity,
  blockTotalsKeys,
  isBlockTotals,
  isTotals,
  type StoredBlockTotals,
  type StoredTotals,
  totalsEntity,
  totalsKey,
  totalsQueries,
} from "../../entities/totals.js";
import { batchGetItems } from "../../store/batch.js";
import { getItem, type Item, type Key } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { inParallel } from "../../store/parallel.js";
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

export interface TotalsRead {
  main: StoredTotals;
  blocks: StoredBlockTotals[];
  totals: EntryTotals;
}

/** A contract's TOTALS row (absent before its first change) and block rows, as figures. */
function totalsOf(row: Key | undefined, blockRows: Key[]): TotalsRead {
  const main: StoredTotals = row ? totalsEntity.read(row) : {};
  const blocks = blockTotalsEntity.readAll(blockRows);
  return { main, blocks, totals: storedAsEntryTotals(main, blocks) };
}

/** The contract's totals rows in one query, however many entries. */
export async function readTotals(contractId: string): Promise<TotalsRead> {
  const rows = await queryAll<Key>(totalsQueries.ofContract(contractId));
  const main = rows.find(isTotals);
  if (main) rememberBlockIds(contractId, main);
  return totalsOf(main, rows.filter(isBlockTotals));
}

/**
 * The block ids each contract's TOTALS row named when this container last read it. A hint only: a
 * read by key checks it against the TOTALS row read in the same call. `blockIds` is only ever ADDed
 * to, so a hint once complete stays complete until a new block gets its first row.
 */
const blockIdsSeen = new Map<string, ReadonlySet<string>>();
const MAX_REMEMBERED = 2_000;

function rememberBlockIds(contractId: string, main: Key) {
  const ids = main[BLOCK_IDS_FIELD as keyof Key] as unknown;
  if (!(ids instanceof Set)) return;
  blockIdsSeen.delete(contractId);
  if (blockIdsSeen.size >= MAX_REMEMBERED) blockIdsSeen.delete(blockIdsSeen.keys().next().value!);
  blockIdsSeen.set(contractId, ids as ReadonlySet<string>);
}

/**
 * The item under `key` (the contract document) and the contract's totals rows, in ONE BatchGetItem
 * when this container knows the block rows' ids from an earlier read and the TOTALS row read with them
 * names no other block; otherwise (first read, a new block, a row from before `blockIds` was kept) the
 * item by key beside readTotals' query, two calls at once. The same figures either way.
 */
export async function readWithTotals(
  key: Key,
  contractId: string,
): Promise<{ item: Item | undefined; read: TotalsRead }> {
  const known = blockIdsSeen.get(contractId);
  if (known) {
    const blockKeys = blockTotalsKeys(contractId, { blockIds: known });
    const [item, main, ...blocks] = await batchGetItems([key, totalsKey(contractId), ...blockKeys]);
    const named = main?.[BLOCK_IDS_FIELD];
    if (named instanceof Set && [...named].every((id) => known.has(id))) {
      rememberBlockIds(contractId, main!);
      return {
        item,
        read: totalsOf(
          main,
          blocks.filter((b) => b !== undefined),
        ),
      };
    }
    blockIdsSeen.delete(contractId);
  }
  const [item, read] = await Promise.all([getItem(key), readTotals(contractId)]);
  return { item, read };
}

/**
 * The totals of many contracts (a page of a list) in one BatchGetItem of their block rows, from their
 * TOTALS rows (`mains`, read by the caller together with whatever else it needed, in `contractIds`'
 * order). The block rows are those each TOTALS row names; a row written before it named them is read
 * with its own query instead (until the list-keys backfill has run). The same figures as readTotals.
 */
export async function readTotalsOfMany(
  contractIds: readonly string[],
  mains: readonly (Key | undefined)[],
): Promise<Map<string, TotalsRead>> {
  const byId = new Map<string, TotalsRead>();
  const keyed: { contractId: string; row: Key; keys: Key[] }[] = [];
  const legacy: string[] = [];
  contractIds.forEach((contractId, i) => {
    const row = mains[i];
    // No TOTALS row: no operation has started on the contract, so it has no block rows either.
    if (!row) byId.set(contractId, totalsOf(undefined, []));
    else if (!(BLOCK_IDS_FIELD in row)) legacy.push(contractId);
    else {
      rememberBlockIds(contractId, row);
      keyed.push({ contractId, row, keys: blockTotalsKeys(contractId, totalsEntity.read(row)) });
    }
  });
  const [blockRows] = await Promise.all([
    batchGetItems(keyed.flatMap((k) => k.keys)),
    inParallel(legacy, async (contractId) => byId.set(contractId, await readTotals(contractId))),
  ]);
  let next = 0;
  for (const { contractId, row, keys } of keyed) {
    const rows = blockRows.slice(next, next + keys.length).filter((r) => r !== undefined);
    next += keys.length;
    byId.set(contractId, totalsOf(row, rows));
  }
  return byId;
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
