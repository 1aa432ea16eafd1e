/**
 * Steps 2 to 6 of a bulk upload, and their undo.
 */
import { Conflict, RuleViolation } from "../../../domain/errors.js";
import { monthsToTicks, ticksToMonths } from "../../../domain/sroi/months.js";
import type { Operation } from "../../../operation.js";
import { addCountersOnce } from "../../../store/counters.js";
import {
  entryEntity,
  entryIndexKeys,
  entryKey,
  inReviewQueue,
  reviewQueueIndexKeys,
} from "../../../entities/entry.js";
import {
  blockIdsDelta,
  blockTotalsEntity,
  blockTotalsKey,
  totalsEntity,
  totalsKey,
} from "../../../entities/totals.js";
import { batchGetItems, batchPutItems } from "../../../store/batch.js";
import type { Entity } from "../../../store/entity.js";
import { deleteIf, type Item, publicFields } from "../../../store/ops.js";
import { inParallel } from "../../../store/parallel.js";
import { rowErrors, rowsInvalid } from "../../bulk.js";
import type { Contract } from "../../contract/model.js";
import { blockMeta, markerDeltas, negated } from "../../totals/change.js";
import { monthKeyOf, monthMeta, submittedMonthDeltas } from "../../totals/months.js";
import type { UploadMark } from "../../totals/read.js";
import { monthTotalsEntity } from "../../../entities/month-totals.js";
import {
  type ClaimMemo,
  claimCandidatePeriods,
  EntryClaimRefused,
  legacyClaim,
  readClaims,
  rewriteClaimPeriods,
  supplierClaim,
} from "../claims.js";
import { countingScopeOf } from "../counting-scope.js";
import type { Entry, EntryInput } from "../model.js";
import { type CatalogueMemo, prepareEntry } from "../prepare.js";
import { getStoredEntry } from "../read.js";
import { type ImportRow, type PlannedRow, uploadMarker } from "./model.js";
import type { Plan } from "./plan.js";

/** An upload's mark on a month row: the deltas it applied there. */
type MonthMark = { phase: "applied"; deltas?: Record<string, number> };

/** Steps 2 to 6. Entries already stored by an earlier try of this operation are kept as stored. */
export async function writeUpload(
  op: Operation,
  contract: Contract,
  { planned, claims }: Plan,
  column: (path: string) => string,
  rowCount: number,
) {
  await claimRows(op, contract, planned, claims, column, rowCount);
  const marker = uploadMarker(op);
  // The in-flight marker of changeTotals, raised once for the whole upload (a submission's kind), with
  // the block rows it will write.
  await addCountersOnce(
    totalsKey(contract.id),
    {
      ...markerDeltas("pending-only", 1),
      writes: 1,
      ...blockIdsDelta(planned.map((p) => p.entry.blockId)),
    },
    { name: marker, to: { phase: "begun" } },
    { inFlightSince: op.wallClock().toISOString() },
  );
  await writeEntries(op, contract, planned);
  const byBlock = new Map<string, { cents: number; entry: Entry }>();
  for (const { entry } of planned)
    byBlock.set(entry.blockId, { cents: (byBlock.get(entry.blockId)?.cents ?? 0) + entry.valueCents, entry });
  // Each block row and each month row (per month and block) once, with their marks, all in parallel.
  const blockSteps = [...byBlock].map(
    ([blockId, { cents, entry }]) =>
      () =>
        addCountersOnce(
          blockTotalsKey(contract.id, blockId),
          { pendingCents: cents },
          { name: marker, to: { phase: "applied", pendingCents: cents } },
          blockMeta(entry),
        ),
  );
  const monthSteps = monthDeltasOf(planned.map((p) => p.entry)).map(
    ({ entry, deltas }) =>
      () =>
        addCountersOnce(
          monthKeyOf(entry),
          deltas,
          { name: marker, to: { phase: "applied", deltas } },
          monthMeta(entry),
        ),
  );
  await inParallel([...blockSteps, ...monthSteps], (step) => step());
  const pendingCents = planned.reduce((s, p) => s + p.entry.valueCents, 0);
  await addCountersOnce(
    totalsKey(contract.id),
    { pendingCents, submittedCount: planned.length, ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun", to: { phase: "applied", pendingCents, submittedCount: planned.length } },
    { updatedAt: op.now.toISOString() },
  );
}

/** The summed deltas of the entries per month row (month and block), with an entry of each. */
function monthDeltasOf(entries: Entry[]): { entry: Entry; deltas: Record<string, number> }[] {
  const rows = new Map<string, { entry: Entry; deltas: Record<string, number> }>();
  for (const entry of entries) {
    const { sk } = monthKeyOf(entry);
    const row = rows.get(sk) ?? { entry, deltas: {} };
    for (const [field, delta] of Object.entries(submittedMonthDeltas(entry)))
      row.deltas[field] = (row.deltas[field] ?? 0) + delta;
    rows.set(sk, row);
  }
  return [...rows.values()];
}

/** Rows grouped by a key, each group in file order. */
function groupBy<T>(items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return [...groups.values()];
}

/**
 * Step 2: the candidates' claims (conditional writes: a concurrent submission refuses the row, and one
 * in the same block changes the months counted before, so the row is valued again). A candidate's rows
 * depend on each other — overlaps, the months counted before, the FTE on a day — so its claim document
 * takes all of them in one write, in file order, checked as if claimed one at a time. The candidates'
 * documents are independent and written in parallel, each from the copy the plan read (`claims`).
 */
async function claimRows(
  op: Operation,
  contract: Contract,
  planned: PlannedRow[],
  claims: ClaimMemo,
  column: (path: string) => string,
  rowCount: number,
) {
  const memo: CatalogueMemo = new Map();
  const candidates = groupBy(
    planned.filter((p) => p.entry.candidateRef && p.months),
    (p) => p.entry.candidateRef!,
  );
  await inParallel(candidates, async (rows) => {
    /** A refusal as 422 rows-invalid, naming the row it is about. */
    const refused = (error: unknown, p?: PlannedRow) => {
      if (!(error instanceof RuleViolation)) return error;
      const entryId = error instanceof EntryClaimRefused ? error.entryId : undefined;
      const row = p ?? rows.find((r) => r.entry.id === entryId) ?? rows[0]!;
      return rowsInvalid(rowErrors(row.row, error, column), rowCount);
    };
    let before: number[];
    try {
      const months = rows.map((p) => ({ entry: p.entry, monthsTicks: Number(monthsToTicks(p.months!)) }));
      before = await claimCandidatePeriods(op, months, "", countingScopeOf(contract), claims);
    } catch (error) {
      throw refused(error);
    }
    // A concurrent submission of the candidate in the same block changes what counts before.
    for (const [i, p] of rows.entries()) {
      if (before[i] === p.beforeTicks) continue;
      try {
        const monthsBefore = ticksToMonths(before[i]!);
        p.entry = (await prepareEntry(op, contract, p.input, p.entry.id, "", monthsBefore, memo)).entry;
      } catch (error) {
        throw refused(error, p);
      }
    }
  });
}

/** An entry's item: the entry, its bookkeeping, its status index keys and the review queue's. */
const entryItem = (op: Operation, contract: Contract, entry: Entry): Item => ({
  ...entryKey(contract.id, entry.id),
  ...entryIndexKeys(entry),
  lastOpId: op.opId,
  uploadOpId: op.opId,
  ...entry,
  ...reviewQueueIndexKeys(contract, entry),
});

/**
 * Step 4: each entry its own item, created once, in the review queue's index from the start (the
 * queue lists it once the upload is complete). No other operation writes these ids (they derive from
 * this one's), so one strongly consistent read finds what an earlier try stored — kept as stored —
 * and the rest are written in batches, without a condition. An earlier try's entry that is not in the
 * queue yet (written before entries joined at once) is marked to join it in step 9.
 */
async function writeEntries(op: Operation, contract: Contract, planned: PlannedRow[]) {
  const stored = await batchGetItems(planned.map((p) => entryKey(contract.id, p.entry.id)));
  const fresh: Item[] = [];
  for (const [i, p] of planned.entries()) {
    const item = stored[i];
    if (item) {
      const entry = entryEntity.read(item);
      if (entry.uploadOpId !== op.opId) throw new Conflict("This entry already exists.");
      p.entry = publicFields<Entry>(entry);
      p.queued = inReviewQueue(item);
      continue;
    }
    // The upload's marker on the totals rows, not the entry, records whether its deltas are in.
    p.entry = { ...p.entry, totals: "applied" };
    p.queued = true;
    fresh.push(entryItem(op, contract, p.entry));
  }
  await batchPutItems(fresh);
}

/**
 * Undoes whatever steps 2 to 6 of this operation left, in reverse order; each undo is conditional on
 * the upload's marker or entry ids, so running it again (or on rows never written) changes nothing.
 * Within a step the items are independent and undone in parallel.
 */
export async function undoUpload(op: Operation, contract: Contract, rows: ImportRow[], ids: string[]) {
  const marker = uploadMarker(op);
  const written = rows.flatMap((r, i) => (r.input ? [{ id: ids[i]!, input: r.input }] : []));
  const blockIds = [...new Set(written.map((w) => w.input.blockId))];
  const monthKeys = [
    ...new Map(
      written.map((w) => {
        const key = monthKeyOf({ contractId: contract.id, blockId: w.input.blockId, period: w.input.period });
        return [key.sk, key] as const;
      }),
    ).values(),
  ];
  // The upload's marks on its totals rows, read together (nothing of this operation is in flight).
  const [totalsItem, ...rowItems] = await batchGetItems([
    totalsKey(contract.id),
    ...blockIds.map((blockId) => blockTotalsKey(contract.id, blockId)),
    ...monthKeys,
  ]);
  const blockItems = rowItems.slice(0, blockIds.length);
  const monthItems = rowItems.slice(blockIds.length);
  const mark = (entity: Entity<object>, item: Item | undefined) =>
    item ? (entity.read(item)[marker] as UploadMark | undefined) : undefined;
  const totals = mark(totalsEntity, totalsItem);
  if (totals?.phase === "applied")
    await addCountersOnce(
      totalsKey(contract.id),
      {
        pendingCents: -(totals.pendingCents ?? 0),
        submittedCount: -(totals.submittedCount ?? 0),
        ...markerDeltas("pending-only", 1),
        writes: 1,
      },
      { name: marker, from: "applied", to: { phase: "begun" } },
      { inFlightSince: op.wallClock().toISOString() },
    );
  await inParallel(blockIds, async (blockId, i) => {
    const block = mark(blockTotalsEntity, blockItems[i]);
    if (block?.phase === "applied")
      await addCountersOnce(
        blockTotalsKey(contract.id, blockId),
        { pendingCents: -(block.pendingCents ?? 0) },
        { name: marker, from: "applied" },
      );
  });
  await inParallel(monthKeys, async (key, i) => {
    const month = mark(monthTotalsEntity, monthItems[i]) as MonthMark | undefined;
    if (month?.phase === "applied")
      await addCountersOnce(key, negated(month.deltas ?? {}), { name: marker, from: "applied" });
  });
  const entries = await batchGetItems(written.map(({ id }) => entryKey(contract.id, id)));
  await inParallel(
    written.filter((_, i) => entries[i]?.uploadOpId === op.opId),
    async ({ id }) => {
      if (!(await deleteIf(entryKey(contract.id, id), { uploadOpId: op.opId, status: "submitted" }))) {
        const left = await getStoredEntry(contract.id, id);
        if (left?.uploadOpId === op.opId)
          throw new Conflict(`Entry ${id} was reviewed; the upload is not undone.`);
      }
    },
  );
  await unclaimRows(op, contract, written);
  await addCountersOnce(
    totalsKey(contract.id),
    { ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun" },
  );
}

/**
 * Removes this upload's periods from its candidates' claims, candidates in parallel; the claim
 * documents are read together first, and one without a period of the upload is left alone.
 */
async function unclaimRows(op: Operation, contract: Contract, written: { id: string; input: EntryInput }[]) {
  const mine = new Set(written.map((w) => w.id));
  const refs = [...new Set(written.flatMap((w) => (w.input.candidateRef ? [w.input.candidateRef] : [])))];
  const at = (candidateRef: string) => ({
    contractId: contract.id,
    supplierId: contract.supplierId,
    candidateRef,
  });
  const memo: ClaimMemo = new Map();
  await Promise.all([
    readClaims(
      refs.map((ref) => supplierClaim(at(ref))),
      memo,
    ),
    readClaims(
      refs.map((ref) => legacyClaim(at(ref))),
      memo,
    ),
  ]);
  await inParallel(refs, (ref) =>
    rewriteClaimPeriods(
      op,
      at(ref),
      (p) => mine.has(p.entryId),
      (periods) => periods.filter((p) => !mine.has(p.entryId)),
      memo,
    ),
  );
}
