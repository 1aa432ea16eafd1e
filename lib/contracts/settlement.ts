/**
 * Settlement of the shortfall after the contract end and its recovery period.
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, RuleViolation } from "../domain/errors.js";
import { formatEuros } from "../domain/money.js";
import { periodEnded, recoveryDeadlineOf } from "../domain/sroi/balance.js";
import { contractKey } from "../entities/contract.js";
import type { Operation } from "../operation.js";
import { publicFields, updateVersioned } from "../store/ops.js";
import { shortfallCentsOf } from "./balance.js";
import { loadContract, requireBuyerOfficer } from "./contract/access.js";
import type { Contract, Settlement } from "./contract/model.js";

const today = (op: Operation) => op.now.toISOString().slice(0, 10);

/** After the contract end and its recovery period, the officer records the settlement of the shortfall. */
export async function settleContract(
  op: Operation,
  id: string,
  input: { outcome: Settlement["outcome"]; reason: string; version: number },
): Promise<Contract> {
  const contract = await loadContract(op.actor, id);
  requireBuyerOfficer(op, contract);
  if (contract.settlement) throw new Conflict("The contract is already settled.");
  if (!periodEnded(contract.endDate, op.now.toISOString()))
    throw new RuleViolation(
      "contract-running",
      `The contract runs until ${contract.endDate}; settle after its end.`,
    );
  const shortfall = await shortfallCentsOf(op, contract);
  const deadline = recoveryDeadlineOf(contract.endDate, contract.policy.recoveryDays);
  if (shortfall > 0 && today(op) <= deadline)
    throw new RuleViolation(
      "recovery-period",
      `The supplier may still realise the shortfall until the end of the recovery period (${deadline}, inclusive).`,
    );
  const settlement: Settlement = {
    outcome: input.outcome,
    shortfallCents: shortfall,
    reason: input.reason,
    at: op.now.toISOString(),
    by: op.actor.sub,
  };
  const updated = publicFields<Contract>(
    await updateVersioned<Contract>(contractKey(id), input.version, { settlement }, op.opId),
  );
  await appendAudit(op, {
    entityType: "contract",
    entityId: id,
    action: "contract.settled",
    before: contract,
    after: updated,
    regionId: contract.regionId,
    summary: `${input.outcome}: EUR ${formatEuros(shortfall)}`,
    once: `v${updated.version}`,
  });
  return updated;
}
