/**
 * A new obligation version of a contract (an amendment, an accepted base amount): the contract document
 * with a version check, then the immutable version item (putIfAbsent), so a retry of the same operation
 * completes what a crash left.
 */
import { Conflict, NotFound } from "../../domain/errors.js";
import type { Cents } from "../../domain/money.js";
import type { ObligationBase } from "../../domain/sroi/obligation.js";
import type { Operation } from "../../operation.js";
import { getPolicy, type StoredPolicy } from "../../sroi/rules.js";
import { baseAmountEntity, baseAmountQueries } from "../../entities/base-amount.js";
import { contractKey } from "../../entities/contract.js";
import { obligationKey } from "../../entities/obligation.js";
import { publicFields, putIfAbsent, updateVersioned } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { getStoredContract } from "./access.js";
import {
  baseAmountsOf,
  type Contract,
  contractMonths,
  countingRules,
  obligationFor,
  type ObligationVersion,
} from "./model.js";

export async function requirePolicyVersion(contract: Contract): Promise<StoredPolicy> {
  const policy = await getPolicy(contract.policy.id, contract.policy.version);
  if (!policy) throw new NotFound("policy version");
  return policy;
}

/** The sum of a contract's accepted base amounts (invoiced turnover or wage bill); 0 for the contract value. */
export async function acceptedBaseCents(contractId: string, base: ObligationBase): Promise<Cents> {
  if (base === "contract-value") return 0;
  const items = baseAmountEntity.readAll(await queryAll(baseAmountQueries.ofContract(contractId)));
  return items.filter((b) => b.status === "accepted").reduce((sum, b) => sum + b.amountCents, 0);
}

/** The obligation's basis from the contract's figures (after `change`) and its accepted base amounts. */
export async function basisOf(
  contract: Contract,
  policy: StoredPolicy,
  change: { valueCents?: Cents; labourShare?: number | null; endDate?: string } = {},
): Promise<ObligationVersion["basis"]> {
  const endDate = change.endDate ?? contract.endDate;
  return {
    valueCents: change.valueCents ?? contract.valueCents,
    type: contract.type,
    labourShare: change.labourShare ?? contract.labourShare,
    months: contractMonths(contract.startDate, endDate, countingRules(contract).monthCounting),
    psoLevel: contract.psoLevel,
    ...baseAmountsOf(policy.base, await acceptedBaseCents(contract.id, policy.base)),
    startDate: contract.startDate,
    endDate,
    psoCertificateValidUntil: contract.psoCertificateValidUntil,
  };
}

/**
 * Stores the obligation on `basis` as the contract's next version: the document first (version check
 * against `expectedVersion`, `set` changed with it), then the version item. A retry of the same operation
 * gets the document it wrote and completes the item.
 */
export async function storeObligationVersion(
  op: Operation,
  contract: Contract,
  expectedVersion: number,
  policy: StoredPolicy,
  basis: ObligationVersion["basis"],
  reason: string,
  set: Record<string, unknown> = {},
): Promise<{ contract: Contract; obligation: ObligationVersion }> {
  const result = obligationFor(policy, basis);
  const updated = publicFields<Contract>(
    await updateVersioned<Contract>(
      contractKey(contract.id),
      expectedVersion,
      {
        ...set,
        obligation: {
          version: contract.obligation.version + 1,
          cents: result.obligationCents,
          applies: result.applies,
        },
      },
      op.opId,
    ),
  );
  const version: ObligationVersion = {
    version: updated.obligation.version,
    applies: result.applies,
    cents: result.obligationCents,
    steps: result.steps,
    policy: { id: policy.id, version: policy.version },
    basis,
    reason,
    at: op.now.toISOString(),
    by: op.actor.sub,
  };
  await putIfAbsent({ ...obligationKey(contract.id, version.version), ...version });
  return { contract: updated, obligation: version };
}

/**
 * Recomputes the obligation on the contract's current figures and accepted base amounts as a new
 * version. Concurrent recomputations (two base amounts accepted at once) each retry on the newer
 * document, so the last one stored counts every accepted amount.
 */
export async function recomputeObligation(
  op: Operation,
  contractId: string,
  reason: string,
): Promise<{ contract: Contract; obligation: ObligationVersion }> {
  for (let attempt = 1; ; attempt++) {
    const stored = await getStoredContract(contractId);
    if (!stored) throw new NotFound("contract");
    const contract = publicFields<Contract>(stored);
    const policy = await requirePolicyVersion(contract);
    const basis = await basisOf(contract, policy);
    // An earlier try of this operation stored the document (the version check then gives it back as
    // it is): its version item is completed.
    const expected = stored.lastOpId === op.opId ? contract.version - 1 : contract.version;
    try {
      return await storeObligationVersion(op, contract, expected, policy, basis, reason);
    } catch (error) {
      if (!(error instanceof Conflict) || attempt >= 5) throw error;
    }
  }
}
