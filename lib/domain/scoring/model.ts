import type { FieldError } from "../errors.js";
import { centsFromAmount } from "../money.js";
import { LIFE_CYCLE_COSTING_RULE } from "./factor-kinds.js";
import {
  type AwardModel,
  type Criterion,
  METHODS,
  type Method,
  PRICE_FORMULAS,
  type PriceRule,
  type SocialReturnRule,
  TIE_BREAKERS,
} from "./types.js";

/** Records a problem at a path relative to the model. */
type Report = (path: string, message: string) => void;

/**
 * Checks an award model on its own (no tables, no bids): the method's allowed corrections (lowest
 * price allows none, lowest cost only cost corrections; certificate discounts and value deductions
 * belong to the price-quality methods), what each method needs, and the ranges.
 * Returns every problem with its field path; an empty list means the model is valid.
 */
export function validateAwardModel(model: AwardModel, prefix = "awardModel"): FieldError[] {
  const errors: FieldError[] = [];
  const report: Report = (path, message) => errors.push({ path: `${prefix}.${path}`, message });
  const method: Method = model.method;
  if (!METHODS.includes(method)) {
    report("method", `must be one of ${METHODS.join(", ")}`);
    return errors;
  }
  checkCorrections(model, method, report);
  checkPriceRule(model, method, report);
  checkCriteria(model, method, report);
  if (model.socialReturn) checkSocialReturn(model.socialReturn, method, report);
  checkTieBreakers(model, report);
  checkAbnormallyLow(model, report);
  return errors;
}

/** Corrections the method does not allow, and the ranges of those it does. */
function checkCorrections(model: AwardModel, method: Method, report: Report): void {
  const c = model.corrections ?? {};
  const refuse = (key: string, why: string) => report(`corrections.${key}`, why);
  if (method === "lowest-price") {
    for (const key of ["certificate", "mki", "truePrice"] as const) {
      if (c[key] !== undefined)
        refuse(key, `lowest-price allows no corrections (price only, by law): remove ${key}`);
    }
    if (c.lcc === true) refuse("lcc", "lowest-price allows no corrections (price only, by law): remove lcc");
  }
  if (method === "lowest-cost" && c.certificate !== undefined) {
    refuse(
      "certificate",
      "lowest-cost allows cost corrections only (mki, truePrice, lcc); a certificate discount belongs to weighted-points or award-on-value",
    );
  }
  if (c.mki !== undefined && !(Number.isFinite(c.mki.valuationFactor) && c.mki.valuationFactor >= 0)) {
    report("corrections.mki.valuationFactor", "must be a number ≥ 0");
  }
  if (method === "lowest-cost" && c.truePrice?.socialCosts === true) {
    report(
      "corrections.truePrice.socialCosts",
      `lowest-cost counts no social costs: ${LIFE_CYCLE_COSTING_RULE}; social costs belong to weighted-points or award-on-value`,
    );
  }
  if (
    c.truePrice?.weight !== undefined &&
    !(Number.isFinite(c.truePrice.weight) && c.truePrice.weight >= 0)
  ) {
    report("corrections.truePrice.weight", "must be a number ≥ 0");
  }
  if (c.certificate !== undefined && "discountPercentByLevel" in c.certificate) {
    for (const [level, percent] of Object.entries(c.certificate.discountPercentByLevel)) {
      if (!/^\d+$/.test(level)) {
        report(`corrections.certificate.discountPercentByLevel.${level}`, "a level is a whole number");
      }
      if (!(Number.isFinite(percent) && percent >= 0 && percent <= 100)) {
        report(
          `corrections.certificate.discountPercentByLevel.${level}`,
          "a discount is a percentage from 0 to 100",
        );
      }
    }
  }
}

/** Weighted points needs a price rule; the other methods rank on a price and take none. */
function checkPriceRule(model: AwardModel, method: Method, report: Report): void {
  if (method !== "weighted-points") {
    if (model.price !== undefined) {
      report(
        "price",
        `${method} ranks on ${method === "award-on-value" ? "the fictitious price" : "price"}; a price formula applies to weighted-points only`,
      );
    }
    return;
  }
  const price = model.price;
  if (!price) {
    report("price", "weighted-points needs a price rule (formula and maxPoints)");
    return;
  }
  if (!PRICE_FORMULAS.includes(price.formula)) {
    report("price.formula", `must be one of ${PRICE_FORMULAS.join(", ")}`);
  }
  if (!(Number.isFinite(price.maxPoints) && price.maxPoints > 0)) {
    report("price.maxPoints", "must be a number > 0");
  }
  checkPriceBounds(price, report);
  checkLogBase(price, report);
}

/** Absolute-linear needs bounds fixed in the tender, min below max; no other formula takes them. */
function checkPriceBounds(price: PriceRule, report: Report): void {
  if (price.formula !== "absolute-linear") {
    if (price.bounds !== undefined)
      report("price.bounds", "bounds apply to the absolute-linear formula only");
    return;
  }
  if (!price.bounds) {
    report("price.bounds", "absolute-linear needs bounds { min, max } fixed in the tender");
    return;
  }
  try {
    if (centsFromAmount(price.bounds.min.amount) >= centsFromAmount(price.bounds.max.amount)) {
      report("price.bounds", "bounds.min must be below bounds.max");
    }
  } catch (error) {
    report("price.bounds", (error as Error).message);
  }
}

/** The log formula needs a base above 1; no other formula takes one. */
function checkLogBase(price: PriceRule, report: Report): void {
  if (price.formula !== "log") {
    if (price.logBase !== undefined) report("price.logBase", "logBase applies to the log formula only");
    return;
  }
  if (!(price.logBase !== undefined && Number.isFinite(price.logBase) && price.logBase > 1)) {
    report("price.logBase", "the log formula needs a base A > 1 (e.g. 1.5, 2, 3)");
  }
}

/** Unique ids, a sound scale, and the weight the method needs: points, euros, or none. */
function checkCriteria(model: AwardModel, method: Method, report: Report): void {
  const ids = new Set<string>();
  (model.criteria ?? []).forEach((criterion, i) => {
    const at: Report = (path, message) => report(`criteria.${i}.${path}`, message);
    if (ids.has(criterion.id)) at("id", `duplicate criterion id "${criterion.id}"`);
    ids.add(criterion.id);
    checkScale(criterion, at);
    if (method === "weighted-points") checkPointsCriterion(criterion, at);
    else if (method === "award-on-value") checkValueCriterion(criterion, at);
    else {
      for (const key of ["maxPoints", "maxValue"] as const) {
        if (criterion[key] !== undefined) {
          at(
            key,
            `${method} ranks on price only; a criterion can only be a minimum requirement (minimumScore)`,
          );
        }
      }
    }
  });
}

function checkScale(criterion: Criterion, at: Report): void {
  const { min, max, zeroAt } = criterion.scale;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    at("scale", "scale.min must be below scale.max");
  } else if (zeroAt !== undefined && !(zeroAt >= min && zeroAt < max)) {
    at("scale.zeroAt", "zeroAt lies on the scale, below max");
  }
  if (
    criterion.minimumScore !== undefined &&
    !(criterion.minimumScore >= min && criterion.minimumScore <= max)
  ) {
    at("minimumScore", "the minimum score lies on the scale");
  }
}

function checkPointsCriterion(criterion: Criterion, at: Report): void {
  if (criterion.maxPoints === undefined) {
    at("maxPoints", "weighted-points needs maxPoints per criterion");
  } else if (!(Number.isFinite(criterion.maxPoints) && criterion.maxPoints >= 0)) {
    at("maxPoints", "must be a number ≥ 0");
  }
  if (criterion.maxValue !== undefined) at("maxValue", "maxValue applies to award-on-value; use maxPoints");
}

function checkValueCriterion(criterion: Criterion, at: Report): void {
  if (criterion.maxValue === undefined) {
    at("maxValue", "award-on-value needs maxValue (euros) per criterion");
  } else {
    try {
      if (centsFromAmount(criterion.maxValue.amount) < 0) at("maxValue", "must not be negative");
    } catch (error) {
      at("maxValue", (error as Error).message);
    }
  }
  if (criterion.maxPoints !== undefined)
    at("maxPoints", "maxPoints applies to weighted-points; use maxValue");
}

/** Each social-return mode needs its own figures and belongs to the methods that can use it. */
function checkSocialReturn(sr: SocialReturnRule, method: Method, report: Report): void {
  const at: Report = (path, message) => report(`socialReturn.${path}`, message);
  const percentOk = (v: number | undefined) => v !== undefined && Number.isFinite(v) && v >= 0 && v <= 100;
  if (sr.percentOfPrice !== undefined && !percentOk(sr.percentOfPrice)) {
    at("percentOfPrice", "a percentage from 0 to 100");
  }
  switch (sr.mode) {
    case "minimum":
      if (sr.percentOfPrice === undefined) at("percentOfPrice", "the minimum mode needs percentOfPrice");
      break;
    case "points":
      if (method !== "weighted-points") at("mode", "social-return points belong to weighted-points");
      if (!(sr.maxPoints !== undefined && Number.isFinite(sr.maxPoints) && sr.maxPoints >= 0)) {
        at("maxPoints", "the points mode needs maxPoints ≥ 0");
      }
      if (!percentOk(sr.fullPointsAtPercent)) {
        at("fullPointsAtPercent", "the points mode needs fullPointsAtPercent (0–100)");
      } else if (sr.fullPointsAtPercent! <= (sr.percentOfPrice ?? 0)) {
        at("fullPointsAtPercent", "must be above percentOfPrice");
      }
      break;
    case "euro-credit":
      if (method !== "award-on-value") {
        at("mode", "a social-return euro credit is a value deduction: it belongs to award-on-value");
      }
      if (!(sr.creditFactor !== undefined && Number.isFinite(sr.creditFactor) && sr.creditFactor >= 0)) {
        at("creditFactor", "the euro-credit mode needs creditFactor ≥ 0");
      }
      break;
    default:
      at("mode", "must be one of minimum, points, euro-credit");
  }
}

/** Known tie-breakers, each listed once. */
function checkTieBreakers(model: AwardModel, report: Report): void {
  const seen = new Set<string>();
  (model.tieBreakers ?? []).forEach((breaker, i) => {
    if (!TIE_BREAKERS.includes(breaker)) {
      report(`tieBreakers.${i}`, `must be one of ${TIE_BREAKERS.join(", ")}`);
    } else if (seen.has(breaker)) {
      report(`tieBreakers.${i}`, `"${breaker}" is listed twice`);
    }
    seen.add(breaker);
  });
}

/** The abnormally-low warning thresholds are percentages. */
function checkAbnormallyLow(model: AwardModel, report: Report): void {
  for (const key of ["belowMeanPercent", "belowNextPercent"] as const) {
    const value = model.abnormallyLow?.[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 100)) {
      report(`abnormallyLow.${key}`, "a percentage from 0 to 100");
    }
  }
}
