/**
 * Lists of contracts with their balances, at a constant number of DynamoDB calls per page:
 * officers and suppliers — the page of contracts (one query on their index), then the pages' TOTALS
 * rows (one BatchGetItem) and the block rows those name (one more); auditors — the page of the region's
 * contract pointers (one query), then the contracts and their TOTALS rows together (one BatchGetItem),
 * then the block rows (one more). BatchGetItem takes 100 keys a call, so a page of more than 50
 * contracts (auditors), 100 (others) or 100 block rows adds calls, run in parallel: still three round
 * trips.
 */
import type { BalanceStatus } from "../domain/sroi/balance.js";
import { Forbidden } from "../domain/errors.js";
import { contractEntity, contractKey, contractQueries } from "../entities/contract.js";
import { contractPointerEntity, contractPointerQueries } from "../entities/contract-pointer.js";
import { totalsKey } from "../entities/totals.js";
import type { Actor, Operation } from "../operation.js";
import type { BalanceResponse } from "../schemas/responses/contracts.js";
import { batchGetItems } from "../store/batch.js";
import { type Item, publicFields } from "../store/ops.js";
import { type Page, queryPage } from "../store/paging.js";
import { balancesFor } from "./balance.js";
import { canSee } from "./contract/access.js";
import type { Contract } from "./contract/model.js";

export interface ContractWithBalance {
  contract: Contract;
  balance: BalanceResponse;
}

/** The page of contracts the caller's list holds, with each one's TOTALS row (undefined: none yet). */
async function contractsOfPage(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ contracts: Contract[]; mains: (Item | undefined)[]; nextCursor: string | null }> {
  if (actor.role === "officer" || actor.role === "supplier") {
    const result = await queryPage({
      ...(actor.role === "officer"
        ? contractQueries.ofBuyer(actor.orgId)
        : contractQueries.ofSupplier(actor.orgId)),
      ...page,
    });
    const stored = contractEntity.readAll(result.items).filter((c) => canSee(actor, c));
    const mains = await batchGetItems(stored.map((c) => totalsKey(c.id)));
    return {
      contracts: stored.map((c) => publicFields<Contract>(c)),
      mains,
      nextCursor: result.nextCursor,
    };
  }
  if (actor.role === "auditor" && actor.regionId) {
    const pointers = await queryPage({ ...contractPointerQueries.ofRegion(actor.regionId), ...page });
    const ids = contractPointerEntity.readAll(pointers.items).map((p) => p.contractId);
    const found = await batchGetItems([...ids.map(contractKey), ...ids.map(totalsKey)]);
    const contracts: Contract[] = [];
    const mains: (Item | undefined)[] = [];
    ids.forEach((_, i) => {
      const item = found[i];
      const contract = item ? contractEntity.read(item) : undefined;
      if (!contract || !canSee(actor, contract)) return;
      contracts.push(publicFields<Contract>(contract));
      mains.push(found[ids.length + i]);
    });
    return { contracts, mains, nextCursor: pointers.nextCursor };
  }
  throw new Forbidden("Admins read contracts one by one; use a region's auditor view for lists.");
}

/**
 * A supplier's own contracts, an officer's municipality's, an auditor's region's, each with its
 * balance. The balance status depends on today's date (on track or behind), so no key holds it: `status`
 * filters each page after it is read — a page costs the same calls with it as without, but holds fewer
 * than `limit` contracts, or none, when others do not match; `nextCursor` goes on.
 */
export async function listContractsWithBalances(
  op: Operation,
  query: { limit: number; cursor?: string | undefined; status?: BalanceStatus | undefined },
): Promise<Page<ContractWithBalance>> {
  const { contracts, mains, nextCursor } = await contractsOfPage(op.actor, query);
  const balances = await balancesFor(op, contracts, mains);
  const items = contracts.map((contract, i) => ({ contract, balance: balances[i]! }));
  return {
    items: query.status ? items.filter((i) => i.balance.status === query.status) : items,
    nextCursor,
  };
}
