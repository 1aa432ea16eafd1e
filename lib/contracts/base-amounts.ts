/**
 * Base amounts: for a policy whose base is the invoiced turnover or the wage bill, the contract's supplier
 * reports the amount per reporting period; an auditor of the region or the buying officer reviews it like
 * an entry, and an accepted amount recomputes the obligation as a new version on the sum of the accepted
 * ones. Each report is an item created once; its review a conditional write (status = reported).
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, Forbidden, NotFound, RuleViolation } from "../domain/errors.js";
import { centsFromMoney, formatEuros, type Money } from "../domain/money.js";
import { periodsOverlap } from "../domain/sroi/months.js";
import { BASE_LABELS } from "../domain/sroi/obligation.js";
import type { Actor, Operation } from "../operation.js";
import { baseAmountEntity, baseAmountId, baseAmountKey, baseAmountQueries } from "../entities/base-amount.js";
import { getItem, publicFields, putIfAbsent, setIf } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import { loadContract, requireReviewer, reviewBy } from "./contract/access.js";
import type { Contract, ObligationVersion } from "./contract/model.js";
import { recomputeObligation, requirePolicyVersion } from "./contract/obligation-version.js";
import type { Review } from "./entries/model.js";
import { periodRange } from "./entries/prepare.js";

export interface BaseAmount {
  id: string;
  contractId: string;
  period: string;
  base: "invoiced-turnover" | "wage-bill";
  amountCents: number;
  status: "reported" | "accepted" | "rejected";
  reportedAt: string;
  reportedBy: string;
  reportedByOrg: string;
  review: Review | null;
}

/** A stored base amount without its bookkeeping (the review's operation id included). */
function publicAmount(item: object): BaseAmount {
  const { reviewOpId: _, ...amount } = publicFields<BaseAmount & { reviewOpId?: string }>(item);
  return amount;
}

const read = (item: unknown) => publicAmount(baseAmountEntity.read(item));

async function baseAmountsOf(contractId: string) {
  return baseAmountEntity.readAll(await queryAll(baseAmountQueries.ofContract(contractId)));
}

/** A reported or accepted amount of a period that overlaps `period` (a year and its quarter would count twice). */
function overlapping(amounts: BaseAmount[], period: string, statuses: BaseAmount["status"][]) {
  const range = periodRange(period);
  return amounts.find((a) => {
    const other = periodRange(a.period);
    return statuses.includes(a.status) && periodsOverlap(range.from, range.to, other.from, other.to);
  });
}

/** The contract's supplier reports the invoiced turnover or wage bill of one reporting period. */
export async function reportBaseAmount(
  op: Operation,
  contractId: string,
  input: { period: string; amount: Money },
): Promise<BaseAmount> {
  const contract = await loadContract(op.actor, contractId);
  if (op.actor.role !== "supplier" || op.actor.orgId !== contract.supplierId)
    throw new Forbidden("The contract's supplier reports its base amounts.");
  const policy = await requirePolicyVersion(contract);
  if (policy.base === "contract-value")
    throw new RuleViolation(
      "base-amount-not-needed",
      `Policy ${policy.id} v${policy.version} takes the contract value as its base; there is nothing to report.`,
    );
  if (contract.settlement)
    throw new RuleViolation("contract-settled", "A settled contract takes no more base amounts.");
  const range = periodRange(input.period);
  if (!periodsOverlap(range.from, range.to, contract.startDate, contract.endDate))
    throw new RuleViolation(
      "period-outside-contract",
      `The period ${input.period} (${range.from} to ${range.to}) lies outside the contract period ${contract.startDate} to ${contract.endDate}.`,
      [{ path: "period", message: "outside the contract period" }],
    );
  const items = await baseAmountsOf(contractId);
  // A retried report (same operation) gets its amount back, and completes its event.
  const mine = items.find((i) => i.lastOpId === op.opId);
  if (mine) return auditReported(op, contract, publicAmount(mine));
  const amounts = items.map((i) => publicAmount(i));
  const taken = overlapping(amounts, input.period, ["reported", "accepted"]);
  if (taken)
    throw new Conflict(
      `Period ${taken.period} is already reported (${taken.id}, ${taken.status}); a rejected report can be reported again.`,
      "base-amount-period-taken",
    );
  const n = amounts.filter((a) => a.period === input.period).length + 1;
  const amount: BaseAmount = {
    id: baseAmountId(input.period, n),
    contractId,
    period: input.period,
    base: policy.base,
    amountCents: centsFromMoney(input.amount),
    status: "reported",
    reportedAt: op.now.toISOString(),
    reportedBy: op.actor.sub,
    reportedByOrg: op.actor.orgId,
    review: null,
  };
  // Two reports of one period at once: the second finds the item written and is refused.
  if (!(await putIfAbsent({ ...baseAmountKey(contractId, amount.id), lastOpId: op.opId, ...amount })))
    throw new Conflict(
      `Period ${input.period} was reported at the same time; reload.`,
      "base-amount-period-taken",
    );
  return auditReported(op, contract, amount);
}

async function auditReported(op: Operation, contract: Contract, amount: BaseAmount): Promise<BaseAmount> {
  await appendAudit(op, {
    entityType: "base-amount",
    entityId: `${contract.id}/${amount.id}`,
    action: "base-amount.reported",
    after: amount,
    regionId: contract.regionId,
    summary: `${BASE_LABELS[amount.base]} ${amount.period}: EUR ${formatEuros(amount.amountCents)}`,
    once: "created",
  });
  return amount;
}

export async function listBaseAmounts(
  actor: Actor,
  contractId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<BaseAmount>> {
  await loadContract(actor, contractId);
  const found = await queryPage({ ...baseAmountQueries.ofContract(contractId), ...page });
  return { items: found.items.map(read), nextCursor: found.nextCursor };
}

/**
 * Accepts or rejects a reported base amount, once; an accepted one recomputes the obligation as a new
 * version on the sum of the accepted amounts. A retry of the same review completes the recomputation.
 */
export async function reviewBaseAmount(
  op: Operation,
  contractId: string,
  baseAmountId: string,
  input: { decision: "accept" | "reject"; reason: string },
): Promise<{ baseAmount: BaseAmount; contract: Contract; obligation: ObligationVersion | null }> {
  const contract = await loadContract(op.actor, contractId);
  const key = baseAmountKey(contractId, baseAmountId);
  const item = await getItem(key);
  if (!item) throw new NotFound("base amount");
  const stored = baseAmountEntity.read(item);
  const amount = publicAmount(stored);
  requireReviewer(op, contract, amount.reportedByOrg, "base amounts");
  const retry = stored.reviewOpId === op.opId;
  const status = input.decision === "accept" ? "accepted" : "rejected";
  const review = reviewBy(op, input);
  const reviewed: BaseAmount = retry ? amount : { ...amount, status, review };
  if (!retry) {
    if (amount.status !== "reported")
      throw new Conflict(
        `The base amount is already ${amount.status}; report the period again to correct it.`,
      );
    if (contract.settlement)
      throw new RuleViolation("contract-settled", "A settled contract's obligation no longer changes.");
    if (status === "accepted") {
      const clash = overlapping(
        (await baseAmountsOf(contractId)).map((i) => publicAmount(i)),
        amount.period,
        ["accepted"],
      );
      if (clash)
        throw new Conflict(
          `Period ${clash.period} overlaps this one and is already accepted (${clash.id}).`,
          "base-amount-period-taken",
        );
    }
    if (!(await setIf(key, { status, review, reviewOpId: op.opId }, { status: "reported" })))
      throw new Conflict("The base amount was reviewed at the same time; reload.");
  }
  await appendAudit(op, {
    entityType: "base-amount",
    entityId: `${contractId}/${baseAmountId}`,
    action: `base-amount.${reviewed.status}`,
    before: { ...amount, status: "reported", review: null },
    after: reviewed,
    regionId: contract.regionId,
    summary: input.reason,
    once: "reviewed",
  });
  if (reviewed.status !== "accepted") return { baseAmount: reviewed, contract, obligation: null };
  const recomputed = await recomputeObligation(
    op,
    contractId,
    `${BASE_LABELS[reviewed.base]} ${reviewed.period} accepted (${reviewed.id})`,
  );
  await appendAudit(op, {
    entityType: "contract",
    entityId: contractId,
    action: "contract.obligation-recomputed",
    before: contract,
    after: recomputed.contract,
    regionId: contract.regionId,
    summary: `obligation v${recomputed.obligation.version}: EUR ${formatEuros(recomputed.obligation.cents)}`,
    once: `v${recomputed.contract.version}`,
  });
  return { baseAmount: reviewed, ...recomputed };
}
