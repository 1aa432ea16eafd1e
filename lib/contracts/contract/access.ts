/**
 * Who may read a contract (the lists each party sees: lib/contracts/list.ts).
 */
import { Forbidden, NotFound } from "../../domain/errors.js";
import type { Actor, Operation } from "../../operation.js";
import { contractEntity, contractKey } from "../../entities/contract.js";
import { getItem, publicFields } from "../../store/ops.js";
import type { Contract } from "./model.js";

/** Who may see a contract: its buyer's officers, its supplier, its region's auditors, admins. Others: 404. */
export function canSee(
  actor: Actor,
  contract: Pick<Contract, "buyerId" | "supplierId" | "regionId">,
): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "officer":
      return contract.buyerId === actor.orgId;
    case "supplier":
      return contract.supplierId === actor.orgId;
    case "auditor":
      return contract.regionId === actor.regionId;
  }
}

/** The stored contract document with its bookkeeping (no access check), or undefined. */
export async function getStoredContract(id: string) {
  const item = await getItem(contractKey(id));
  return item ? contractEntity.read(item) : undefined;
}

export async function loadContract(actor: Actor, id: string): Promise<Contract> {
  const item = await getStoredContract(id);
  if (!item || !canSee(actor, item)) throw new NotFound("contract");
  return publicFields<Contract>(item);
}

export const requireBuyerOfficer = (op: Operation, contract: Contract) => {
  if (op.actor.role !== "officer" || op.actor.orgId !== contract.buyerId)
    throw new Forbidden("Only an officer of the buying municipality may do this.");
};

/**
 * Who reviews what a supplier submits (entries, base amounts): an auditor of the contract's region or
 * the buying officer, never someone of the submitting organisation.
 */
export function requireReviewer(op: Operation, contract: Contract, submittedByOrg: string, what: string) {
  const allowed =
    (op.actor.role === "auditor" && op.actor.regionId === contract.regionId) ||
    (op.actor.role === "officer" && op.actor.orgId === contract.buyerId);
  if (!allowed) throw new Forbidden(`An auditor of the region or the buying officer reviews ${what}.`);
  if (op.actor.orgId === submittedByOrg || op.actor.orgId === contract.supplierId)
    throw new Forbidden(
      `A reviewer never belongs to the ${what === "entries" ? "submitting" : "reporting"} organisation.`,
    );
}

/** The review record of `op`'s decision. */
export const reviewBy = (op: Operation, input: { decision: "accept" | "reject"; reason: string }) => ({
  decision: input.decision,
  reason: input.reason,
  at: op.now.toISOString(),
  by: op.actor.sub,
  role: op.actor.role,
  orgId: op.actor.orgId,
});
