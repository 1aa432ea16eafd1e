/**
 * Entries are append-only: an accepted entry is corrected by a reversing entry, itself reviewed.
 */
import { RuleViolation } from "../../domain/errors.js";
import { neg } from "../../domain/exact.js";
import { refuseBsn } from "../../domain/sroi/bsn.js";
import { parseRatio, ratioText } from "../../domain/sroi/months.js";
import type { Operation } from "../../operation.js";
import { joinReviewQueue } from "../review-queue.js";
import { repairIfStale } from "../totals/repair.js";
import type { Entry } from "./model.js";
import { loadEntry } from "./read.js";
import { auditCreated, requireSupplier } from "./submit.js";
import { writeEntry } from "./write.js";

/** A correction of an accepted entry: a new entry with the opposite value and months, to be reviewed. */
export async function reverseEntry(
  op: Operation,
  contractId: string,
  entryId: string,
  reason: string,
): Promise<Entry> {
  const { contract, entry } = await loadEntry(op.actor, contractId, entryId);
  requireSupplier(op, contract);
  if (entry.status !== "accepted")
    throw new RuleViolation(
      "not-accepted",
      "Only an accepted entry is reversed; a submitted one is reviewed.",
    );
  if (entry.reverses)
    throw new RuleViolation("is-reversal", "A reversal is not reversed; submit a new entry.");
  const negate = (text: string | null) => (text ? ratioText(neg(parseRatio(text))) : null);
  const reversal: Entry = {
    ...entry,
    id: `${entry.id}-rev`,
    status: "submitted",
    valueCents: -entry.valueCents,
    reportedMonths: negate(entry.reportedMonths),
    countedMonths: negate(entry.countedMonths),
    formula: `reversal of ${entry.id}: −(${entry.formula})`,
    reverses: entry.id,
    note: reason,
    submittedAt: op.now.toISOString(),
    submittedBy: op.actor.sub,
    submittedByOrg: op.actor.orgId,
    review: null,
    totals: "pending",
  };
  refuseBsn({ reason });
  await repairIfStale(op, contract);
  const written = await writeEntry(op, reversal);
  await auditCreated(op, contract, written);
  await joinReviewQueue(contract, written);
  return written;
}
