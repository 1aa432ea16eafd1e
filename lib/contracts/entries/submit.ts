/**
 * A supplier submits one entry.
 */
import { appendAudit } from "../../audit/audit.js";
import { Forbidden, RuleViolation } from "../../domain/errors.js";
import { make } from "../../domain/exact.js";
import { monthsToTicks, ticksToMonths } from "../../domain/sroi/months.js";
import type { Operation } from "../../operation.js";
import { loadContract } from "../contract/access.js";
import type { Contract } from "../contract/model.js";
import { joinReviewQueue } from "../review-queue.js";
import { repairIfStale } from "../totals/repair.js";
import { claimCandidate } from "./claims.js";
import { countingScopeOf } from "./counting-scope.js";
import type { Entry, EntryInput } from "./model.js";
import { type CatalogueMemo, prepareEntry } from "./prepare.js";
import { writeEntry } from "./write.js";

export const requireSupplier = (op: Operation, contract: Contract) => {
  if (op.actor.role !== "supplier" || op.actor.orgId !== contract.supplierId)
    throw new Forbidden("Only the contract's supplier reports realisations.");
  if (contract.settlement)
    throw new RuleViolation("contract-settled", "The contract is settled; no more entries.");
};

/** Compact, time-sortable entry id, stable across retries of the operation. */
export const entryIdFor = (op: Operation, index: number) =>
  `${op.now.toISOString().replace(/\D/g, "").slice(0, 14)}-${op.id(`entry#${index}`).slice(0, 10)}`;

async function submitPrepared(
  op: Operation,
  contract: Contract,
  input: EntryInput,
  index: number,
  prefix: string,
  memo: CatalogueMemo = new Map(),
) {
  const entryId = entryIdFor(op, index);
  const first = await prepareEntry(op, contract, input, entryId, prefix, make(0n), memo);
  let entry = first.entry;
  if (entry.candidateRef && first.months) {
    const monthsTicks = Number(monthsToTicks(first.months));
    const beforeTicks = await claimCandidate(op, entry, monthsTicks, prefix, countingScopeOf(contract));
    if (beforeTicks > 0)
      entry = (await prepareEntry(op, contract, input, entryId, prefix, ticksToMonths(beforeTicks), memo))
        .entry;
  }
  const written = await writeEntry(op, entry);
  await joinReviewQueue(contract, written);
  return written;
}

export async function submitEntry(op: Operation, contractId: string, input: EntryInput): Promise<Entry> {
  const contract = await loadContract(op.actor, contractId);
  requireSupplier(op, contract);
  await repairIfStale(op, contract);
  const entry = await submitPrepared(op, contract, input, 0, "body");
  await auditCreated(op, contract, entry);
  return entry;
}

/** An entry's first event: submitted, or reversed for a reversing entry. */
export const createdEvent = (contract: Contract, entry: Entry) => ({
  entityType: "sroi-entry" as const,
  entityId: `${contract.id}/${entry.id}`,
  action: entry.reverses ? "sroi-entry.reversed" : "sroi-entry.submitted",
  after: entry,
  regionId: contract.regionId,
  summary: entry.reverses ? `reverses ${entry.reverses}: ${entry.note}` : `${entry.blockId}, ${entry.period}`,
});

/**
 * Records an entry's first event. Only the operation that wrote the entry gets here (writeEntry refuses
 * any other), so a retry completes its one event.
 */
export async function auditCreated(op: Operation, contract: Contract, entry: Entry) {
  await appendAudit(op, { ...createdEvent(contract, entry), once: "created" });
}
