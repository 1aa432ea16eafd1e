/**
 * The social-return obligation of a contract (see lib/domain/sroi/README.md, Obligation): a region's
 * policy as data, applied step by step — threshold (and minimum duration), contract type and labour
 * share, percentage, PSO discount, cap — each step explained and, where it changes the figure, with
 * its amount in cents.
 */
import { type FieldError, InvalidInput } from "../errors.js";
import { cmp, div, format, mul, ratio, sub } from "../exact.js";
import { type Cents, eurosOf, formatEuros, roundEurosToCents } from "../money.js";
import { certificateCover } from "./pso.js";
import type { MonthCounting } from "./months.js";

export const CONTRACT_TYPES = ["works", "services", "supplies"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/**
 * What a policy's percentage applies to: the contract value excl. VAT (regional policies), the
 * invoiced turnover (the obligation follows what is invoiced) or the wage bill (central government).
 */
export const OBLIGATION_BASES = ["contract-value", "invoiced-turnover", "wage-bill"] as const;
export type ObligationBase = (typeof OBLIGATION_BASES)[number];

/** How the contract-value base was spelled before there were others; still accepted and read. */
export const LEGACY_CONTRACT_VALUE_BASE = "contract value excl. VAT";

/** A base as given or stored, the old spelling read as "contract-value". */
export const baseFromStored = (value: unknown): unknown =>
  value === LEGACY_CONTRACT_VALUE_BASE ? "contract-value" : value;

/** The base as the steps name it. */
export const BASE_LABELS: Record<ObligationBase, string> = {
  "contract-value": "contract value excl. VAT",
  "invoiced-turnover": "invoiced turnover",
  "wage-bill": "wage bill",
};

/** The contract field that carries the amount a base needs (the contract value is always given). */
const BASE_FIELDS = {
  "invoiced-turnover": { cents: "invoicedTurnoverCents", path: "contract.invoicedTurnover" },
  "wage-bill": { cents: "wageBillCents", path: "contract.wageBill" },
} as const;

export interface ObligationPolicy {
  /** Contract value from which the obligation applies. */
  thresholdCents: Cents;
  /** true: a contract exactly at the threshold is in scope. */
  thresholdInclusive: boolean;
  contractTypes: ContractType[];
  /** Supplies are only in scope with at least this labour share (fraction 0..1); null = always. */
  suppliesMinLabourShare: number | null;
  /** Percentage of the base, e.g. 5. */
  percent: number;
  /** Optional reduced percentage when the labour share is below a level (the Vliet-area rule). */
  lowLabourShare?: { below: number; percent: number } | null;
  /** What the percentage applies to; the threshold is always tested on the contract value. */
  base: ObligationBase;
  capCents: Cents | null;
  /** Minimum contract duration in months for the obligation to apply; null = none. */
  minimumMonths: number | null;
  /** PSO level (by name, lib/domain/sroi/pso.ts) → percentage discount, e.g. { "trede-2": 10 }. */
  psoDiscountPercentByLevel: Record<string, number>;
  /** Which catalogue version values an activity: the one in force at its start, or at the award. */
  valuationDate: "activity-start" | "award-date";
  reportingFrequency: "monthly" | "quarterly" | "half-yearly" | "yearly";
  /** Entries pending review longer than this are flagged. */
  reviewDays: number;
  /** Days after the contract end in which the supplier may still realise the shortfall. */
  recoveryDays: number;
  /** Months after the contract end after which candidate references are replaced. */
  retentionMonths: number;
  /** Factor on the advantage gained at award when a sustainability promise is not met. */
  sanctionFactor?: number;
  /**
   * A contract is at risk when its accepted value is behind the expected-by-now value by more than this
   * percentage of that value (whole percent, 0..100).
   */
  atRiskBehindPercent: number;
  /** How months are counted from an entry's dates; absent = "calendar-fraction" (lib/domain/sroi/months.ts). */
  monthCounting?: MonthCounting;
  /** Whether a block's counting maximum runs per contract or per candidate across the supplier's contracts in the region. */
  countingMaximumPer?: CountingMaximumPer;
  /** Whether accepted realisation above a contract's obligation may be transferred to another contract of the same supplier in the region. */
  allowPooling?: boolean;
}

/** Where a block's counting maximum (maxMonths) runs: per contract, or per candidate in the region. */
export const COUNTING_MAXIMUM_PER = ["contract", "candidate-in-region"] as const;
export type CountingMaximumPer = (typeof COUNTING_MAXIMUM_PER)[number];

/** atRiskBehindPercent of a policy that does not set it (and of versions stored before it existed). */
export const DEFAULT_AT_RISK_BEHIND_PERCENT = 20;

export interface ObligationContract {
  valueCents: Cents;
  type: ContractType;
  /** Labour share of the contract value as a fraction 0..1; needed for supplies and reduced rates. */
  labourShare?: number | null;
  months?: number | null;
  /** The invoiced turnover excl. VAT, for a policy on that base. */
  invoicedTurnoverCents?: Cents | null;
  /** The wage bill of the work under the contract, for a policy on that base. */
  wageBillCents?: Cents | null;
  /** The contract period (ISO dates, inclusive): needed with a PSO certificate's validity. */
  startDate?: string | null;
  endDate?: string | null;
  /** Last day (inclusive) the supplier's PSO certificate is valid; null = not limited. */
  psoCertificateValidUntil?: string | null;
  /** The rule that counted `months` from the contract's dates, named in the duration step. */
  monthsRule?: string;
}

/** The steps of the computation, in order; each explains itself and may carry an amount. */
export const OBLIGATION_STEPS = [
  "threshold",
  "duration",
  "type",
  "percentage",
  "pso-discount",
  "cap",
] as const;

export interface ObligationStep {
  step: (typeof OBLIGATION_STEPS)[number];
  detail: string;
  amountCents?: Cents;
}

export interface ObligationResult {
  applies: boolean;
  obligationCents: Cents;
  steps: ObligationStep[];
}

const eur = (cents: Cents) => `EUR ${formatEuros(cents)}`;
const pct = (fraction: number) => `${format(mul(ratio(fraction), 100))} %`;

export function validatePolicy(policy: ObligationPolicy, prefix = ""): FieldError[] {
  const p = (s: string) => (prefix ? `${prefix}.${s}` : s);
  const errors: FieldError[] = [];
  const nonNegInt = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  if (!nonNegInt(policy.thresholdCents))
    errors.push({ path: p("threshold"), message: "must be an amount ≥ 0" });
  if (policy.capCents !== null && !nonNegInt(policy.capCents))
    errors.push({ path: p("cap"), message: "must be an amount ≥ 0 or null" });
  if (!(policy.percent >= 0 && policy.percent <= 100))
    errors.push({ path: p("percent"), message: "must be 0..100" });
  if (
    policy.suppliesMinLabourShare !== null &&
    !(policy.suppliesMinLabourShare >= 0 && policy.suppliesMinLabourShare <= 1)
  )
    errors.push({ path: p("suppliesMinLabourShare"), message: "must be a fraction 0..1 or null" });
  if (policy.lowLabourShare) {
    if (!(policy.lowLabourShare.below > 0 && policy.lowLabourShare.below <= 1))
      errors.push({ path: p("lowLabourShare.below"), message: "must be a fraction in (0, 1]" });
    if (!(policy.lowLabourShare.percent >= 0 && policy.lowLabourShare.percent <= 100))
      errors.push({ path: p("lowLabourShare.percent"), message: "must be 0..100" });
  }
  if (!OBLIGATION_BASES.includes(policy.base))
    errors.push({ path: p("base"), message: `one of ${OBLIGATION_BASES.join(", ")}` });
  if (policy.contractTypes.length === 0)
    errors.push({ path: p("contractTypes"), message: "at least one type" });
  for (const [level, discount] of Object.entries(policy.psoDiscountPercentByLevel)) {
    if (!(discount >= 0 && discount <= 100))
      errors.push({ path: p(`psoDiscountPercentByLevel.${level}`), message: "must be 0..100" });
  }
  for (const f of ["reviewDays", "recoveryDays", "retentionMonths"] as const)
    if (!nonNegInt(policy[f])) errors.push({ path: p(f), message: "must be a whole number ≥ 0" });
  if (policy.minimumMonths !== null && !(policy.minimumMonths >= 0))
    errors.push({ path: p("minimumMonths"), message: "must be ≥ 0 or null" });
  const atRisk = policy.atRiskBehindPercent;
  if (!(Number.isInteger(atRisk) && atRisk >= 0 && atRisk <= 100))
    errors.push({ path: p("atRiskBehindPercent"), message: "must be a whole number 0..100" });
  if (policy.sanctionFactor !== undefined && !(policy.sanctionFactor >= 0))
    errors.push({ path: p("sanctionFactor"), message: "must be ≥ 0" });
  return errors;
}

/** What computeObligation reads of a policy. */
export type ObligationRules = Pick<
  ObligationPolicy,
  | "thresholdCents"
  | "thresholdInclusive"
  | "contractTypes"
  | "suppliesMinLabourShare"
  | "percent"
  | "lowLabourShare"
  | "base"
  | "capCents"
  | "minimumMonths"
  | "psoDiscountPercentByLevel"
>;

/** Computes the obligation; throws InvalidInput (paths under `contract.`) for unusable contract data. */
export function computeObligation(
  policy: ObligationRules,
  contract: ObligationContract,
  psoLevel?: string | null,
): ObligationResult {
  refuseUnusableContract(policy, contract);
  const steps: ObligationStep[] = [];
  // Each scope step ends the computation when the contract falls outside it.
  const inScope =
    thresholdStep(policy, contract, steps) &&
    durationStep(policy, contract, steps) &&
    typeStep(policy, contract, steps);
  if (!inScope) return { applies: false, obligationCents: 0, steps };
  let obligation = percentageStep(policy, contract, steps);
  if (psoLevel !== undefined && psoLevel !== null)
    obligation = psoDiscountStep(policy, contract, obligation, String(psoLevel), steps);
  if (policy.capCents !== null) obligation = capStep(policy.capCents, obligation, steps);
  return { applies: true, obligationCents: obligation, steps };
}

/** Every unusable or missing contract figure at once, before any step. */
function refuseUnusableContract(policy: ObligationRules, contract: ObligationContract): void {
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(contract.valueCents) || contract.valueCents < 0)
    errors.push({ path: "contract.value", message: "must be an amount ≥ 0" });
  const share = contract.labourShare;
  if (share !== undefined && share !== null && !(share >= 0 && share <= 1))
    errors.push({ path: "contract.labourShare", message: "must be a fraction between 0 and 1" });
  if (contract.months !== undefined && contract.months !== null && !(contract.months >= 0))
    errors.push({ path: "contract.months", message: "must be ≥ 0" });
  // A contract type the policy leaves out needs no figure beyond it: the type step says it is out of scope.
  const typeInScope = policy.contractTypes.includes(contract.type);
  const needsShare =
    typeInScope &&
    ((contract.type === "supplies" && policy.suppliesMinLabourShare !== null) ||
      Boolean(policy.lowLabourShare));
  if (needsShare && (share === undefined || share === null))
    errors.push({ path: "contract.labourShare", message: "required by this policy for this contract type" });
  if (policy.base !== "contract-value") {
    const field = BASE_FIELDS[policy.base];
    const amount = contract[field.cents];
    if (amount === undefined || amount === null) {
      if (typeInScope)
        errors.push({
          path: field.path,
          message: `required: this policy's base is the ${BASE_LABELS[policy.base]}`,
        });
    } else if (!Number.isSafeInteger(amount) || amount < 0)
      errors.push({ path: field.path, message: "must be an amount ≥ 0" });
  }
  if (contract.psoCertificateValidUntil)
    for (const f of ["startDate", "endDate"] as const)
      if (!contract[f])
        errors.push({ path: `contract.${f}`, message: "required with a PSO certificate's validity date" });
  if (policy.minimumMonths !== null && (contract.months === undefined || contract.months === null))
    errors.push({ path: "contract.months", message: "required: this policy has a minimum duration" });
  if (errors.length) throw new InvalidInput(errors);
}

/** 1. threshold: in scope above it (or at it, when inclusive). */
function thresholdStep(policy: ObligationRules, contract: ObligationContract, steps: ObligationStep[]) {
  const value = contract.valueCents;
  const over = policy.thresholdInclusive ? value >= policy.thresholdCents : value > policy.thresholdCents;
  const relation = policy.thresholdInclusive ? "at least" : "more than";
  steps.push({
    step: "threshold",
    detail: over
      ? `contract value ${eur(value)} is ${relation} the threshold ${eur(policy.thresholdCents)}: in scope`
      : `contract value ${eur(value)} is not ${relation} the threshold ${eur(policy.thresholdCents)}: no obligation`,
  });
  return over;
}

/** 1. minimum duration, when the policy has one. */
function durationStep(policy: ObligationRules, contract: ObligationContract, steps: ObligationStep[]) {
  if (policy.minimumMonths === null) return true;
  const long = (contract.months as number) >= policy.minimumMonths;
  const months = `${contract.months}${contract.monthsRule ? ` ${contract.monthsRule}` : ""} months`;
  steps.push({
    step: "duration",
    detail: long
      ? `duration ${months} is at least the minimum ${policy.minimumMonths}: in scope`
      : `duration ${months} is below the minimum ${policy.minimumMonths}: no obligation`,
  });
  return long;
}

/** 2. contract type, and for supplies the labour share. */
function typeStep(policy: ObligationRules, contract: ObligationContract, steps: ObligationStep[]) {
  if (!policy.contractTypes.includes(contract.type)) {
    steps.push({
      step: "type",
      detail: `contract type ${contract.type} is not in scope (${policy.contractTypes.join(", ")})`,
    });
    return false;
  }
  if (contract.type === "supplies" && policy.suppliesMinLabourShare !== null) {
    const share = contract.labourShare as number;
    const ok = cmp(ratio(share), ratio(policy.suppliesMinLabourShare)) >= 0;
    steps.push({
      step: "type",
      detail: ok
        ? `supplies with labour share ${pct(share)} ≥ ${pct(policy.suppliesMinLabourShare)}: in scope`
        : `supplies with labour share ${pct(share)} < ${pct(policy.suppliesMinLabourShare)}: no obligation`,
    });
    return ok;
  }
  steps.push({ step: "type", detail: `contract type ${contract.type} is in scope` });
  return true;
}

/** 3. the percentage of the base (the reduced one below the low labour share). */
function percentageStep(policy: ObligationRules, contract: ObligationContract, steps: ObligationStep[]) {
  const value = baseAmount(policy.base, contract);
  const share = contract.labourShare as number;
  let percent = ratio(policy.percent);
  let why = "";
  if (policy.lowLabourShare && cmp(ratio(share), ratio(policy.lowLabourShare.below)) < 0) {
    percent = ratio(policy.lowLabourShare.percent);
    why = ` (labour share ${pct(share)} < ${pct(policy.lowLabourShare.below)})`;
  }
  const obligation = roundEurosToCents(div(mul(eurosOf(value), percent), 100));
  steps.push({
    step: "percentage",
    detail: `${format(percent)} %${why} of ${BASE_LABELS[policy.base]} ${eur(value)} = ${eur(obligation)}`,
    amountCents: obligation,
  });
  return obligation;
}

/** The amount the percentage applies to: the contract value, or the figure the base names. */
function baseAmount(base: ObligationBase, contract: ObligationContract): Cents {
  return base === "contract-value" ? contract.valueCents : (contract[BASE_FIELDS[base].cents] as Cents);
}

/**
 * 4. the discount for the supplier's PSO level, if the policy gives one. A certificate that expires
 * during the contract earns it only for the days it covers: discount = obligation × percent / 100 ×
 * covered days / contract days, rounded once to cents.
 */
function psoDiscountStep(
  policy: ObligationRules,
  contract: ObligationContract,
  obligation: Cents,
  psoLevel: string,
  steps: ObligationStep[],
): Cents {
  const discountPercent = policy.psoDiscountPercentByLevel[psoLevel];
  if (discountPercent === undefined || discountPercent === 0) {
    steps.push({ step: "pso-discount", detail: `PSO level ${psoLevel}: no discount in this policy` });
    return obligation;
  }
  const percent = format(ratio(discountPercent));
  const validUntil = contract.psoCertificateValidUntil;
  const cover =
    validUntil && contract.startDate && contract.endDate
      ? certificateCover({ startDate: contract.startDate, endDate: contract.endDate }, validUntil)
      : null;
  if (cover?.expiresDuringContract) {
    const { coveredDays, contractDays } = cover;
    const discount = roundEurosToCents(
      div(mul(mul(eurosOf(obligation), discountPercent), coveredDays), 100 * contractDays),
    );
    const left = obligation - discount;
    steps.push({
      step: "pso-discount",
      detail:
        `PSO level ${psoLevel}: certificate valid until ${validUntil} expires during the contract ` +
        `(${contract.startDate} to ${contract.endDate}): ${percent} % discount for ${coveredDays} of ` +
        `${contractDays} days = ${eur(obligation)} × ${percent} % × ${coveredDays}/${contractDays} = ` +
        `−${eur(discount)}, leaves ${eur(left)}`,
      amountCents: left,
    });
    return left;
  }
  const discount = roundEurosToCents(div(mul(eurosOf(obligation), discountPercent), 100));
  const left = obligation - discount;
  steps.push({
    step: "pso-discount",
    detail: `PSO level ${psoLevel}: ${percent} % discount = −${eur(discount)}, leaves ${eur(left)}`,
    amountCents: left,
  });
  return left;
}

/** 5. the cap. */
function capStep(capCents: Cents, obligation: Cents, steps: ObligationStep[]): Cents {
  if (obligation > capCents) {
    steps.push({
      step: "cap",
      detail: `capped at ${eur(capCents)} (was ${eur(obligation)}, ${eur(Number(sub(obligation, capCents).n))} above the cap)`,
      amountCents: capCents,
    });
    return capCents;
  }
  steps.push({ step: "cap", detail: `below the cap of ${eur(capCents)}` });
  return obligation;
}
