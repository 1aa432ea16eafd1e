/**
 * Amendments: a value change or extension recomputes the obligation as a new version.
 */
import { appendAudit } from "../../audit/audit.js";
import { InvalidInput, NotFound, RuleViolation } from "../../domain/errors.js";
import { centsFromMoney, type Money } from "../../domain/money.js";
import type { Actor, Operation } from "../../operation.js";
import { getPolicy, type StoredPolicy } from "../../sroi/rules.js";
import { contractKey } from "../../entities/contract.js";
import { obligationEntity, obligationKey, obligationQueries } from "../../entities/obligation.js";
import { publicFields, putIfAbsent, updateVersioned } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { loadContract, requireBuyerOfficer } from "./access.js";
import {
  type Contract,
  contractMonths,
  countingRules,
  obligationFor,
  type ObligationVersion,
} from "./model.js";

/** Amendment (value change, extension): recomputes the obligation as a new version, with the contract's policy version. */
export async function amendContract(
  op: Operation,
  id: string,
  change: {
    value?: Money | undefined;
    endDate?: string | undefined;
    labourShare?: number | undefined;
    reason: string;
    version: number;
  },
): Promise<{ contract: Contract; obligation: ObligationVersion }> {
  const contract = await loadContract(op.actor, id);
  requireBuyerOfficer(op, contract);
  if (contract.settlement) throw new RuleViolation("contract-settled", "A settled contract is not amended.");
  const endDate = change.endDate ?? contract.endDate;
  if (endDate < contract.startDate)
    throw new InvalidInput([{ path: "endDate", message: "before the contract start" }]);
  const policy = await requirePolicyVersion(contract);
  const basis = amendedBasis(contract, change, endDate);
  const result = obligationFor(policy, basis);
  const next = contract.obligation.version + 1;
  const updated = publicFields<Contract>(
    await updateVersioned<Contract>(
      contractKey(id),
      change.version,
      {
        valueCents: basis.valueCents,
        endDate,
        labourShare: basis.labourShare,
        obligation: { version: next, cents: result.obligationCents, applies: result.applies },
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
    reason: change.reason,
    at: op.now.toISOString(),
    by: op.actor.sub,
  };
  await putIfAbsent({ ...obligationKey(id, version.version), ...version });
  await appendAudit(op, {
    entityType: "contract",
    entityId: id,
    action: "contract.amended",
    before: contract,
    after: updated,
    regionId: contract.regionId,
    summary: change.reason,
    once: `v${updated.version}`,
  });
  return { contract: updated, obligation: version };
}

/** The obligation's basis after the change: the contract's own figures where the change keeps them. */
function amendedBasis(
  contract: Contract,
  change: { value?: Money | undefined; labourShare?: number | undefined },
  endDate: string,
): ObligationVersion["basis"] {
  return {
    valueCents: change.value ? centsFromMoney(change.value) : contract.valueCents,
    type: contract.type,
    labourShare: change.labourShare ?? contract.labourShare,
    months: contractMonths(contract.startDate, endDate, countingRules(contract).monthCounting),
    psoLevel: contract.psoLevel,
  };
}

async function requirePolicyVersion(contract: Contract): Promise<StoredPolicy> {
  const policy = await getPolicy(contract.policy.id, contract.policy.version);
  if (!policy) throw new NotFound("policy version");
  return policy;
}

export async function obligationVersions(actor: Actor, id: string): Promise<ObligationVersion[]> {
  await loadContract(actor, id);
  const items = obligationEntity.readAll(await queryAll(obligationQueries.ofContract(id)));
  return items.map((i) => publicFields<ObligationVersion>(i));
}
