/**
 * Steps 2 to 6 of a bulk upload, and their undo.
 */
import { Conflict, RuleViolation } from "../../../domain/errors.js";
import { monthsToTicks, ticksToMonths } from "../../../domain/sroi/months.js";
import type { Operation } from "../../../operation.js";
import { addCountersOnce } from "../../../store/counters.js";
import {
  candidateClaimEntity,
  candidateClaimKey,
  fteClaimEntity,
  fteClaimKey,
} from "../../../entities/claims.js";
import { entryIndexKeys, entryKey } from "../../../entities/entry.js";
import {
  blockIdsDelta,
  blockTotalsEntity,
  blockTotalsKey,
  totalsEntity,
  totalsKey,
} from "../../../entities/totals.js";
import { batchGetItems } from "../../../store/batch.js";
import type { Entity } from "../../../store/entity.js";
import { deleteIf, type Item, type Key, publicFields, putIfAbsent } from "../../../store/ops.js";
import { inParallel } from "../../../store/parallel.js";
import { rowErrors, rowsInvalid } from "../../bulk.js";
import type { Contract } from "../../contract/model.js";
import { blockMeta, markerDeltas } from "../../totals/change.js";
import type { UploadMark } from "../../totals/read.js";
import { type ClaimMemo, claimCandidate, claimFte, readClaims, rewriteClaimPeriods } from "../claims.js";
import type { Entry, EntryInput } from "../model.js";
import { type CatalogueMemo, prepareEntry } from "../prepare.js";
import { getStoredEntry } from "../read.js";
import { type ImportRow, type PlannedRow, uploadMarker } from "./model.js";
import type { Plan } from "./plan.js";

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
  // Each entry its own item, created once: no row depends on another here.
  await inParallel(planned, async (p) => {
    // The upload's marker on the totals rows, not the entry, records whether its deltas are in.
    const entry: Entry = { ...p.entry, totals: "applied" };
    const item = {
      ...entryKey(contract.id, entry.id),
      ...entryIndexKeys(entry),
      lastOpId: op.opId,
      uploadOpId: op.opId,
      ...entry,
    };
    if (await putIfAbsent(item)) p.entry = entry;
    else {
      const stored = await getStoredEntry(contract.id, entry.id);
      if (stored?.uploadOpId !== op.opId) throw new Conflict("This entry already exists.");
      p.entry = publicFields<Entry>(stored);
    }
  });
  const byBlock = new Map<string, { cents: number; entry: Entry }>();
  for (const { entry } of planned)
    byBlock.set(entry.blockId, { cents: (byBlock.get(entry.blockId)?.cents ?? 0) + entry.valueCents, entry });
  await inParallel([...byBlock], ([blockId, { cents, entry }]) =>
    addCountersOnce(
      blockTotalsKey(contract.id, blockId),
      { pendingCents: cents },
      { name: marker, to: { phase: "applied", pendingCents: cents } },
      blockMeta(entry),
    ),
  );
  const pendingCents = planned.reduce((s, p) => s + p.entry.valueCents, 0);
  await addCountersOnce(
    totalsKey(contract.id),
    { pendingCents, submittedCount: planned.length, ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun", to: { phase: "applied", pendingCents, submittedCount: planned.length } },
    { updatedAt: op.now.toISOString() },
  );
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
 * depend on each other — overlaps, the months counted before, the FTE on a day — so they are claimed in
 * file order, one at a time; different candidates share no claim document and are claimed in parallel.
 * Each claim starts from the document the plan read (`claims`), or the one its previous row wrote.
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
  const people = planned.filter((p) => p.entry.candidateRef && p.months);
  await inParallel(
    groupBy(people, (p) => p.entry.candidateRef!),
    async (rows) => {
      for (const p of rows) {
        try {
          const months = Number(monthsToTicks(p.months!));
          const beforeTicks = await claimCandidate(op, p.entry, months, "", claims);
          if (p.entry.kind === "employment") await claimFte(op, p.entry, "", claims);
          // A concurrent submission of the candidate in the same block changes what counts before.
          if (beforeTicks !== p.beforeTicks)
            p.entry = (
              await prepareEntry(op, contract, p.input, p.entry.id, "", ticksToMonths(beforeTicks), memo)
            ).entry;
        } catch (error) {
          if (error instanceof RuleViolation) throw rowsInvalid(rowErrors(p.row, error, column), rowCount);
          throw error;
        }
      }
    },
  );
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
  // The upload's marks on its totals rows, read together (nothing of this operation is in flight).
  const [totalsItem, ...blockItems] = await batchGetItems([
    totalsKey(contract.id),
    ...blockIds.map((blockId) => blockTotalsKey(contract.id, blockId)),
  ]);
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
  await inParallel(written, async ({ id }) => {
    if (!(await deleteIf(entryKey(contract.id, id), { uploadOpId: op.opId, status: "submitted" }))) {
      const left = await getStoredEntry(contract.id, id);
      if (left?.uploadOpId === op.opId)
        throw new Conflict(`Entry ${id} was reviewed; the upload is not undone.`);
    }
  });
  await unclaimRows(op, contract, written);
  await addCountersOnce(
    totalsKey(contract.id),
    { ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun" },
  );
}

/**
 * Removes this upload's periods from its candidates' claims (FTE claim first, then the contract's),
 * candidates in parallel; the claim documents are read together first, and one without a period of
 * the upload is left alone.
 */
async function unclaimRows(op: Operation, contract: Contract, written: { id: string; input: EntryInput }[]) {
  const mine = new Set(written.map((w) => w.id));
  const refs = [...new Set(written.flatMap((w) => (w.input.candidateRef ? [w.input.candidateRef] : [])))];
  const fte = (ref: string) => ({ entity: fteClaimEntity, key: fteClaimKey(contract.supplierId, ref) });
  const candidate = (ref: string) => ({
    entity: candidateClaimEntity,
    key: candidateClaimKey(contract.id, ref),
  });
  const memo: ClaimMemo = new Map();
  await Promise.all([readClaims(refs.map(fte), memo), readClaims(refs.map(candidate), memo)]);
  const unclaim = <T extends { periods: { entryId: string }[]; version: number }>(claim: {
    entity: Entity<T>;
    key: Key;
  }) =>
    rewriteClaimPeriods(
      op,
      claim,
      (p) => mine.has(p.entryId),
      (periods) => periods.filter((p) => !mine.has(p.entryId)),
      memo,
    );
  await inParallel(refs, async (ref) => {
    await unclaim(fte(ref));
    await unclaim(candidate(ref));
  });
}
