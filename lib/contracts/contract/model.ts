/**
 * The contract record and what it keeps: obligation and commitment versions, sustainability promises,
 * settlement. Ids are deterministic, so a retried award or import never makes a second contract.
 */
import { toNumber } from "../../domain/exact.js";
import type { Cents } from "../../domain/money.js";
import { countMonths, DEFAULT_MONTH_COUNTING, type MonthCounting } from "../../domain/sroi/months.js";
import {
  type ContractType,
  type CountingMaximumPer,
  computeObligation,
  type ObligationBase,
  type ObligationResult,
} from "../../domain/sroi/obligation.js";
import type { Valuation, ValuationLine } from "../../domain/sroi/valuation.js";
import type { StoredPolicy } from "../../sroi/rules.js";
import { createHash } from "node:crypto";

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
    psoLevel: string | null;
    /** The amount of the policy's base when it is not the contract value: the sum of accepted base amounts. */
    invoicedTurnoverCents?: Cents | null;
    wageBillCents?: Cents | null;
    /** The contract period and the PSO certificate's last valid day (absent on versions stored before them). */
    startDate?: string;
    endDate?: string;
    psoCertificateValidUntil?: string | null;
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
  psoLevel: string | null;
  /** Last day the supplier's PSO certificate is valid (inclusive); null = not given. */
  psoCertificateValidUntil: string | null;
  source: "award" | "registered" | "import";
  tenderId: string | null;
  /** The tender's lot this contract awards; absent on contracts stored before lots (read as "1" on the wire). */
  lotId?: string | null;
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
    /** Absent on contracts stored before these options: read as the defaults (calendar-fraction, contract, no pooling). */
    monthCounting?: MonthCounting;
    countingMaximumPer?: CountingMaximumPer;
    allowPooling?: boolean;
    /** What the obligation's percentage applies to; absent on contracts stored before it was recorded. */
    base?: ObligationBase;
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
  /** Set by the retention run that replaced the candidate references. */
  pseudonymisedAt?: string;
}

/** Deterministic ids: a retried award or import never makes a second contract. */
export const contractIdForTender = (tenderId: string, lotId = "1") =>
  lotId === "1" ? `ct-${tenderId}` : `ct-${tenderId}~lot-${lotId}`;

export const contractIdForReference = (buyerId: string, reference: string) =>
  `c-${createHash("sha256").update(`${buyerId}\n${reference}`).digest("base64url").slice(0, 16)}`;

/** The counting rules a contract keeps from its policy, with the defaults of contracts stored before them. */
export const countingRules = (contract: Pick<Contract, "policy">) => ({
  monthCounting: contract.policy.monthCounting ?? DEFAULT_MONTH_COUNTING,
  countingMaximumPer: contract.policy.countingMaximumPer ?? ("contract" as CountingMaximumPer),
  allowPooling: contract.policy.allowPooling ?? false,
});

/**
 * Whether the contract's obligation is an obligation to date: recomputed on the invoiced turnover or
 * wage bill accepted so far (and applying at all), so it grows while the contract runs.
 */
export const obligationIsToDate = (
  contract: Pick<Contract, "obligation">,
  base: ObligationBase = "contract-value",
): boolean => base !== "contract-value" && contract.obligation.applies;

/** Whole-contract duration in months (for a policy's minimum duration), counted by the policy's rule. */
export const contractMonths = (start: string, end: string, rule: MonthCounting = DEFAULT_MONTH_COUNTING) =>
  toNumber(countMonths(rule, start, end));

export function obligationFor(policy: StoredPolicy, basis: ObligationVersion["basis"]): ObligationResult {
  return computeObligation(
    policy,
    {
      valueCents: basis.valueCents,
      type: basis.type,
      labourShare: basis.labourShare,
      months: basis.months,
      invoicedTurnoverCents: basis.invoicedTurnoverCents ?? null,
      wageBillCents: basis.wageBillCents ?? null,
      startDate: basis.startDate ?? null,
      endDate: basis.endDate ?? null,
      psoCertificateValidUntil: basis.psoCertificateValidUntil ?? null,
      // A contract's months are counted from its dates.
      monthsRule: policy.monthCounting ?? DEFAULT_MONTH_COUNTING,
    },
    basis.psoLevel,
  );
}

/**
 * The base amounts of a basis: for a policy on invoiced turnover or wage bill, the sum of the supplier's
 * accepted base amounts (0 before any is accepted); none for the contract-value base.
 */
export const baseAmountsOf = (base: ObligationBase, acceptedCents: Cents) => ({
  invoicedTurnoverCents: base === "invoiced-turnover" ? acceptedCents : null,
  wageBillCents: base === "wage-bill" ? acceptedCents : null,
});

/** Whether the certificate expires before the contract ends (its discount then stops at expiry). */
export const psoCertificateExpiresDuringContract = (contract: {
  psoCertificateValidUntil: string | null;
  endDate: string;
}) => contract.psoCertificateValidUntil !== null && contract.psoCertificateValidUntil < contract.endDate;
