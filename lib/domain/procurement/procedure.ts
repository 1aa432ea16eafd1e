/**
 * Whether a tender's procedure fits its value: a national or private procedure above the EU
 * threshold is refused; one above the municipality's indicative practice ceilings only warned about.
 * Pure: the date the thresholds apply on is passed in.
 */
import { type Cents, formatEuros } from "../money.js";
import type { ContractType } from "../sroi/obligation.js";
import {
  euThresholdCheck,
  PRACTICE_CEILINGS,
  PRACTICE_SOURCE,
  type PracticeCeiling,
  practiceCategoryOf,
  type ThresholdCheck,
} from "./thresholds.js";

/** The EU procedures (Directive 2014/24/EU art. 26–31) and the national ones below the threshold. */
export const PROCEDURES = [
  "open",
  "restricted",
  "negotiated-with-publication",
  "competitive-dialogue",
  "innovation-partnership",
  "national-open",
  "multiple-private",
  "single-private",
] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const DEFAULT_PROCEDURE: Procedure = "open";

/** Procedures that exist only below the EU threshold. */
export const BELOW_THRESHOLD_PROCEDURES: readonly Procedure[] = [
  "national-open",
  "multiple-private",
  "single-private",
];

const LABEL: Record<Procedure, string> = {
  open: "open procedure",
  restricted: "restricted procedure",
  "negotiated-with-publication": "competitive procedure with negotiation",
  "competitive-dialogue": "competitive dialogue",
  "innovation-partnership": "innovation partnership",
  "national-open": "national open procedure",
  "multiple-private": "multiple private procedure (meervoudig onderhands)",
  "single-private": "single private procedure (enkelvoudig onderhands)",
};

const eur = (cents: Cents) => `EUR ${formatEuros(cents)}`;

export interface ProcedureWarning {
  code: string;
  message: string;
  source: string;
}

export interface ProcedureFit {
  eu: ThresholdCheck;
  /** Set when the procedure may not be used at this value: publish refuses with this code (422). */
  refusal: ProcedureWarning | null;
  warnings: ProcedureWarning[];
}

export function procedureFit(
  procedure: Procedure,
  estimatedValueCents: Cents,
  contractType: ContractType,
  date: string,
): ProcedureFit {
  const eu = euThresholdCheck(estimatedValueCents, contractType, date);
  const value = eur(estimatedValueCents);
  if (eu.above && BELOW_THRESHOLD_PROCEDURES.includes(procedure)) {
    return {
      eu,
      warnings: [],
      refusal: {
        code: "procedure-above-threshold",
        message:
          `A ${LABEL[procedure]} cannot be used for ${contractType} of ${value}: the EU threshold is ` +
          `${eur(eu.thresholdCents)} (${eu.version}); use a European procedure.`,
        source: `${eu.source}; Directive 2014/24/EU art. 4 and 26`,
      },
    };
  }
  const ceilings: Partial<Record<Procedure, PracticeCeiling>> =
    PRACTICE_CEILINGS[practiceCategoryOf(contractType)];
  const ceiling = ceilings[procedure];
  const warnings: ProcedureWarning[] = [];
  // An "eu-threshold" ceiling is covered by the refusal above; numeric ceilings only warn.
  if (typeof ceiling === "number" && estimatedValueCents >= ceiling) {
    warnings.push({
      code: "procedure-above-practice-threshold",
      message:
        `A ${LABEL[procedure]} for ${contractType} of ${value}: municipal practice uses it below ` +
        `${eur(ceiling)} (indicative; the municipality's own policy decides).`,
      source: PRACTICE_SOURCE,
    });
  }
  return { eu, warnings, refusal: null };
}
