/**
 * Retention of candidate references (domain.md §5.3, issue 4 §4): pseudonymous references are still
 * personal data. After the contract end + the policy's retention period, an admin replaces them with
 * neutral ones (anon-001, …) in the contract's entries and removes the claim items that name them;
 * values, months, persons and totals stay as they were. Idempotent: a re-run finds nothing to replace.
 */
import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { appendAudit } from "../audit/audit.js";
import { Forbidden, RuleViolation } from "../domain/errors.js";
import type { Operation } from "../operation.js";
import { db } from "../store/client.js";
import { getItem, type Item, publicFields, queryAll, updateVersioned } from "../store/ops.js";
import { tableName } from "../store/table.js";
import { type Contract, loadContract } from "./contracts.js";
import { contractKey, entryKey, fteClaimKey } from "./keys.js";
import type { Entry } from "./realisations.js";

const NEUTRAL = /^anon-\d{3,}$/;

/** The first day on which the references may (must) be replaced: end date + retentionMonths, + 1 day. */
export function retentionEnds(contract: Pick<Contract, "endDate" | "policy">): string {
  const end = new Date(`${contract.endDate}T00:00:00Z`);
  const until = new Date(
    Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + contract.policy.retentionMonths, end.getUTCDate() + 1),
  );
  return until.toISOString().slice(0, 10);
}

export async function pseudonymiseContract(op: Operation, contractId: string) {
  if (op.actor.role !== "admin") throw new Forbidden("Only an admin applies the retention period.");
  const contract = await loadContract(op.actor, contractId);
  const due = retentionEnds(contract);
  if (op.now.toISOString().slice(0, 10) < due)
    throw new RuleViolation(
      "retention-running",
      `Candidate references are kept until ${due} (policy retention period).`,
    );
  const items = await queryAll<Item>({ pk: `CONTRACT#${contractId}` });
  const entries = items.filter((i) => i.sk.startsWith("ENTRY#")).map((i) => publicFields<Entry>(i));
  const mapping = new Map<string, string>();
  let next = entries.filter((e) => e.candidateRef && NEUTRAL.test(e.candidateRef)).length;
  for (const e of entries) {
    if (!e.candidateRef || NEUTRAL.test(e.candidateRef) || mapping.has(e.candidateRef)) continue;
    mapping.set(e.candidateRef, `anon-${String(++next).padStart(3, "0")}`);
  }
  // 1. entries: the one sanctioned change to a stored entry
  for (const e of entries) {
    const neutral = e.candidateRef ? mapping.get(e.candidateRef) : undefined;
    if (!neutral) continue;
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: entryKey(contractId, e.id),
        UpdateExpression: "SET #c = :n",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#c": "candidateRef" },
        ExpressionAttributeValues: { ":n": neutral },
      }),
    );
  }
  // 2. claim and person-marker items of this contract whose keys name a reference
  let removed = 0;
  for (const item of items.filter((i) => i.sk.startsWith("CAND#") || i.sk.startsWith("PERSON#"))) {
    await db.send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
    removed++;
  }
  // 3. this contract's periods in the supplier-wide FTE claims
  for (const ref of mapping.keys()) {
    const key = fteClaimKey(contract.supplierId, ref);
    const claim = await getItem<{ periods: { contractId: string }[]; version: number }>(key);
    if (!claim) continue;
    const rest = claim.periods.filter((p) => p.contractId !== contractId);
    if (rest.length === 0) await db.send(new DeleteCommand({ TableName: tableName(), Key: key }));
    else await updateVersioned(key, claim.version, { periods: rest }, op.opId).catch(() => undefined);
  }
  const current = (await getItem<Contract>(contractKey(contractId)))!;
  if (mapping.size > 0 || !("pseudonymisedAt" in current))
    await updateVersioned(
      contractKey(contractId),
      current.version,
      { pseudonymisedAt: op.now.toISOString() },
      op.opId,
    );
  await appendAudit(op, {
    entityType: "contract",
    entityId: contractId,
    action: "contract.candidate-references-replaced",
    regionId: contract.regionId,
    summary: `${mapping.size} reference(s) replaced, ${removed} claim item(s) removed`,
  });
  return { contractId, replaced: mapping.size, claimItemsRemoved: removed, retentionEnded: due };
}
