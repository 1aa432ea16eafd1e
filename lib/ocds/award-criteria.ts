/**
 * A lot's award model in OCDS terms: the core `awardCriteria` code, a text for `awardCriteriaDetails`,
 * and the structure of the awardCriteriaBreakdown extension (`lots[].awardCriteria`). Pure.
 */
import { centsFromMoney, formatEuros, type Money } from "../domain/money.js";
import type { AwardModel, Corrections, Criterion, Method } from "../domain/scoring/types.js";
import type { OcdsAwardCriteria } from "../schemas/responses/ocds.js";

/** The core awardCriteria codelist: price only, cost only, or rated criteria. */
export const AWARD_CRITERIA_CODE: Record<Method, "priceOnly" | "costOnly" | "ratedCriteria"> = {
  "lowest-price": "priceOnly",
  "lowest-cost": "costOnly",
  "weighted-points": "ratedCriteria",
  "award-on-value": "ratedCriteria",
};

const METHOD_TEXT: Record<Method, string> = {
  "lowest-price": "Lowest price: the compliant bid with the lowest price wins.",
  "lowest-cost":
    "Lowest cost: the compliant bid with the lowest corrected price (the price plus the cost corrections below) wins.",
  "weighted-points":
    "Weighted points: price points plus quality points; the compliant bid with the highest total wins.",
  "award-on-value":
    "Award on value: the fictitious price is the corrected price minus the value of each quality criterion (linear on its scale) and the social-return credit; the compliant bid with the lowest fictitious price wins.",
};

const euros = (money: Money) => `EUR ${formatEuros(centsFromMoney(money))}`;

const scaleText = (c: Criterion) =>
  `scored ${c.scale.min}–${c.scale.max}` +
  (c.minimumScore !== undefined ? `, at least ${c.minimumScore}` : "");

function criterionText(model: AwardModel, c: Criterion): string {
  if (model.method === "weighted-points" && c.maxPoints !== undefined)
    return `${c.name}: ${c.maxPoints} points (${scaleText(c)})`;
  if (model.method === "award-on-value" && c.maxValue)
    return `${c.name}: worth up to ${euros(c.maxValue)} (${scaleText(c)})`;
  return `${c.name}: minimum requirement (${scaleText(c)})`;
}

function priceText(model: AwardModel): string | undefined {
  const price = model.price;
  if (model.method !== "weighted-points" || !price) return undefined;
  const bounds = price.bounds ? `, bounds ${euros(price.bounds.min)}–${euros(price.bounds.max)}` : "";
  const base = price.logBase !== undefined ? `, base ${price.logBase}` : "";
  return `Price: ${price.maxPoints} points (${price.formula} formula on the corrected price${bounds}${base})`;
}

function correctionsText(corrections: Corrections | undefined): string | undefined {
  if (!corrections) return undefined;
  const parts: string[] = [];
  const certificate = corrections.certificate;
  if (certificate)
    parts.push(
      "tableId" in certificate
        ? `certificate discount (table ${certificate.tableId})`
        : `certificate discount (${certificate.scheme}, levels in the award model)`,
    );
  if (corrections.mki) parts.push(`MKI × ${corrections.mki.valuationFactor}`);
  const truePrice = corrections.truePrice;
  if (truePrice)
    parts.push(
      `true price (factor set ${truePrice.factorSetId}` +
        (truePrice.categories?.length ? `, ${truePrice.categories.join(", ")}` : "") +
        (truePrice.socialCosts ? ", social costs included" : "") +
        ")",
    );
  if (corrections.lcc) parts.push("life-cycle costs");
  return parts.length ? `Price corrections: ${parts.join("; ")}` : undefined;
}

function socialReturnText(model: AwardModel): string | undefined {
  const rule = model.socialReturn;
  if (!rule) return undefined;
  const catalogue = `catalogue ${rule.catalogue.id}`;
  switch (rule.mode) {
    case "minimum":
      return `Social return: at least ${rule.percentOfPrice ?? 0}% of the bid price (${catalogue})`;
    case "points":
      return `Social return: up to ${rule.maxPoints ?? 0} points, full points at ${rule.fullPointsAtPercent ?? 0}% of the bid price (${catalogue})`;
    case "euro-credit":
      return `Social return: the offer's value × ${rule.creditFactor ?? 1} is deducted from the price (${catalogue})`;
  }
}

/** The award model as one readable text (awardCriteriaDetails). */
export function awardCriteriaText(model: AwardModel): string {
  const lines = [
    METHOD_TEXT[model.method],
    priceText(model),
    ...(model.criteria ?? []).map((c) => criterionText(model, c)),
    correctionsText(model.corrections),
    socialReturnText(model),
    model.tieBreakers?.length
      ? `Ties: ${model.tieBreakers.join(", then ")}; otherwise a drawing of lots`
      : "Ties: a drawing of lots",
  ];
  const sentences = lines.filter((l): l is string => l !== undefined).map((l) => l.replace(/\.$/, ""));
  return `${sentences.join(". ")}.`;
}

type AwardCriterion = OcdsAwardCriteria["criteria"][number];

function qualityCriterion(model: AwardModel, c: Criterion): AwardCriterion {
  const numbers = [
    ...(model.method === "weighted-points" && c.maxPoints !== undefined
      ? [{ number: c.maxPoints, weight: "pointsExact" as const }]
      : []),
    ...(c.minimumScore !== undefined ? [{ number: c.minimumScore, threshold: "minimumScore" as const }] : []),
  ];
  return {
    type: "quality",
    name: c.name,
    description: criterionText(model, c),
    ...(numbers.length ? { numbers } : {}),
  };
}

function priceCriterion(model: AwardModel): AwardCriterion {
  const corrections = correctionsText(model.corrections);
  const cost = model.method === "lowest-cost";
  const text = [priceText(model), corrections].filter(Boolean).join(". ");
  return {
    type: cost ? "cost" : "price",
    name: cost ? "Corrected price" : "Price",
    ...(text ? { description: text } : {}),
    ...(model.method === "weighted-points" && model.price
      ? { numbers: [{ number: model.price.maxPoints, weight: "pointsExact" as const }] }
      : {}),
  };
}

function socialReturnCriterion(model: AwardModel): AwardCriterion | undefined {
  const rule = model.socialReturn;
  if (!rule) return undefined;
  return {
    type: "quality",
    name: "Social return",
    description: socialReturnText(model)!,
    ...(rule.mode === "points" && rule.maxPoints !== undefined
      ? { numbers: [{ number: rule.maxPoints, weight: "pointsExact" as const }] }
      : {}),
  };
}

/** The awardCriteriaBreakdown structure of a lot: price (or cost), each quality criterion, social return. */
export function awardCriteriaBreakdown(model: AwardModel): OcdsAwardCriteria {
  const social = socialReturnCriterion(model);
  return {
    ...(model.method === "award-on-value" ? { weightingDescription: METHOD_TEXT[model.method] } : {}),
    criteria: [
      priceCriterion(model),
      ...(model.criteria ?? []).map((c) => qualityCriterion(model, c)),
      ...(social ? [social] : []),
    ],
  };
}
