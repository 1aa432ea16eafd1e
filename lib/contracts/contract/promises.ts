/**
 * Verification of sustainability promises; a promise not (fully) met gets its sanction.
 */
import { appendAudit } from "../../audit/audit.js";
import { Forbidden, InvalidInput, NotFound } from "../../domain/errors.js";
import { centsFromMoney, type Money } from "../../domain/money.js";
import { computeSanction } from "../../domain/sroi/sanction.js";
import type { Operation } from "../../operation.js";
import { publicFields, updateVersioned } from "../../store/ops.js";
import { contractKey } from "../../entities/contract.js";
import { loadContract } from "./access.js";
import type { Contract, SustainabilityPromise } from "./model.js";

interface Verification {
  status: "met" | "not-met" | "partly-met";
  achieved?: string | undefined;
  earned?: Money | undefined;
  note?: string | undefined;
  version: number;
}

/** Records the verification of a sustainability promise; a promise not (fully) met gets its sanction. */
export async function verifyPromise(
  op: Operation,
  id: string,
  promiseId: string,
  input: Verification,
): Promise<Contract> {
  const contract = await loadContract(op.actor, id);
  const allowed =
    (op.actor.role === "officer" && op.actor.orgId === contract.buyerId) ||
    (op.actor.role === "auditor" && op.actor.regionId === contract.regionId);
  if (!allowed) throw new Forbidden("The buying officer or the region's auditor verifies promises.");
  const index = contract.promises.findIndex((p) => p.id === promiseId);
  if (index < 0) throw new NotFound("promise");
  const promise = contract.promises[index]!;
  const verified = verifiedPromise(op, contract, promise, input);
  const promises = contract.promises.map((p, i) => (i === index ? verified : p));
  const updated = publicFields<Contract>(
    await updateVersioned<Contract>(contractKey(id), input.version, { promises }, op.opId),
  );
  await appendAudit(op, {
    entityType: "contract",
    entityId: id,
    action: "contract.promise-verified",
    before: promise,
    after: verified,
    regionId: contract.regionId,
    step: `promise:${promiseId}`,
    once: `v${updated.version}`,
  });
  return updated;
}

/** The promise as verified: what was earned of its advantage, and the sanction on the rest. */
function verifiedPromise(
  op: Operation,
  contract: Contract,
  promise: SustainabilityPromise,
  input: Verification,
): SustainabilityPromise {
  if (input.status === "partly-met" && !input.earned)
    throw new InvalidInput([{ path: "body.earned", message: "required when partly met" }]);
  if (input.status !== "partly-met" && input.earned)
    throw new InvalidInput([{ path: "body.earned", message: "only for partly met" }]);
  const earnedCents =
    input.status === "met" ? promise.advantageCents : input.earned ? centsFromMoney(input.earned) : 0;
  if (earnedCents > promise.advantageCents)
    throw new InvalidInput([{ path: "body.earned", message: "more than the advantage gained at award" }]);
  const sanction =
    input.status === "met"
      ? undefined
      : computeSanction({
          advantageCents: promise.advantageCents,
          earnedCents,
          factor: contract.policy.sanctionFactor,
        });
  const verified: SustainabilityPromise = {
    ...promise,
    status: input.status,
    ...(input.achieved ? { achieved: input.achieved } : {}),
    ...(input.note ? { note: input.note } : {}),
    verifiedAt: op.now.toISOString(),
    verifiedBy: op.actor.sub,
    ...(sanction
      ? {
          sanction: {
            cents: sanction.sanctionCents,
            unearnedCents: sanction.unearnedCents,
            factor: contract.policy.sanctionFactor,
            formula: sanction.formula,
          },
        }
      : {}),
  };
  if (!sanction) delete verified.sanction;
  return verified;
}
