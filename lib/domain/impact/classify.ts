/**
 * Impact classification of award models (rules: lib/domain/impact/README.md, "Impact classification").
 * Pure: reads only the model.
 */
import type { AwardModel, Corrections } from "../scoring/types.js";

/** What a quality criterion weighs, as the buyer marks it; unmarked criteria count as "other". */
export const CRITERION_KINDS = ["social", "sustainable", "other"] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export interface ImpactClass {
  /** A criterion marked social, or any social-return rule (a minimum, points or a euro credit). */
  socialCriteria: boolean;
  /** A criterion marked sustainable, or any price correction (certificate, MKI, true price, LCC). */
  sustainableCriteria: boolean;
  /** The model carries a social-return rule. */
  socialReturn: boolean;
  /** The model corrects prices (certificate discount, MKI, true price or life-cycle costs). */
  priceCorrections: boolean;
  /** Best price-quality ratio: weighted points. */
  priceQuality: boolean;
  /** Award on value (quality and social return deducted in euros from the price). */
  awardOnValue: boolean;
  /** Lowest price or lowest cost with nothing social or sustainable: "pas toe of leg uit" applies. */
  lowestPrice: boolean;
}

export const hasPriceCorrections = (corrections: Corrections | undefined): boolean =>
  corrections !== undefined &&
  (corrections.certificate !== undefined ||
    corrections.mki !== undefined ||
    corrections.truePrice !== undefined ||
    corrections.lcc === true);

const hasCriterion = (model: AwardModel, kind: CriterionKind) =>
  (model.criteria ?? []).some((c) => c.kind === kind);

/** The impact class of one award model. */
export function classifyAwardModel(model: AwardModel): ImpactClass {
  const socialReturn = model.socialReturn !== undefined;
  const priceCorrections = hasPriceCorrections(model.corrections);
  const socialCriteria = socialReturn || hasCriterion(model, "social");
  const sustainableCriteria = priceCorrections || hasCriterion(model, "sustainable");
  const lowest = model.method === "lowest-price" || model.method === "lowest-cost";
  return {
    socialCriteria,
    sustainableCriteria,
    socialReturn,
    priceCorrections,
    priceQuality: model.method === "weighted-points",
    awardOnValue: model.method === "award-on-value",
    lowestPrice: lowest && !socialCriteria && !sustainableCriteria,
  };
}

/**
 * The impact class of a tender from the award models of its lots: it has social (sustainable, …)
 * criteria when any lot has; it is a lowest-price tender only when every lot is one.
 */
export function classifyTender(models: readonly AwardModel[]): ImpactClass {
  const classes = models.map(classifyAwardModel);
  const any = (field: keyof ImpactClass) => classes.some((c) => c[field]);
  return {
    socialCriteria: any("socialCriteria"),
    sustainableCriteria: any("sustainableCriteria"),
    socialReturn: any("socialReturn"),
    priceCorrections: any("priceCorrections"),
    priceQuality: any("priceQuality"),
    awardOnValue: any("awardOnValue"),
    lowestPrice: classes.length > 0 && classes.every((c) => c.lowestPrice),
  };
}

/** Whether publishing needs `noImpactCriteriaReason` ("pas toe of leg uit"). */
export const needsImpactReason = (impact: ImpactClass): boolean => impact.lowestPrice;
