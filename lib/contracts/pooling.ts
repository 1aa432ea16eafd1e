/**
 * Pooling (lib/domain/sroi/README.md, Pooling): where the region's policy allows it, the region's auditor
 * moves realised value from a contract with a surplus (accepted realisation above its obligation) to
 * another contract of the same supplier in the same region. The balance of each shows the amounts drawn
 * (`pooledOut`) and credited (`pooledIn`) and counts them.
 *
 * Without transactions, a transfer is ordered, idempotent steps (a retry of the operation completes it):
 *   1. draw on the source's guard: ADD to its pooled-out sum, once per transfer (a marker), only while the
 *      sum stays within the source's surplus — two racing transfers cannot overdraw it together;
 *   2. the transfer item in the source (direction "out"), created once: from here the source counts it;
 *   3. the transfer item in the destination (direction "in"), created once: from here it counts there;
 *   4. the "out" item marked `credited`, and one audit event per contract.
 * A crash after step 1 leaves the guard stricter than the transfers (never a figure counted twice); one
 * after step 2 shows the value drawn from the source and not yet credited (never credited twice).
 */
import { appendAudit } from "../audit/audit.js";
import { Forbidden, NotFound, RuleViolation } from "../domain/errors.js";
import { type Cents, formatEuros } from "../domain/money.js";
import {
  type PoolTransfer,
  poolGuardKey,
  poolMarker,
  poolTransferEntity,
  poolTransferKey,
  poolTransferQueries,
} from "../entities/pool-transfer.js";
import type { Actor, Operation } from "../operation.js";
import { addWithinOnce } from "../store/counters.js";
import { getItem, publicFields, putIfAbsent, setIf } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import { loadContract } from "./contract/access.js";
import { type Contract, countingRules } from "./contract/model.js";
import { readTotalsRepaired } from "./totals/repair.js";

export interface Pooled {
  outCents: Cents;
  inCents: Cents;
}

export const NOT_POOLED: Pooled = { outCents: 0, inCents: 0 };

/** The transfers a contract drew or received, oldest first; null (and no read) unless its policy pools. */
export async function poolTransfersOf(
  contract: Pick<Contract, "id" | "policy">,
): Promise<PoolTransfer[] | null> {
  if (!countingRules(contract).allowPooling) return null;
  return poolTransferEntity.readAll(await queryAll(poolTransferQueries.ofContract(contract.id)));
}

/** The value drawn from and credited to a contract by its transfers (none unless its policy pools). */
export async function pooledOf(contract: Contract): Promise<Pooled> {
  const transfers = await poolTransfersOf(contract);
  return transfers ? sumPooled(transfers) : NOT_POOLED;
}

export function sumPooled(transfers: readonly Pick<PoolTransfer, "direction" | "amountCents">[]): Pooled {
  let outCents = 0;
  let inCents = 0;
  for (const t of transfers)
    if (t.direction === "out") outCents += t.amountCents;
    else inCents += t.amountCents;
  return { outCents, inCents };
}

const refuse = (code: string, message: string, path: string, detail: string) =>
  new RuleViolation(code, message, [{ path, message: detail }]);

/** The checks a transfer must pass before it draws anything (422 with a code, 403 for the role). */
function checkTransfer(op: Operation, from: Contract, to: Contract, amountCents: Cents) {
  if (op.actor.role !== "auditor" || op.actor.regionId !== from.regionId)
    throw new Forbidden("Only an auditor of the contract's region transfers pooled realisation.");
  if (!countingRules(from).allowPooling || !countingRules(to).allowPooling)
    throw refuse(
      "pooling-not-allowed",
      "The region's policy does not allow pooling realisation between these contracts.",
      "body.toContractId",
      "a contract whose policy does not set allowPooling",
    );
  if (to.id === from.id)
    throw refuse(
      "pool-same-contract",
      "A transfer goes to another contract.",
      "body.toContractId",
      "the same contract",
    );
  if (to.supplierId !== from.supplierId)
    throw refuse(
      "pool-different-supplier",
      "Realisation is pooled only between contracts of the same supplier.",
      "body.toContractId",
      "a contract of another supplier",
    );
  if (to.regionId !== from.regionId)
    throw refuse(
      "pool-different-region",
      "Realisation is pooled only between contracts in the same region.",
      "body.toContractId",
      "a contract in another region",
    );
  if (from.settlement || to.settlement)
    throw refuse(
      "contract-settled",
      "A settled contract takes part in no transfer.",
      "body.toContractId",
      "settled",
    );
  if (!(amountCents > 0))
    throw refuse("pool-amount", "The amount is above zero.", "body.amount", "must be above 0");
}

/**
 * The source's surplus that may still be drawn: accepted realisation above its obligation. Value
 * credited to it by other transfers is not passed on (no chains). Pending and rejected entries count
 * for nothing.
 */
const surplusOf = (contract: Contract, creditedCents: Cents) =>
  Math.max(0, creditedCents - (contract.obligation.applies ? contract.obligation.cents : 0));

export interface TransferInput {
  toContractId: string;
  amountCents: Cents;
  reason: string;
}

export async function transferPooled(
  op: Operation,
  fromContractId: string,
  input: TransferInput,
): Promise<PoolTransfer> {
  const from = await loadContract(op.actor, fromContractId);
  const to = await loadContract(op.actor, input.toContractId).catch((error: unknown) => {
    throw error instanceof NotFound
      ? refuse("pool-unknown-contract", "No such contract in your region.", "body.toContractId", "unknown")
      : error;
  });
  checkTransfer(op, from, to, input.amountCents);
  // Time-sortable (the list is oldest first) and stable across retries of the operation.
  const id = `${op.now.toISOString().replace(/\D/g, "").slice(0, 14)}-${op.id("pool-transfer").slice(0, 10)}`;
  const transfer: PoolTransfer = {
    id,
    direction: "out",
    fromContractId: from.id,
    toContractId: to.id,
    supplierId: from.supplierId,
    regionId: from.regionId,
    amountCents: input.amountCents,
    reason: input.reason,
    at: op.now.toISOString(),
    by: op.actor.sub,
  };
  const { totals } = await readTotalsRepaired(op, from);
  const surplus = surplusOf(from, totals.creditedCents);
  const drawn = await addWithinOnce(
    poolGuardKey(from.id),
    "pooledOutCents",
    input.amountCents,
    surplus,
    poolMarker(id),
  );
  if (drawn === "refused") {
    const guard = await getItem<{ pooledOutCents?: number }>(poolGuardKey(from.id));
    const left = Math.max(0, surplus - (guard?.pooledOutCents ?? 0));
    throw refuse(
      "pool-above-surplus",
      `Contract ${from.reference} has EUR ${formatEuros(left)} of accepted realisation above its obligation left to transfer; EUR ${formatEuros(input.amountCents)} was asked.`,
      "body.amount",
      "above the source contract's surplus",
    );
  }
  await putIfAbsent({ ...poolTransferKey(from.id, id), ...transfer, lastOpId: op.opId });
  await putIfAbsent({ ...poolTransferKey(to.id, id), ...transfer, direction: "in", lastOpId: op.opId });
  await setIf(poolTransferKey(from.id, id), { credited: true });
  const summary = `EUR ${formatEuros(input.amountCents)} from ${from.reference} to ${to.reference}: ${input.reason}`;
  for (const [contract, direction] of [
    [from, "out"],
    [to, "in"],
  ] as const)
    await appendAudit(op, {
      entityType: "contract",
      entityId: contract.id,
      action: "contract.pool-transferred",
      after: { ...transfer, direction },
      regionId: contract.regionId,
      summary,
      step: `pool-${direction}`,
      once: `pool-${direction}#${id}`,
    });
  return { ...transfer, credited: true };
}

/** The transfers a contract drew or received, oldest first; whoever may see the contract sees them. */
export async function listPoolTransfers(
  actor: Actor,
  contractId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<PoolTransfer>> {
  await loadContract(actor, contractId);
  const result = await queryPage({ ...poolTransferQueries.ofContract(contractId), ...page });
  return {
    items: poolTransferEntity.readAll(result.items).map((t) => publicFields<PoolTransfer>(t)),
    nextCursor: result.nextCursor,
  };
}
