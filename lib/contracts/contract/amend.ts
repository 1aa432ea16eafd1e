/**
 * Amendments: a value change or extension recomputes the obligation as a new version.
 */
import { appendAudit } from "../../audit/audit.js";
import { InvalidInput, RuleViolation } from "../../domain/errors.js";
import { centsFromMoney, type Money } from "../../domain/money.js";
import type { Actor, Operation } from "../../operation.js";
import { obligationEntity, obligationQueries } from "../../entities/obligation.js";
import { publicFields } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { loadContract, requireBuyerOfficer } from "./access.js";
import type { Contract, ObligationVersion } from "./model.js";
import { basisOf, requirePolicyVersion, storeObligationVersion } from "./obligation-version.js";

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
  const basis = await basisOf(contract, policy, {
    ...(change.value ? { valueCents: centsFromMoney(change.value) } : {}),
    ...(change.labourShare !== undefined ? { labourShare: change.labourShare } : {}),
    endDate,
  });
  const { contract: updated, obligation: version } = await storeObligationVersion(
    op,
    contract,
    change.version,
    policy,
    basis,
    change.reason,
    { valueCents: basis.valueCents, endDate, labourShare: basis.labourShare },
  );
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

export async function obligationVersions(actor: Actor, id: string): Promise<ObligationVersion[]> {
  await loadContract(actor, id);
  const items = obligationEntity.readAll(await queryAll(obligationQueries.ofContract(id)));
  return items.map((i) => publicFields<ObligationVersion>(i));
}
