/**
 * Bulk upload of entries, all rows or none, as a sequence of idempotent steps (see importEntries).
 */
import { appendAudit, appendCreationEvents, auditRecorded } from "../../../audit/audit.js";
import { Conflict, InvalidInput } from "../../../domain/errors.js";
import { formatEuros, toMoney } from "../../../domain/money.js";
import type { Operation } from "../../../operation.js";
import { entryEntity, entryKey, inReviewQueue } from "../../../entities/entry.js";
import { blockTotalsKey, totalsKey } from "../../../entities/totals.js";
import { batchGetItems } from "../../../store/batch.js";
import { addCountersOnce } from "../../../store/counters.js";
import { publicFields } from "../../../store/ops.js";
import { inParallel } from "../../../store/parallel.js";
import { logLeftover } from "../../bulk.js";
import { loadContract } from "../../contract/access.js";
import type { Contract } from "../../contract/model.js";
import { joinReviewQueue } from "../../review-queue.js";
import { monthKeyOf } from "../../totals/months.js";
import { repairIfStale } from "../../totals/repair.js";
import { type Entry, MAX_CSV_ROWS } from "../model.js";
import { getStoredEntry } from "../read.js";
import { createdEvent, entryIdFor, requireSupplier } from "../submit.js";
import { importedEvent, type ImportRow, type RowResult, uploadMarker } from "./model.js";
import { planUpload } from "./plan.js";
import { undoUpload, writeUpload } from "./write.js";

/**
 * Bulk upload, all rows or none. dynalite has no transactions, so it is a sequence of idempotent steps:
 * 1. every row is validated and valued without writing (schema, rules, overlaps and FTE within the
 *    file and against the stored claims, and whether the running totals can still hold the sum);
 *    any refusal → 422 `rows-invalid` naming every refused row, nothing written;
 * 2. the candidates' claims (conditional writes: a concurrent submission refuses the row), one write
 *    per claim document with all of its candidate's rows in file order, the documents in parallel;
 * 3. TOTALS: the in-flight marker of a submission, raised once (the figures read as unverified until
 *    step 6; a settlement is not held up);
 * 4. the entries (each created once, in batches), with the review queue's index keys;
 * 5. each block row's and month row's (per month and block) and 6. the TOTALS row's deltas, summed, with
 *    the upload's marker in the same write;
 * 7. the upload's audit event: the upload is complete from here on, its entries may be reviewed and
 *    the review queue lists them;
 * 8. to 10. each entry's `sroi-entry.submitted` event (in batches), the queue for entries an earlier
 *    try left outside it, the markers removed.
 * A failure before step 7 undoes steps 6 to 2 in reverse (each undo is conditional on its marker, so
 * it is safe to repeat) before answering. A retry with the same Idempotency-Key (same operation, same
 * entry ids) after a crash completes the upload, or undoes what is left of it if a row is now refused;
 * a failure after step 7 is finished by that retry, never undone.
 */
export async function importEntries(
  op: Operation,
  contractId: string,
  rows: ImportRow[],
  column: (path: string) => string = (path) => path,
): Promise<{ written: true; results: RowResult[] }> {
  const contract = await loadContract(op.actor, contractId);
  if (rows.length > MAX_CSV_ROWS)
    throw new InvalidInput(
      [{ path: "body", code: "too-many-rows", message: `at most ${MAX_CSV_ROWS} rows (got ${rows.length})` }],
      `At most ${MAX_CSV_ROWS} rows per upload; split the file.`,
      "too-many-rows",
    );
  const ids = rows.map((_, i) => entryIdFor(op, i));
  const supplier = op.actor.role === "supplier" && op.actor.orgId === contract.supplierId;
  // A retry of a completed upload answers as the upload did, even if the contract was settled since.
  if (supplier && (await auditRecorded(op, importedEvent(contractId))))
    return finishUpload(op, contract, rows, ids);
  requireSupplier(op, contract);
  await repairIfStale(op, contract);
  const plan = await planUpload(op, contract, rows, ids, column);
  const { planned } = plan;
  try {
    await writeUpload(op, contract, plan, column, rows.length);
  } catch (error) {
    await undoUpload(op, contract, rows, ids).catch((e: unknown) =>
      logLeftover(op.opId, "upload not fully undone", e),
    );
    throw error;
  }
  try {
    await appendAudit(op, {
      ...importedEvent(contractId),
      after: planned.map((p) => ({ id: p.entry.id, valueCents: p.entry.valueCents })),
      regionId: contract.regionId,
      summary: `${planned.length} entries uploaded, EUR ${formatEuros(planned.reduce((s, p) => s + p.entry.valueCents, 0))} pending review`,
    });
  } catch (error) {
    // The event may be stored though its answer was lost: only a known absence allows undoing.
    if (!(await auditRecorded(op, importedEvent(contractId)).catch(() => true))) {
      await undoUpload(op, contract, rows, ids).catch((e: unknown) =>
        logLeftover(op.opId, "upload not fully undone", e),
      );
      throw error;
    }
  }
  return completeUpload(
    op,
    contract,
    planned.map((p) => ({ row: p.row, entry: p.entry, queued: p.queued ?? false })),
  );
}

/**
 * Steps 8 to 10, once the upload is complete; each is idempotent, so a retry of the upload finishes
 * them: 8. each entry's own `sroi-entry.submitted` event (once per entry: the entries are the upload's
 * own, so the events are written together, those not yet recorded), 9. the entries that are not in the
 * review queue yet join it (only an earlier try's, written before entries joined it at once), 10. the
 * markers are removed (they have done their work).
 */
async function completeUpload(
  op: Operation,
  contract: Contract,
  written: { row: number; entry: Entry; queued: boolean }[],
): Promise<{ written: true; results: RowResult[] }> {
  await appendCreationEvents(
    op,
    written.map(({ entry }) => createdEvent(contract, entry)),
  );
  await inParallel(
    written.filter((w) => !w.queued),
    ({ entry }) => joinReviewQueue(contract, entry),
  );
  const marker = uploadMarker(op);
  const blocks = [...new Set(written.map((w) => w.entry.blockId))].map((b) => blockTotalsKey(contract.id, b));
  const months = [...new Map(written.map((w) => [monthKeyOf(w.entry).sk, monthKeyOf(w.entry)])).values()];
  await inParallel([...blocks, ...months, totalsKey(contract.id)], (key) =>
    addCountersOnce(key, {}, { name: marker, from: "applied" }),
  );
  return {
    written: true,
    results: written.map(({ row, entry }) => ({
      row,
      status: "created",
      entryId: entry.id,
      value: toMoney(entry.valueCents),
    })),
  };
}

/** A retry of a completed upload: the same results, read back (together), and its last steps finished. */
async function finishUpload(
  op: Operation,
  contract: Contract,
  rows: ImportRow[],
  ids: string[],
): Promise<{ written: true; results: RowResult[] }> {
  const items = await batchGetItems(ids.map((id) => entryKey(contract.id, id)));
  const written = rows.map((row, i) => {
    const item = items[i];
    if (!item) throw new Conflict("This upload completed with other rows; use a new Idempotency-Key.");
    const entry = publicFields<Entry>(entryEntity.read(item));
    // A reviewed entry has left the queue for good.
    return { row: row.row, entry, queued: inReviewQueue(item) || entry.status !== "submitted" };
  });
  return completeUpload(op, contract, written);
}

/**
 * Until its upload has completed an entry may still be undone, so it is not reviewed yet. The
 * entry's `submittedAt` is its upload's clock, which keys the upload's audit event.
 */
export async function requireCompletedUpload(contractId: string, entryId: string) {
  const item = await getStoredEntry(contractId, entryId);
  if (!item?.uploadOpId) return;
  const upload = { opId: item.uploadOpId, now: new Date(item.submittedAt) };
  if (!(await auditRecorded(upload, importedEvent(contractId))))
    throw new Conflict(
      "This entry belongs to an upload that has not completed; the supplier retries it with the same Idempotency-Key.",
    );
}
