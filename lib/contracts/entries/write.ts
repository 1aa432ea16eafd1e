/**
 * Writing an entry once, with its deltas in the running totals.
 */
import { Conflict } from "../../domain/errors.js";
import type { Operation } from "../../operation.js";
import { entryIndexKeys, entryKey } from "../../entities/entry.js";
import { blockTotalsKey } from "../../entities/totals.js";
import { addCounters } from "../../store/counters.js";
import { deleteIf, publicFields, putIfAbsent, setIf } from "../../store/ops.js";
import { blockMeta, changeTotals, negated, requireSafe } from "../totals/change.js";
import { monthKeyOf, monthMeta, submittedMonthDeltas } from "../totals/months.js";
import type { Entry } from "./model.js";
import { getStoredEntry } from "./read.js";

/** Writes an entry once and adds it to the running totals; a retry of the same operation gets it back. */
export async function writeEntry(op: Operation, entry: Entry): Promise<Entry> {
  const key = entryKey(entry.contractId, entry.id);
  const existing = await getStoredEntry(entry.contractId, entry.id);
  if (existing) {
    // Another operation wrote this id (e.g. a concurrent reversal of the same entry): not ours.
    if (existing.lastOpId !== op.opId)
      throw new Conflict(
        entry.reverses ? "This entry already has a reversal." : "This entry already exists.",
      );
    // Ours. Totals still "pending" means an attempt died after writing it: the stale-marker repair counts it.
    return publicFields<Entry>(existing);
  }
  const block = { pendingCents: entry.valueCents };
  const totals = { pendingCents: entry.valueCents, submittedCount: 1 };
  const month = submittedMonthDeltas(entry);
  requireSafe(block, totals, month);
  const blockKey = blockTotalsKey(entry.contractId, entry.blockId);
  const monthKey = monthKeyOf(entry);
  await changeTotals(op, entry.contractId, "pending-only", {
    blocks: [entry.blockId],
    before: [
      {
        run: async () => {
          if (!(await putIfAbsent({ ...key, ...entryIndexKeys(entry), lastOpId: op.opId, ...entry })))
            throw new Conflict(
              entry.reverses ? "This entry already has a reversal." : "This entry already exists.",
            );
        },
        // Unless a review got to it meanwhile: then the marker stays up for the repair.
        undo: async () => {
          if (!(await deleteIf(key, { lastOpId: op.opId, totals: "pending", status: "submitted" })))
            throw new Conflict("The entry changed while its submission was undone.");
        },
      },
      {
        run: () => addCounters(blockKey, block, blockMeta(entry)),
        undo: () => addCounters(blockKey, negated(block)),
      },
      {
        run: () => addCounters(monthKey, month, monthMeta(entry)),
        undo: () => addCounters(monthKey, negated(month)),
      },
    ],
    totals,
    after: [{ run: () => markApplied(entry) }],
  });
  return { ...entry, totals: "applied" };
}

export async function markApplied(entry: Entry) {
  await setIf(entryKey(entry.contractId, entry.id), { totals: "applied" });
}
