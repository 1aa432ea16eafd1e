/**
 * The EU thresholds and the indicative Dutch practice thresholds, as shipped data
 * (procurement-rules.json, copied verbatim with its sources). No figure is a constant in code.
 * Pure: the date a threshold applies on is passed in.
 */
import { centsFromAmount, type Cents } from "../money.js";
import type { ContractType } from "../sroi/obligation.js";
import data from "./procurement-rules.json" with { type: "json" };

/** EU threshold categories for a municipality (a sub-central contracting authority). */
export type EuThresholdCategory = "works" | "supplies-services-sub-central";

export interface EuThresholdSet {
  version: string;
  /** Inclusive ISO dates; null = open-ended. */
  effectiveFrom: string | null;
  effectiveTo: string | null;
  valuesCents: Record<EuThresholdCategory, Cents>;
  source: string;
}

const eu = data.euThresholds;

const centsOf = (values: typeof eu.values): Record<EuThresholdCategory, Cents> => ({
  works: centsFromAmount(values.works),
  "supplies-services-sub-central": centsFromAmount(values["supplies-services-sub-central"]),
});

/** Day before an ISO date (the previous set ends where the current one starts). */
const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The shipped sets, oldest first. The previous set has no start in the data: it applies to every
 * date before the current one; the newest set keeps applying after its `effectiveTo` until a newer
 * version is shipped (the thresholds are revised every two years and never lapse without successor).
 */
export const EU_THRESHOLD_SETS: readonly EuThresholdSet[] = [
  {
    version: eu.previous.version,
    effectiveFrom: null,
    effectiveTo: dayBefore(eu.effectiveFrom),
    valuesCents: centsOf(eu.previous.values),
    source: eu.source,
  },
  {
    version: eu.version,
    effectiveFrom: eu.effectiveFrom,
    effectiveTo: eu.effectiveTo,
    valuesCents: centsOf(eu.values),
    source: eu.source,
  },
];

/** The set in force on `date` (yyyy-mm-dd): the latest whose `effectiveFrom` is on or before it. */
export function euThresholdsOn(
  date: string,
  sets: readonly EuThresholdSet[] = EU_THRESHOLD_SETS,
): EuThresholdSet {
  const inForce = sets.filter((s) => s.effectiveFrom === null || s.effectiveFrom <= date);
  const set = inForce.at(-1) ?? sets[0];
  if (!set) throw new RangeError("no EU threshold set");
  return set;
}

/** Works have their own threshold; supplies and services share the sub-central one. */
export const euCategoryOf = (contractType: ContractType): EuThresholdCategory =>
  contractType === "works" ? "works" : "supplies-services-sub-central";

export interface ThresholdCheck {
  above: boolean;
  thresholdCents: Cents;
  version: string;
  source: string;
}

/** Whether a contract reaches the EU threshold in force on `date` (the directive: "equal to or greater than"). */
export function euThresholdCheck(
  estimatedValueCents: Cents,
  contractType: ContractType,
  date: string,
): ThresholdCheck {
  const set = euThresholdsOn(date);
  const thresholdCents = set.valuesCents[euCategoryOf(contractType)];
  return {
    above: estimatedValueCents >= thresholdCents,
    thresholdCents,
    version: set.version,
    source: set.source,
  };
}

export const aboveEuThreshold = (
  estimatedValueCents: Cents,
  contractType: ContractType,
  date: string,
): boolean => euThresholdCheck(estimatedValueCents, contractType, date).above;

/** Where the practice thresholds and the EU thresholds come from (for warnings and refusals). */
export const PRACTICE_SOURCE: string = data.practiceThresholds.source;
export const PRACTICE_VERSION: string = data.practiceThresholds.version;

/**
 * The indicative practice ceilings of a municipality's policy: a procedure is expected below its
 * ceiling (`"eu-threshold"` = the EU threshold in force). Absent = no practice ceiling.
 */
export type PracticeCeiling = Cents | "eu-threshold";

const ceiling = (value: number | string | undefined): PracticeCeiling | undefined =>
  value === undefined ? undefined : value === "eu-threshold" ? "eu-threshold" : centsFromAmount(value);

const practice = data.practiceThresholds.values;

export const PRACTICE_CEILINGS: Record<
  "works" | "supplies-services",
  Partial<Record<"single-private" | "multiple-private" | "national-open", PracticeCeiling>>
> = {
  works: {
    "single-private": ceiling(practice.works["single-private-below"])!,
    "multiple-private": ceiling(practice.works["multiple-private-below"])!,
    "national-open": ceiling(practice.works["national-open-below"])!,
  },
  "supplies-services": {
    "single-private": ceiling(practice["supplies-services"]["single-private-below"])!,
    "multiple-private": ceiling(practice["supplies-services"]["multiple-private-below"])!,
  },
};

export const practiceCategoryOf = (contractType: ContractType): "works" | "supplies-services" =>
  contractType === "works" ? "works" : "supplies-services";
