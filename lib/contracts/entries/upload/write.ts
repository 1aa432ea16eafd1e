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
import { entryKey } from "../../../entities/entry.js";
import { blockTotalsEntity, blockTotalsKey, totalsEntity, totalsKey } from "../../../entities/totals.js";
import type { Entity } from "../../../store/entity.js";
import { deleteIf, getItem, type Key, publicFields, putIfAbsent } from "../../../store/ops.js";
import { rowErrors, rowsInvalid } from "../../bulk.js";
import type { Contract } from "../../contract/model.js";
import { blockMeta, markerDeltas } from "../../totals/change.js";
import type { UploadMark } from "../../totals/read.js";
import { claimCandidate, claimFte, rewriteClaimPeriods } from "../claims.js";
import type { Entry, EntryInput } from "../model.js";
import { type CatalogueMemo, prepareEntry } from "../prepare.js";
import { getStoredEntry } from "../read.js";
import { type ImportRow, type PlannedRow, uploadMarker } from "./model.js";

/** Steps 2 to 6. Entries already stored by an earlier try of this operation are kept as stored. */
export async function writeUpload(
  op: Operation,
  contract: Contract,
  planned: PlannedRow[],
  column: (path: string) => string,
  rowCount: number,
) {
  await claimRows(op, contract, planned, column, rowCount);
  const marker = uploadMarker(op);
  // The in-flight marker of changeTotals, raised once for the whole upload (a submission's kind).
  await addCountersOnce(
    totalsKey(contract.id),
    { ...markerDeltas("pending-only", 1), writes: 1 },
    { name: marker, to: { phase: "begun" } },
    { inFlightSince: op.wallClock().toISOString() },
  );
  for (const p of planned) {
    // The upload's marker on the totals rows, not the entry, records whether its deltas are in.
    const entry: Entry = { ...p.entry, totals: "applied" };
    const item = { ...entryKey(contract.id, entry.id), lastOpId: op.opId, uploadOpId: op.opId, ...entry };
    if (await putIfAbsent(item)) p.entry = entry;
    else {
      const stored = await getStoredEntry(contract.id, entry.id);
      if (stored?.uploadOpId !== op.opId) throw new Conflict("This entry already exists.");
      p.entry = publicFields<Entry>(stored);
    }
  }
  const byBlock = new Map<string, { cents: number; entry: Entry }>();
  for (const { entry } of planned)
    byBlock.set(entry.blockId, { cents: (byBlock.get(entry.blockId)?.cents ?? 0) + entry.valueCents, entry });
  for (const [blockId, { cents, entry }] of byBlock)
    await addCountersOnce(
      blockTotalsKey(contract.id, blockId),
      { pendingCents: cents },
      { name: marker, to: { phase: "applied", pendingCents: cents } },
      blockMeta(entry),
    );
  const pendingCents = planned.reduce((s, p) => s + p.entry.valueCents, 0);
  await addCountersOnce(
    totalsKey(contract.id),
    { pendingCents, submittedCount: planned.length, ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun", to: { phase: "applied", pendingCents, submittedCount: planned.length } },
    { updatedAt: op.now.toISOString() },
  );
}

/**
 * Step 2: the candidates' claims, row by row (conditional writes: a concurrent submission refuses the
 * row, and one in the same block changes the months counted before, so the row is valued again).
 */
async function claimRows(
  op: Operation,
  contract: Contract,
  planned: PlannedRow[],
  column: (path: string) => string,
  rowCount: number,
) {
  const memo: CatalogueMemo = new Map();
  for (const p of planned) {
    if (!p.entry.candidateRef || !p.months) continue;
    try {
      const beforeTicks = await claimCandidate(op, p.entry, Number(monthsToTicks(p.months)), "");
      if (p.entry.kind === "employment") await claimFte(op, p.entry, "");
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
}

/**
 * Undoes whatever steps 2 to 6 of this operation left, in reverse order; each undo is conditional on
 * the upload's marker or entry ids, so running it again (or on rows never written) changes nothing.
 */
export async function undoUpload(op: Operation, contract: Contract, rows: ImportRow[], ids: string[]) {
  const marker = uploadMarker(op);
  const mark = async (entity: Entity<object>, key: Key) => {
    const item = await getItem(key);
    return item ? (entity.read(item)[marker] as UploadMark | undefined) : undefined;
  };
  const totals = await mark(totalsEntity, totalsKey(contract.id));
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
  const written = rows.flatMap((r, i) => (r.input ? [{ id: ids[i]!, input: r.input }] : []));
  for (const blockId of new Set(written.map((w) => w.input.blockId))) {
    const block = await mark(blockTotalsEntity, blockTotalsKey(contract.id, blockId));
    if (block?.phase === "applied")
      await addCountersOnce(
        blockTotalsKey(contract.id, blockId),
        { pendingCents: -(block.pendingCents ?? 0) },
        { name: marker, from: "applied" },
      );
  }
  for (const { id } of [...written].reverse())
    if (!(await deleteIf(entryKey(contract.id, id), { uploadOpId: op.opId, status: "submitted" }))) {
      const left = await getStoredEntry(contract.id, id);
      if (left?.uploadOpId === op.opId)
        throw new Conflict(`Entry ${id} was reviewed; the upload is not undone.`);
    }
  await unclaimRows(op, contract, written);
  await addCountersOnce(
    totalsKey(contract.id),
    { ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun" },
  );
}

/** Removes this upload's periods from its candidates' claims (FTE claim first, then the contract's). */
async function unclaimRows(op: Operation, contract: Contract, written: { id: string; input: EntryInput }[]) {
  const mine = new Set(written.map((w) => w.id));
  const unclaim = <T extends { periods: { entryId: string }[]; version: number }>(claim: {
    entity: Entity<T>;
    key: Key;
  }) =>
    rewriteClaimPeriods(
      op,
      claim,
      (p) => mine.has(p.entryId),
      (periods) => periods.filter((p) => !mine.has(p.entryId)),
    );
  const refs = [...new Set(written.flatMap((w) => (w.input.candidateRef ? [w.input.candidateRef] : [])))];
  for (const ref of refs.reverse()) {
    await unclaim({ entity: fteClaimEntity, key: fteClaimKey(contract.supplierId, ref) });
    await unclaim({ entity: candidateClaimEntity, key: candidateClaimKey(contract.id, ref) });
  }
}
