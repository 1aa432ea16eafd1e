/**
 * Who may read a contract, and the lists each party sees.
 */
import { Forbidden, NotFound } from "../../domain/errors.js";
import type { Actor, Operation } from "../../operation.js";
import { getItem, type Item, publicFields } from "../../store/ops.js";
import { type Page, queryPage } from "../../store/paging.js";
import { contractKey } from "../keys.js";
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

export async function loadContract(actor: Actor, id: string): Promise<Contract> {
  const item = await getItem<Contract>(contractKey(id));
  if (!item || !canSee(actor, item)) throw new NotFound("contract");
  return publicFields<Contract>(item);
}

export const requireBuyerOfficer = (op: Operation, contract: Contract) => {
  if (op.actor.role !== "officer" || op.actor.orgId !== contract.buyerId)
    throw new Forbidden("Only an officer of the buying municipality may do this.");
};

export async function listContractsFor(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Contract>> {
  if (actor.role === "officer" || actor.role === "supplier") {
    const result = await queryPage<Contract & Item>(
      actor.role === "officer"
        ? { index: "gsi1", pk: `BUYER#${actor.orgId}#CONTRACTS`, ...page, newestFirst: true }
        : { index: "gsi2", pk: `SUPPLIER#${actor.orgId}#CONTRACTS`, ...page, newestFirst: true },
    );
    return { items: result.items.map((i) => publicFields<Contract>(i)), nextCursor: result.nextCursor };
  }
  if (actor.role === "auditor" && actor.regionId) {
    const pointers = await queryPage<{ contractId: string }>({
      pk: `REGION#${actor.regionId}#CONTRACTS`,
      ...page,
    });
    const items = await Promise.all(pointers.items.map((p) => getItem<Contract>(contractKey(p.contractId))));
    return {
      items: items.filter((i): i is Contract & Item => Boolean(i)).map((i) => publicFields<Contract>(i)),
      nextCursor: pointers.nextCursor,
    };
  }
  throw new Forbidden("Admins read contracts one by one; use a region's auditor view for lists.");
}
