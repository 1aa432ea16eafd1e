import type { FieldError } from "../errors.js";
import { centsFromAmount } from "../money.js";
import { type AwardModel, METHODS, type Method, PRICE_FORMULAS, TIE_BREAKERS } from "./types.js";

/**
 * Checks an award model on its own (no tables, no bids): the method's allowed corrections
 * (domain.md §4.3: lowest price allows none, lowest cost only cost corrections; certificate discounts
 * and value deductions belong to the price-quality methods), what each method needs, and the ranges.
 * Returns every problem with its field path; an empty list means the model is valid.
 */
export function validateAwardModel(model: AwardModel, prefix = "awardModel"): FieldError[] {
  const errors: FieldError[] = [];
  const at = (p: string) => `${prefix}.${p}`;
  const method: Method = model.method;
  if (!METHODS.includes(method)) {
    errors.push({ path: at("method"), message: `must be one of ${METHODS.join(", ")}` });
    return errors;
  }

  // Corrections the method does not allow.
  const c = model.corrections ?? {};
  const refuse = (key: string, why: string) => errors.push({ path: at(`corrections.${key}`), message: why });
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
    errors.push({ path: at("corrections.mki.valuationFactor"), message: "must be a number ≥ 0" });
  }
  if (
    c.truePrice?.weight !== undefined &&
    !(Number.isFinite(c.truePrice.weight) && c.truePrice.weight >= 0)
  ) {
    errors.push({ path: at("corrections.truePrice.weight"), message: "must be a number ≥ 0" });
  }
  if (c.certificate !== undefined && "discountPercentByLevel" in c.certificate) {
    for (const [level, percent] of Object.entries(c.certificate.discountPercentByLevel)) {
      if (!/^\d+$/.test(level)) {
        errors.push({
          path: at(`corrections.certificate.discountPercentByLevel.${level}`),
          message: "a level is a whole number",
        });
      }
      if (!(Number.isFinite(percent) && percent >= 0 && percent <= 100)) {
        errors.push({
          path: at(`corrections.certificate.discountPercentByLevel.${level}`),
          message: "a discount is a percentage from 0 to 100",
        });
      }
    }
  }

  // Price rule.
  if (method === "weighted-points") {
    const price = model.price;
    if (!price) {
      errors.push({
        path: at("price"),
        message: "weighted-points needs a price rule (formula and maxPoints)",
      });
    } else {
      if (!PRICE_FORMULAS.includes(price.formula)) {
        errors.push({ path: at("price.formula"), message: `must be one of ${PRICE_FORMULAS.join(", ")}` });
      }
      if (!(Number.isFinite(price.maxPoints) && price.maxPoints > 0)) {
        errors.push({ path: at("price.maxPoints"), message: "must be a number > 0" });
      }
      if (price.formula === "absolute-linear") {
        if (!price.bounds) {
          errors.push({
            path: at("price.bounds"),
            message: "absolute-linear needs bounds { min, max } fixed in the tender",
          });
        } else {
          try {
            if (centsFromAmount(price.bounds.min.amount) >= centsFromAmount(price.bounds.max.amount)) {
              errors.push({ path: at("price.bounds"), message: "bounds.min must be below bounds.max" });
            }
          } catch (error) {
            errors.push({ path: at("price.bounds"), message: (error as Error).message });
          }
        }
      } else if (price.bounds !== undefined) {
        errors.push({
          path: at("price.bounds"),
          message: "bounds apply to the absolute-linear formula only",
        });
      }
      if (price.formula === "log") {
        if (!(price.logBase !== undefined && Number.isFinite(price.logBase) && price.logBase > 1)) {
          errors.push({
            path: at("price.logBase"),
            message: "the log formula needs a base A > 1 (e.g. 1.5, 2, 3)",
          });
        }
      } else if (price.logBase !== undefined) {
        errors.push({ path: at("price.logBase"), message: "logBase applies to the log formula only" });
      }
    }
  } else if (model.price !== undefined) {
    errors.push({
      path: at("price"),
      message: `${method} ranks on ${method === "award-on-value" ? "the fictitious price" : "price"}; a price formula applies to weighted-points only`,
    });
  }

  // Criteria.
  const ids = new Set<string>();
  (model.criteria ?? []).forEach((criterion, i) => {
    const cp = (p: string) => at(`criteria.${i}.${p}`);
    if (ids.has(criterion.id))
      errors.push({ path: cp("id"), message: `duplicate criterion id "${criterion.id}"` });
    ids.add(criterion.id);
    const { min, max, zeroAt } = criterion.scale;
    if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
      errors.push({ path: cp("scale"), message: "scale.min must be below scale.max" });
    } else if (zeroAt !== undefined && !(zeroAt >= min && zeroAt < max)) {
      errors.push({ path: cp("scale.zeroAt"), message: "zeroAt lies on the scale, below max" });
    }
    if (
      criterion.minimumScore !== undefined &&
      !(criterion.minimumScore >= min && criterion.minimumScore <= max)
    ) {
      errors.push({ path: cp("minimumScore"), message: "the minimum score lies on the scale" });
    }
    if (method === "weighted-points") {
      if (criterion.maxPoints === undefined) {
        errors.push({ path: cp("maxPoints"), message: "weighted-points needs maxPoints per criterion" });
      } else if (!(Number.isFinite(criterion.maxPoints) && criterion.maxPoints >= 0)) {
        errors.push({ path: cp("maxPoints"), message: "must be a number ≥ 0" });
      }
      if (criterion.maxValue !== undefined) {
        errors.push({ path: cp("maxValue"), message: "maxValue applies to award-on-value; use maxPoints" });
      }
    } else if (method === "award-on-value") {
      if (criterion.maxValue === undefined) {
        errors.push({ path: cp("maxValue"), message: "award-on-value needs maxValue (euros) per criterion" });
      } else {
        try {
          if (centsFromAmount(criterion.maxValue.amount) < 0) {
            errors.push({ path: cp("maxValue"), message: "must not be negative" });
          }
        } catch (error) {
          errors.push({ path: cp("maxValue"), message: (error as Error).message });
        }
      }
      if (criterion.maxPoints !== undefined) {
        errors.push({ path: cp("maxPoints"), message: "maxPoints applies to weighted-points; use maxValue" });
      }
    } else {
      for (const key of ["maxPoints", "maxValue"] as const) {
        if (criterion[key] !== undefined) {
          errors.push({
            path: cp(key),
            message: `${method} ranks on price only; a criterion can only be a minimum requirement (minimumScore)`,
          });
        }
      }
    }
  });

  // Social return.
  const sr = model.socialReturn;
  if (sr) {
    const sp = (p: string) => at(`socialReturn.${p}`);
    const percentOk = (v: number | undefined) => v !== undefined && Number.isFinite(v) && v >= 0 && v <= 100;
    if (sr.percentOfPrice !== undefined && !percentOk(sr.percentOfPrice)) {
      errors.push({ path: sp("percentOfPrice"), message: "a percentage from 0 to 100" });
    }
    switch (sr.mode) {
      case "minimum":
        if (sr.percentOfPrice === undefined)
          errors.push({ path: sp("percentOfPrice"), message: "the minimum mode needs percentOfPrice" });
        break;
      case "points":
        if (method !== "weighted-points") {
          errors.push({ path: sp("mode"), message: "social-return points belong to weighted-points" });
        }
        if (!(sr.maxPoints !== undefined && Number.isFinite(sr.maxPoints) && sr.maxPoints >= 0)) {
          errors.push({ path: sp("maxPoints"), message: "the points mode needs maxPoints ≥ 0" });
        }
        if (!percentOk(sr.fullPointsAtPercent)) {
          errors.push({
            path: sp("fullPointsAtPercent"),
            message: "the points mode needs fullPointsAtPercent (0–100)",
          });
        } else if (sr.fullPointsAtPercent! <= (sr.percentOfPrice ?? 0)) {
          errors.push({ path: sp("fullPointsAtPercent"), message: "must be above percentOfPrice" });
        }
        break;
      case "euro-credit":
        if (method !== "award-on-value") {
          errors.push({
            path: sp("mode"),
            message: "a social-return euro credit is a value deduction: it belongs to award-on-value",
          });
        }
        if (!(sr.creditFactor !== undefined && Number.isFinite(sr.creditFactor) && sr.creditFactor >= 0)) {
          errors.push({ path: sp("creditFactor"), message: "the euro-credit mode needs creditFactor ≥ 0" });
        }
        break;
      default:
        errors.push({ path: sp("mode"), message: "must be one of minimum, points, euro-credit" });
    }
  }

  // Tie-breakers and warning thresholds.
  const seen = new Set<string>();
  (model.tieBreakers ?? []).forEach((breaker, i) => {
    if (!TIE_BREAKERS.includes(breaker)) {
      errors.push({ path: at(`tieBreakers.${i}`), message: `must be one of ${TIE_BREAKERS.join(", ")}` });
    } else if (seen.has(breaker)) {
      errors.push({ path: at(`tieBreakers.${i}`), message: `"${breaker}" is listed twice` });
    }
    seen.add(breaker);
  });
  for (const key of ["belowMeanPercent", "belowNextPercent"] as const) {
    const value = model.abnormallyLow?.[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 100)) {
      errors.push({ path: at(`abnormallyLow.${key}`), message: "a percentage from 0 to 100" });
    }
  }
  return errors;
}
