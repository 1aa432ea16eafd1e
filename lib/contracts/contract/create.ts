/**
 * Creating a contract: planned (reads and checks only), then stored in ordered idempotent steps: the
 * contract document first (created once), then its immutable obligation/commitment versions and the
 * region pointer (putIfAbsent), then the audit event. A retry completes what a crash left unfinished.
 */
import { appendAudit } from "../../audit/audit.js";
import { isIsoDate } from "../../domain/dates.js";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../../domain/errors.js";
import { type Cents, formatEuros } from "../../domain/money.js";
import { DEFAULT_MONTH_COUNTING } from "../../domain/sroi/months.js";
import type { ContractType, ObligationResult } from "../../domain/sroi/obligation.js";
import { valuateLines, type Valuation, type ValuationLine } from "../../domain/sroi/valuation.js";
import type { Operation } from "../../operation.js";
import { getOrganisation } from "../../orgs/organisations.js";
import { catalogueForDate, policyForDate, type StoredPolicy } from "../../sroi/rules.js";
import { commitmentKey } from "../../entities/commitment.js";
import { contractIndexKeys, contractKey } from "../../entities/contract.js";
import { regionContractPointerKey } from "../../entities/contract-pointer.js";
import { obligationKey } from "../../entities/obligation.js";
import { deleteIf, type Item, publicFields, putIfAbsent } from "../../store/ops.js";
import { getStoredContract } from "./access.js";
import {
  baseAmountsOf,
  type Contract,
  contractMonths,
  obligationFor,
  type ObligationVersion,
  type SustainabilityPromise,
} from "./model.js";

export interface NewContract {
  id: string;
  reference: string;
  title: string;
  buyerId: string;
  supplierId: string;
  type: ContractType;
  valueCents: Cents;
  labourShare?: number | null | undefined;
  startDate: string;
  endDate: string;
  awardDate?: string | undefined;
  psoLevel?: string | null | undefined;
  psoCertificateValidUntil?: string | null | undefined;
  source: Contract["source"];
  tenderId?: string | null | undefined;
  lotId?: string | null | undefined;
  commitmentLines?: ValuationLine[] | undefined;
  commitmentNote?: string | undefined;
  promises?: Omit<SustainabilityPromise, "status">[] | undefined;
}

async function checkParties(input: NewContract) {
  const errors = [];
  const buyer = await getOrganisation(input.buyerId);
  if (buyer?.kind !== "municipality" || !buyer.regionId)
    errors.push({ path: "buyerId", message: "not a municipality" });
  const supplier = await getOrganisation(input.supplierId);
  if (supplier?.kind !== "supplier") errors.push({ path: "supplierId", message: "no such supplier" });
  if (!isIsoDate(input.startDate)) errors.push({ path: "startDate", message: "not a date" });
  if (!isIsoDate(input.endDate)) errors.push({ path: "endDate", message: "not a date" });
  if (input.endDate < input.startDate) errors.push({ path: "endDate", message: "before the start date" });
  if (input.awardDate && !isIsoDate(input.awardDate))
    errors.push({ path: "awardDate", message: "not a date" });
  if (input.psoCertificateValidUntil && !isIsoDate(input.psoCertificateValidUntil))
    errors.push({ path: "psoCertificateValidUntil", message: "not a date" });
  if (errors.length) throw new InvalidInput(errors);
  return { regionId: buyer!.regionId! };
}

/** A new contract built and checked against its parties and the region's rules, not yet stored. */
export interface PlannedContract {
  input: NewContract;
  contract: Contract;
  basis: ObligationVersion["basis"];
  obligation: ObligationResult;
  commitment: Valuation | null;
  policy: StoredPolicy;
}

/** Reads only: the parties, the policy and catalogue in force at award, the obligation, the commitment. */
export async function planNewContract(op: Operation, input: NewContract): Promise<PlannedContract> {
  const { regionId } = await checkParties(input);
  const awardDate = input.awardDate ?? input.startDate;
  const policy = await policyForDate(regionId, awardDate).catch((error: unknown) => {
    if (!(error instanceof NotFound)) throw error;
    throw new RuleViolation(
      "no-sroi-policy",
      `Region ${regionId} has no social-return policy in force on ${awardDate}; its auditors publish one first.`,
    );
  });
  const catalogue = await catalogueForDate(policy.catalogueId, awardDate);
  const basis: ObligationVersion["basis"] = {
    valueCents: input.valueCents,
    type: input.type,
    labourShare: input.labourShare ?? null,
    months: contractMonths(input.startDate, input.endDate, policy.monthCounting),
    psoLevel: input.psoLevel ?? null,
    // No base amount is accepted yet: a turnover or wage-bill obligation starts at 0 and grows with them.
    ...baseAmountsOf(policy.base, 0),
    startDate: input.startDate,
    endDate: input.endDate,
    psoCertificateValidUntil: input.psoCertificateValidUntil ?? null,
  };
  const obligation = obligationFor(policy, basis);
  const commitment = input.commitmentLines
    ? valuateLines(catalogue, input.commitmentLines, "commitment.lines")
    : null;
  const contract: Contract = {
    id: input.id,
    reference: input.reference,
    title: input.title,
    regionId,
    buyerId: input.buyerId,
    supplierId: input.supplierId,
    type: input.type,
    valueCents: input.valueCents,
    labourShare: input.labourShare ?? null,
    startDate: input.startDate,
    endDate: input.endDate,
    awardDate,
    psoLevel: input.psoLevel ?? null,
    psoCertificateValidUntil: input.psoCertificateValidUntil ?? null,
    source: input.source,
    tenderId: input.tenderId ?? null,
    ...(input.tenderId ? { lotId: input.lotId ?? "1" } : {}),
    policy: {
      id: policy.id,
      version: policy.version,
      catalogueId: policy.catalogueId,
      valuationDate: policy.valuationDate,
      reviewDays: policy.reviewDays,
      recoveryDays: policy.recoveryDays,
      retentionMonths: policy.retentionMonths,
      sanctionFactor: policy.sanctionFactor ?? 1.5,
      monthCounting: policy.monthCounting ?? DEFAULT_MONTH_COUNTING,
      countingMaximumPer: policy.countingMaximumPer ?? "contract",
      allowPooling: policy.allowPooling ?? false,
      base: policy.base,
    },
    awardCatalogue: { id: catalogue.id, version: catalogue.version },
    obligation: { version: 1, cents: obligation.obligationCents, applies: obligation.applies },
    commitment: commitment ? { version: 1, cents: commitment.totalCents } : null,
    promises: (input.promises ?? []).map((p) => ({ ...p, status: "pending" as const })),
    settlement: null,
    createdAt: op.now.toISOString(),
    createdBy: op.actor.sub,
    version: 1,
  };
  return { input, contract, basis, obligation, commitment, policy };
}

/** The stored document of a new contract: its keys, list index keys and the operation that wrote it. */
export const contractDocumentItem = (op: Operation, contract: Contract): Item => ({
  ...contractKey(contract.id),
  ...contractIndexKeys(contract),
  lastOpId: op.opId,
  ...contract,
});

/**
 * The items a stored contract keeps beside its document, each created once: its first obligation version,
 * its first commitment version (when it has one) and the region's pointer to it.
 */
export function contractVersionItems(stored: Contract, plan: PlannedContract): Item[] {
  const { input, basis, obligation, commitment, policy } = plan;
  return [
    {
      ...obligationKey(stored.id, 1),
      ...({
        version: 1,
        applies: obligation.applies,
        cents: obligation.obligationCents,
        steps: obligation.steps,
        policy: { id: policy.id, version: policy.version },
        basis,
        reason: stored.source === "award" ? "award" : "registration",
        at: stored.createdAt,
        by: stored.createdBy,
      } satisfies ObligationVersion),
    },
    ...(commitment && input.commitmentLines
      ? [
          {
            ...commitmentKey(stored.id, 1),
            version: 1,
            lines: input.commitmentLines,
            valuation: commitment,
            ...(input.commitmentNote ? { note: input.commitmentNote } : {}),
            at: stored.createdAt,
            by: stored.createdBy,
          },
        ]
      : []),
    {
      ...regionContractPointerKey(stored.regionId, stored.id),
      contractId: stored.id,
      buyerId: stored.buyerId,
      supplierId: stored.supplierId,
      startDate: stored.startDate,
      endDate: stored.endDate,
    },
  ];
}

/**
 * Stores a planned contract in idempotent steps: the document first (created once), then its obligation
 * and commitment versions and the region's pointer (putIfAbsent). Returns the stored contract: an earlier
 * try's of the same operation, or the existing one for a retried award; `ours` when this operation
 * created it (now or on the try a retry completes).
 */
export async function storePlannedContract(
  op: Operation,
  plan: PlannedContract,
): Promise<{ stored: Contract; ours: boolean }> {
  const { stored, ours } = await putContractDocument(op, plan.input, plan.contract);
  // Steps after the document: each creates its item once, so a retry (any operation) completes them.
  for (const item of contractVersionItems(stored, plan)) await putIfAbsent(item);
  return { stored, ours };
}

/**
 * The contract document, created once. An existing one is ours when an earlier try of this operation
 * wrote it; for a retried award (same tender) it is returned as it is; otherwise it is a conflict.
 */
async function putContractDocument(
  op: Operation,
  input: NewContract,
  contract: Contract,
): Promise<{ stored: Contract; ours: boolean }> {
  if (await putIfAbsent(contractDocumentItem(op, contract))) return { stored: contract, ours: true };
  const existing = await getStoredContract(contract.id);
  const sameAward =
    input.tenderId &&
    existing?.tenderId === input.tenderId &&
    (existing.lotId ?? "1") === (input.lotId ?? "1");
  const ours = existing?.lastOpId === op.opId;
  if (!existing || !(sameAward || ours))
    throw new Conflict(`Contract ${input.reference} already exists for this municipality.`);
  return { stored: publicFields<Contract>(existing), ours };
}

/** The audit event of a new contract (the last step of its creation). */
export const contractCreated = (stored: Contract) => ({
  entityType: "contract" as const,
  entityId: stored.id,
  action: "contract.created",
  after: stored,
  regionId: stored.regionId,
  summary: `obligation ${stored.obligation.applies ? `EUR ${formatEuros(stored.obligation.cents)}` : "not applicable"} (policy ${stored.policy.id} v${stored.policy.version})`,
  once: "created",
});

/**
 * Undoes storePlannedContract for operation `op`, items in reverse order, the document last. Only a
 * document this operation created and nobody changed since (version 1, its lastOpId) is removed.
 */
export async function removeUnchangedContract(op: Operation, id: string): Promise<void> {
  const doc = await getStoredContract(id);
  if (!doc || doc.lastOpId !== op.opId || doc.version !== 1) return;
  await deleteIf(regionContractPointerKey(doc.regionId, id));
  await deleteIf(commitmentKey(id, 1));
  await deleteIf(obligationKey(id, 1));
  await deleteIf(contractKey(id), { lastOpId: op.opId, version: 1 });
}

/** Builds, then stores in idempotent steps; returns the stored contract (existing one for a retried award). */
export async function storeNewContract(op: Operation, input: NewContract): Promise<Contract> {
  const plan = await planNewContract(op, input);
  const { stored, ours } = await storePlannedContract(op, plan);
  // A concurrent award that lost the race to create the contract completed the steps above, but the
  // creation is recorded by the operation that created it.
  if (ours) await appendAudit(op, contractCreated(stored));
  return stored;
}
