/**
 * Contracts and their social-return obligation, commitment, sustainability promises and settlement
 * (issue 4 §3, §6). A contract is created by the final award (`createContractFromAward`, called by the
 * tenders capability) or registered by an officer (one by one or by CSV import).
 *
 * Writes are ordered, idempotent steps: the contract document first (created once), then its
 * immutable obligation/commitment version items (putIfAbsent), then the audit event. A retry
 * completes what a crash left unfinished.
 */
import { createHash } from "node:crypto";
import { appendAudit } from "../audit/audit.js";
import { Conflict, Forbidden, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import { type Cents, centsFromMoney, formatEuros, type Money, toMoney } from "../domain/money.js";
import { periodEnded, recoveryDeadlineOf } from "../domain/sroi/balance.js";
import { isIsoDate } from "../domain/dates.js";
import { monthsBetween } from "../domain/sroi/months.js";
import { type ContractType, computeObligation, type ObligationResult } from "../domain/sroi/obligation.js";
import { computeSanction } from "../domain/sroi/sanction.js";
import { type Valuation, type ValuationLine, valuateLines } from "../domain/sroi/valuation.js";
import { toNumber } from "../domain/exact.js";
import type { Actor, Operation } from "../operation.js";
import { getOrganisation } from "../orgs/organisations.js";
import {
  deleteIf,
  getItem,
  type Item,
  type Page,
  publicFields,
  putIfAbsent,
  queryAll,
  queryPage,
  updateVersioned,
} from "../store/ops.js";
import { commitmentKey, contractKey, obligationKey, regionContractPointerKey } from "./keys.js";
import { catalogueForDate, getPolicy, policyForDate, requireCatalogue, type StoredPolicy } from "./rules.js";

export type PromiseStatus = "pending" | "met" | "not-met" | "partly-met";

export interface SustainabilityPromise {
  id: string;
  kind: "co2-ladder" | "mki" | "other";
  description: string;
  promised: string;
  advantageCents: Cents;
  status: PromiseStatus;
  achieved?: string;
  verifiedAt?: string;
  verifiedBy?: string;
  note?: string;
  sanction?: { cents: Cents; unearnedCents: Cents; factor: number; formula: string };
}

export interface ObligationVersion {
  version: number;
  applies: boolean;
  cents: Cents;
  steps: ObligationResult["steps"];
  policy: { id: string; version: number };
  basis: {
    valueCents: Cents;
    type: ContractType;
    labourShare: number | null;
    months: number;
    psoLevel: number | null;
  };
  reason: string;
  at: string;
  by: string;
}

export interface CommitmentVersion {
  version: number;
  lines: ValuationLine[];
  valuation: Valuation;
  note?: string;
  at: string;
  by: string;
}

export interface Settlement {
  outcome: "withheld" | "invoiced" | "waived";
  shortfallCents: Cents;
  reason: string;
  at: string;
  by: string;
}

export interface Contract {
  id: string;
  reference: string;
  title: string;
  regionId: string;
  buyerId: string;
  supplierId: string;
  type: ContractType;
  valueCents: Cents;
  labourShare: number | null;
  startDate: string;
  endDate: string;
  awardDate: string;
  psoLevel: number | null;
  source: "award" | "registered" | "import";
  tenderId: string | null;
  /** The policy version in force at award, with the settings the contract keeps from it. */
  policy: {
    id: string;
    version: number;
    catalogueId: string;
    valuationDate: StoredPolicy["valuationDate"];
    reviewDays: number;
    recoveryDays: number;
    retentionMonths: number;
    sanctionFactor: number;
  };
  /** The catalogue version in force on the award date (values the commitment; and entries under "award-date"). */
  awardCatalogue: { id: string; version: string };
  obligation: { version: number; cents: Cents; applies: boolean };
  commitment: { version: number; cents: Cents } | null;
  promises: SustainabilityPromise[];
  settlement: Settlement | null;
  createdAt: string;
  createdBy: string;
  version: number;
}

const today = (op: Operation) => op.now.toISOString().slice(0, 10);

/** Deterministic ids: a retried award or import never makes a second contract. */
export const contractIdForTender = (tenderId: string) => `ct-${tenderId}`;
export const contractIdForReference = (buyerId: string, reference: string) =>
  `c-${createHash("sha256").update(`${buyerId}\n${reference}`).digest("base64url").slice(0, 16)}`;

/** Whole-contract duration in months (for a policy's minimum duration). */
const contractMonths = (start: string, end: string) => toNumber(monthsBetween(start, end));

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
  psoLevel?: number | null | undefined;
  source: Contract["source"];
  tenderId?: string | null | undefined;
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
  if (errors.length) throw new InvalidInput(errors);
  return { regionId: buyer!.regionId! };
}

function obligationFor(policy: StoredPolicy, basis: ObligationVersion["basis"]): ObligationResult {
  return computeObligation(
    policy,
    { valueCents: basis.valueCents, type: basis.type, labourShare: basis.labourShare, months: basis.months },
    basis.psoLevel,
  );
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
    months: contractMonths(input.startDate, input.endDate),
    psoLevel: input.psoLevel ?? null,
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
    source: input.source,
    tenderId: input.tenderId ?? null,
    policy: {
      id: policy.id,
      version: policy.version,
      catalogueId: policy.catalogueId,
      valuationDate: policy.valuationDate,
      reviewDays: policy.reviewDays,
      recoveryDays: policy.recoveryDays,
      retentionMonths: policy.retentionMonths,
      sanctionFactor: policy.sanctionFactor ?? 1.5,
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
  const { input, contract, basis, obligation, commitment, policy } = plan;
  const item = {
    ...contractKey(contract.id),
    gsi1pk: `BUYER#${contract.buyerId}#CONTRACTS`,
    gsi1sk: `${contract.startDate}#${contract.id}`,
    gsi2pk: `SUPPLIER#${contract.supplierId}#CONTRACTS`,
    gsi2sk: `${contract.startDate}#${contract.id}`,
    lastOpId: op.opId,
    ...contract,
  };
  let stored: Contract;
  /** This operation created the contract (now, or on the try a retry completes). */
  let ours = true;
  if (await putIfAbsent(item)) stored = contract;
  else {
    const existing = await getItem<Contract & { lastOpId?: string }>(contractKey(contract.id));
    const sameAward = input.tenderId && existing?.tenderId === input.tenderId;
    ours = existing?.lastOpId === op.opId;
    if (!existing || !(sameAward || ours))
      throw new Conflict(`Contract ${input.reference} already exists for this municipality.`);
    stored = publicFields<Contract>(existing);
  }
  // Steps after the document: each creates its item once, so a retry (any operation) completes them.
  await putIfAbsent({
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
  });
  if (commitment && input.commitmentLines)
    await putIfAbsent({
      ...commitmentKey(stored.id, 1),
      version: 1,
      lines: input.commitmentLines,
      valuation: commitment,
      ...(input.commitmentNote ? { note: input.commitmentNote } : {}),
      at: stored.createdAt,
      by: stored.createdBy,
    });
  await putIfAbsent({
    ...regionContractPointerKey(stored.regionId, stored.id),
    contractId: stored.id,
    buyerId: stored.buyerId,
    supplierId: stored.supplierId,
    startDate: stored.startDate,
    endDate: stored.endDate,
  });
  return { stored, ours };
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
  const doc = await getItem<Contract & { lastOpId?: string }>(contractKey(id));
  if (!doc || doc.lastOpId !== op.opId || doc.version !== 1) return;
  await deleteIf(regionContractPointerKey(doc.regionId, id));
  await deleteIf(commitmentKey(id, 1));
  await deleteIf(obligationKey(id, 1));
  await deleteIf(contractKey(id), { lastOpId: op.opId, version: 1 });
}

/** Builds, then stores in idempotent steps; returns the stored contract (existing one for a retried award). */
async function storeNewContract(op: Operation, input: NewContract): Promise<Contract> {
  const plan = await planNewContract(op, input);
  const { stored, ours } = await storePlannedContract(op, plan);
  // A concurrent award that lost the race to create the contract completed the steps above, but the
  // creation is recorded by the operation that created it.
  if (ours) await appendAudit(op, contractCreated(stored));
  return stored;
}

/**
 * The final award of a tender creates its contract (called by the tenders capability). Idempotent:
 * the contract id derives from the tender id, so a retried or repeated award returns the same contract.
 * The winning bid's offer lines become the commitment; its sustainability promises are recorded.
 */
export async function createContractFromAward(
  op: Operation,
  award: {
    tenderId: string;
    reference: string;
    title: string;
    buyerId: string;
    supplierId: string;
    type: ContractType;
    valueCents: Cents;
    labourShare?: number | null;
    startDate: string;
    endDate: string;
    awardDate: string;
    psoLevel?: number | null;
    offerLines?: ValuationLine[];
    promises?: Omit<SustainabilityPromise, "status">[];
  },
): Promise<Contract> {
  const existing = await getItem<Contract & { lastOpId?: string }>(
    contractKey(contractIdForTender(award.tenderId)),
  );
  // Another operation's contract is returned as it is; this operation's own (a retry) is completed.
  if (existing && existing.lastOpId !== op.opId) return publicFields<Contract>(existing);
  return storeNewContract(op, {
    ...award,
    id: contractIdForTender(award.tenderId),
    source: "award",
    commitmentLines: award.offerLines,
    commitmentNote: "the winning bid's social-return offer",
  });
}

export interface RegisterInput {
  reference: string;
  title: string;
  supplierId: string;
  type: ContractType;
  value: Money;
  labourShare?: number | undefined;
  startDate: string;
  endDate: string;
  awardDate?: string | undefined;
  psoLevel?: number | undefined;
  commitment?: { lines: WireLine[]; note?: string | undefined } | undefined;
  promises?:
    | {
        id: string;
        kind: SustainabilityPromise["kind"];
        description: string;
        promised: string;
        advantage: Money;
      }[]
    | undefined;
}

export type WireLine = Omit<ValuationLine, "invoiceCents"> & { invoice?: Money | undefined };

export const lineFromWire = ({ invoice, ...line }: WireLine): ValuationLine =>
  invoice === undefined ? line : { ...line, invoiceCents: centsFromMoney(invoice) };

/** The new contract an officer's registration describes (its id derives from the reference). */
export function registration(
  op: Operation,
  input: RegisterInput,
  source: "registered" | "import" = "registered",
): NewContract {
  if (op.actor.role !== "officer") throw new Forbidden("Officers register their municipality's contracts.");
  return {
    id: contractIdForReference(op.actor.orgId, input.reference),
    reference: input.reference,
    title: input.title,
    buyerId: op.actor.orgId,
    supplierId: input.supplierId,
    type: input.type,
    valueCents: centsFromMoney(input.value),
    labourShare: input.labourShare,
    startDate: input.startDate,
    endDate: input.endDate,
    awardDate: input.awardDate,
    psoLevel: input.psoLevel,
    source,
    commitmentLines: input.commitment?.lines.map(lineFromWire),
    commitmentNote: input.commitment?.note,
    promises: input.promises?.map(({ advantage, ...p }) => ({
      ...p,
      advantageCents: centsFromMoney(advantage),
    })),
  };
}

/** An officer registers a contract awarded elsewhere (most running contracts predate the system). */
export async function registerContract(
  op: Operation,
  input: RegisterInput,
  source: "registered" | "import" = "registered",
): Promise<Contract> {
  return storeNewContract(op, registration(op, input, source));
}

/** Who may see a contract: its buyer's officers, its supplier, its region's auditors, admins. Others: 404. */
export function canSee(
  actor: Actor,
  contract: Pick<Contract, "buyerId" | "supplierId" | "regionId">,
): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "officer":
      return contract.buyerId === actor.orgId;
    case "supplier":
      return contract.supplierId === actor.orgId;
    case "auditor":
      return contract.regionId === actor.regionId;
  }
}

export async function loadContract(actor: Actor, id: string): Promise<Contract> {
  const item = await getItem<Contract>(contractKey(id));
  if (!item || !canSee(actor, item)) throw new NotFound("contract");
  return publicFields<Contract>(item);
}

const requireBuyerOfficer = (op: Operation, contract: Contract) => {
  if (op.actor.role !== "officer" || op.actor.orgId !== contract.buyerId)
    throw new Forbidden("Only an officer of the buying municipality may do this.");
};

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
  const basis: ObligationVersion["basis"] = {
    valueCents: change.value ? centsFromMoney(change.value) : contract.valueCents,
    type: contract.type,
    labourShare: change.labourShare ?? contract.labourShare,
    months: contractMonths(contract.startDate, endDate),
    psoLevel: contract.psoLevel,
  };
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

async function requirePolicyVersion(contract: Contract): Promise<StoredPolicy> {
  const policy = await getPolicy(contract.policy.id, contract.policy.version);
  if (!policy) throw new NotFound("policy version");
  return policy;
}

export async function obligationVersions(actor: Actor, id: string): Promise<ObligationVersion[]> {
  await loadContract(actor, id);
  const items = await queryAll<ObligationVersion & Item>({
    pk: `CONTRACT#${id}`,
    skBeginsWith: "OBLIGATION#V#",
  });
  return items.map((i) => publicFields<ObligationVersion>(i));
}

export async function commitmentVersions(actor: Actor, id: string): Promise<CommitmentVersion[]> {
  await loadContract(actor, id);
  const items = await queryAll<CommitmentVersion & Item>({
    pk: `CONTRACT#${id}`,
    skBeginsWith: "COMMITMENT#V#",
  });
  return items.map((i) => publicFields<CommitmentVersion>(i));
}

/** The officer edits the agreed plan of approach; each edit is a new commitment version with its author. */
export async function updateCommitment(
  op: Operation,
  id: string,
  input: { lines: WireLine[]; note?: string | undefined; version: number },
): Promise<{ contract: Contract; commitment: CommitmentVersion }> {
  const contract = await loadContract(op.actor, id);
  requireBuyerOfficer(op, contract);
  const catalogue = await requireCatalogue(contract.awardCatalogue.id, contract.awardCatalogue.version);
  const lines = input.lines.map(lineFromWire);
  const valuation = valuateLines(catalogue, lines, "lines");
  const next = (contract.commitment?.version ?? 0) + 1;
  const updated = publicFields<Contract>(
    await updateVersioned<Contract>(
      contractKey(id),
      input.version,
      { commitment: { version: next, cents: valuation.totalCents } },
      op.opId,
    ),
  );
  const commitment: CommitmentVersion = {
    version: updated.commitment!.version,
    lines,
    valuation,
    ...(input.note ? { note: input.note } : {}),
    at: op.now.toISOString(),
    by: op.actor.sub,
  };
  await putIfAbsent({ ...commitmentKey(id, commitment.version), ...commitment });
  await appendAudit(op, {
    entityType: "contract",
    entityId: id,
    action: "contract.commitment-updated",
    before: contract.commitment,
    after: commitment,
    regionId: contract.regionId,
    once: `v${updated.version}`,
  });
  return { contract: updated, commitment };
}

/** Records the verification of a sustainability promise; a promise not (fully) met gets its sanction. */
export async function verifyPromise(
  op: Operation,
  id: string,
  promiseId: string,
  input: {
    status: "met" | "not-met" | "partly-met";
    achieved?: string | undefined;
    earned?: Money | undefined;
    note?: string | undefined;
    version: number;
  },
): Promise<Contract> {
  const contract = await loadContract(op.actor, id);
  const allowed =
    (op.actor.role === "officer" && op.actor.orgId === contract.buyerId) ||
    (op.actor.role === "auditor" && op.actor.regionId === contract.regionId);
  if (!allowed) throw new Forbidden("The buying officer or the region's auditor verifies promises.");
  const index = contract.promises.findIndex((p) => p.id === promiseId);
  if (index < 0) throw new NotFound("promise");
  const promise = contract.promises[index]!;
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

/** After the contract end and its recovery period, the officer records the settlement of the shortfall. */
export async function settleContract(
  op: Operation,
  id: string,
  input: { outcome: Settlement["outcome"]; reason: string; version: number },
  shortfallCents: (contract: Contract) => Promise<Cents>,
): Promise<Contract> {
  const contract = await loadContract(op.actor, id);
  requireBuyerOfficer(op, contract);
  if (contract.settlement) throw new Conflict("The contract is already settled.");
  if (!periodEnded(contract.endDate, op.now.toISOString()))
    throw new RuleViolation(
      "contract-running",
      `The contract runs until ${contract.endDate}; settle after its end.`,
    );
  const shortfall = await shortfallCents(contract);
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

export async function listContractsFor(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Contract>> {
  if (actor.role === "officer" || actor.role === "supplier") {
    const result = await queryPage<Contract & Item>(
      actor.role === "officer"
        ? { index: "gsi1", pk: `BUYER#${actor.orgId}#CONTRACTS`, ...page, newestFirst: true }
        : { index: "gsi2", pk: `SUPPLIER#${actor.orgId}#CONTRACTS`, ...page, newestFirst: true },
    );
    return { items: result.items.map((i) => publicFields<Contract>(i)), nextCursor: result.nextCursor };
  }
  if (actor.role === "auditor" && actor.regionId) {
    const pointers = await queryPage<{ contractId: string }>({
      pk: `REGION#${actor.regionId}#CONTRACTS`,
      ...page,
    });
    const items = await Promise.all(pointers.items.map((p) => getItem<Contract>(contractKey(p.contractId))));
    return {
      items: items.filter((i): i is Contract & Item => Boolean(i)).map((i) => publicFields<Contract>(i)),
      nextCursor: pointers.nextCursor,
    };
  }
  throw new Forbidden("Admins read contracts one by one; use a region's auditor view for lists.");
}

/** Wire form: cents become money. */
export function contractToWire(contract: Contract) {
  const { valueCents, obligation, commitment, promises, settlement, ...rest } = contract;
  return {
    ...rest,
    value: toMoney(valueCents),
    obligation: {
      version: obligation.version,
      applies: obligation.applies,
      amount: toMoney(obligation.cents),
    },
    commitment: commitment ? { version: commitment.version, amount: toMoney(commitment.cents) } : null,
    promises: promises.map(({ advantageCents, sanction, ...p }) => ({
      ...p,
      advantage: toMoney(advantageCents),
      ...(sanction
        ? {
            sanction: {
              amount: toMoney(sanction.cents),
              unearned: toMoney(sanction.unearnedCents),
              factor: sanction.factor,
              formula: sanction.formula,
            },
          }
        : {}),
    })),
    settlement: settlement
      ? { ...settlement, shortfallCents: undefined, shortfall: toMoney(settlement.shortfallCents) }
      : null,
  };
}

export function obligationToWire(o: ObligationVersion) {
  return {
    ...o,
    cents: undefined,
    amount: toMoney(o.cents),
    basis: { ...o.basis, valueCents: undefined, value: toMoney(o.basis.valueCents) },
    steps: o.steps.map(({ amountCents, ...s }) =>
      amountCents === undefined ? s : { ...s, amount: toMoney(amountCents) },
    ),
  };
}
