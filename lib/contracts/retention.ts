/**
 * Retention of candidate references (see lib/domain/sroi/README.md, Retention): pseudonymous
 * references are still personal data. After the contract end + the policy's retention period, an
 * admin replaces them with neutral ones (anon-001, …) in the contract's entries and removes the claim
 * items that name them; values, months, persons and totals stay as they were. Idempotent: a re-run
 * finds nothing to replace.
 */
import { appendAudit } from "../audit/audit.js";
import type { RetentionResponse } from "../schemas/responses/contracts.js";
import { Conflict, Forbidden, RuleViolation } from "../domain/errors.js";
import { candidateClaimEntity, fteClaimEntity, fteClaimKey, isCandidateClaim } from "../entities/claims.js";
import { contractKey, contractQueries } from "../entities/contract.js";
import { entryEntity, entryKey, isEntry } from "../entities/entry.js";
import { isPersonMarker, personEntity } from "../entities/person.js";
import { retentionPlanEntity, retentionPlanKey } from "../entities/retention-plan.js";
import type { Operation } from "../operation.js";
import {
  deleteIf,
  getItem,
  type Key,
  publicFields,
  putIfAbsent,
  setIf,
  updateVersioned,
} from "../store/ops.js";
import { queryAll } from "../store/paging.js";
import { loadContract } from "./contract/access.js";
import type { Contract } from "./contract/model.js";
import { readClaim } from "./entries/claims.js";
import type { Entry } from "./entries/model.js";

const NEUTRAL = /^anon-\d{3,}$/;

/** The first day on which the references may (must) be replaced: end date + retentionMonths, + 1 day. */
export function retentionEnds(contract: Pick<Contract, "endDate" | "policy">): string {
  const end = new Date(`${contract.endDate}T00:00:00Z`);
  const until = new Date(
    Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + contract.policy.retentionMonths, end.getUTCDate() + 1),
  );
  return until.toISOString().slice(0, 10);
}

/** Neutral names in order of each candidate's first start date, skipping any already in use. */
function neutralNames(entries: Entry[]): Record<string, string> {
  const inUse = new Set(entries.map((e) => e.candidateRef).filter((r) => r && NEUTRAL.test(r)));
  const chronological = [...entries].sort(
    (a, b) =>
      a.startDate.localeCompare(b.startDate) || (a.candidateRef ?? "").localeCompare(b.candidateRef ?? ""),
  );
  const mapping: Record<string, string> = {};
  let next = 0;
  for (const ref of chronological.map((e) => e.candidateRef)) {
    if (!ref || NEUTRAL.test(ref) || ref in mapping) continue;
    let name: string;
    do name = `anon-${String(++next).padStart(3, "0")}`;
    while (inUse.has(name));
    mapping[ref] = name;
  }
  return mapping;
}

/**
 * The run's mapping (reference → neutral name), stored before any change and removed at the end, so
 * a retry after a crash finishes with the same names instead of splitting one candidate in two.
 */
async function planOf(contractId: string, entries: Entry[]): Promise<Record<string, string>> {
  const key = retentionPlanKey(contractId);
  const storedPlan = async () => {
    const item = await getItem(key);
    return item ? retentionPlanEntity.read(item).mapping : undefined;
  };
  const stored = await storedPlan();
  if (stored) return stored;
  const mapping = neutralNames(entries);
  if (Object.keys(mapping).length === 0) return mapping;
  if (await putIfAbsent({ ...key, mapping })) return mapping;
  return (await storedPlan()) ?? mapping; // a concurrent run's plan
}

const ATTEMPTS = 10;

/**
 * Removes this contract's periods (in the contract, and FTE) from the candidate's claim across the
 * supplier, racing other contracts' claims safely; the claim goes when nothing else is left in it.
 * Returns whether it removed the claim item.
 */
async function releaseSupplierClaim(op: Operation, supplierId: string, ref: string, contractId: string) {
  const key = fteClaimKey(supplierId, ref);
  const other = (p: { contractId: string }) => p.contractId !== contractId;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const claim = await readClaim({ entity: fteClaimEntity, key });
    if (!claim) return false;
    const periods = claim.periods.filter(other);
    const contractPeriods = (claim.contractPeriods ?? []).filter(other);
    // Adopted, so a legacy claim of the contract is not copied back in.
    const adopted = [...new Set([...(claim.adopted ?? []), contractId])];
    if (
      periods.length === claim.periods.length &&
      contractPeriods.length === (claim.contractPeriods ?? []).length
    )
      return false;
    if (periods.length === 0 && contractPeriods.length === 0) {
      if (await deleteIf(key, { version: claim.version })) return true;
      continue;
    }
    try {
      await updateVersioned(key, claim.version, { periods, contractPeriods, adopted }, op.opId);
      return false;
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
  }
  throw new Conflict("The candidate's claims changed too often meanwhile; retry the request.");
}

export async function pseudonymiseContract(op: Operation, contractId: string): Promise<RetentionResponse> {
  if (op.actor.role !== "admin") throw new Forbidden("Only an admin applies the retention period.");
  const contract = await loadContract(op.actor, contractId);
  const due = retentionEnds(contract);
  if (op.now.toISOString().slice(0, 10) < due)
    throw new RuleViolation(
      "retention-running",
      `Candidate references are kept until ${due} (policy retention period).`,
    );
  const items = await queryAll<Key>(contractQueries.partition(contractId));
  const entries = entryEntity.readAll(items.filter(isEntry)).map((i) => publicFields<Entry>(i));
  const mapping = await planOf(contractId, entries);
  // Claims first, entries last: until the entries are renamed, a retry can still find every reference.
  // The contract's legacy claims go before its periods leave the supplier's claims, so none is copied
  // back in.
  let removed = 0;
  const named = [
    ...candidateClaimEntity.readAll(items.filter(isCandidateClaim)),
    ...personEntity.readAll(items.filter(isPersonMarker)),
  ];
  for (const item of named) {
    if (await deleteIf({ pk: item.pk, sk: item.sk })) removed++;
  }
  for (const ref of Object.keys(mapping))
    if (await releaseSupplierClaim(op, contract.supplierId, ref, contractId)) removed++;
  for (const e of entries) {
    const neutral = e.candidateRef ? mapping[e.candidateRef] : undefined;
    if (neutral) await setIf(entryKey(contractId, e.id), { candidateRef: neutral });
  }
  const replaced = Object.keys(mapping).length;
  const marked = contract.pseudonymisedAt;
  // A run that changes something marks the contract, and records the run once, keyed on the version
  // that mark produced; a re-run that finds nothing to do changes nothing and records nothing.
  const changed = replaced > 0 || removed > 0 || !marked;
  const after = changed
    ? await updateVersioned<Contract>(
        contractKey(contractId),
        contract.version,
        { pseudonymisedAt: op.now.toISOString() },
        op.opId,
      )
    : undefined;
  await deleteIf(retentionPlanKey(contractId));
  if (after)
    await appendAudit(op, {
      entityType: "contract",
      entityId: contractId,
      action: "contract.candidate-references-replaced",
      regionId: contract.regionId,
      summary: `${replaced} reference(s) replaced, ${removed} claim item(s) removed`,
      once: `v${after.version}`,
    });
  return { contractId, replaced, claimItemsRemoved: removed, retentionEnded: due };
}
