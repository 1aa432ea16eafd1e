/**
 * "Pas toe of leg uit" at publication: a tender without any social or sustainable criterion names why
 * (lib/domain/impact/README.md).
 */
import { RuleViolation } from "../domain/errors.js";
import { classifyTender, needsImpactReason } from "../domain/impact/classify.js";
import type { AwardModel } from "../domain/scoring/types.js";

/** The award models of a tender's lots: the tender has a social criterion when any lot has one. */
export const awardModelsOf = (tender: { lots: readonly { awardModel: AwardModel }[] }): AwardModel[] =>
  tender.lots.map((lot) => lot.awardModel);

/** Refuses to publish a lowest-price tender without social or sustainable criteria that gives no reason. */
export function checkImpactReason(tender: {
  lots: readonly { awardModel: AwardModel }[];
  noImpactCriteriaReason: string | null;
}) {
  if (!needsImpactReason(classifyTender(awardModelsOf(tender))) || tender.noImpactCriteriaReason) return;
  throw new RuleViolation(
    "impact-reason-required",
    "The award model has no social and no sustainable criterion: say why in noImpactCriteriaReason (pas toe of leg uit).",
    [
      {
        path: "noImpactCriteriaReason",
        message:
          "required when the tender is awarded on lowest price or cost without social return, social or sustainable criteria or price corrections",
      },
    ],
  );
}
