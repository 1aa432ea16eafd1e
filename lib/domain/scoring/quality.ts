import type { FieldError } from "../errors.js";
import { div, format, mul, type Ratio, ratio, sub } from "../exact.js";
import { type Cents, centsFromAmount, eurosOf, formatEuros, roundEurosToCents, toMoney } from "../money.js";
import { type Points, points4 } from "./points.js";
import type { Criterion, Method, QualityLine } from "./types.js";

/**
 * Quality criteria on linear scales (see lib/domain/scoring/README.md, Quality criteria): the score
 * at the scale's zero point (default `min`) is worth nothing, the score at `max` is worth the
 * criterion's maximum — points under weighted points, euros under award on value (PIANOo:
 * value = max × (score − 1) / 9 on 1–10).
 */
export interface QualityResult {
  lines: QualityLine[];
  /** Exact points per criterion (weighted points), keyed by criterion id. */
  points: Map<string, Points>;
  /** Rounded euro values per criterion in cents (award on value). */
  valueCents: Map<string, Cents>;
  reasons: string[];
}

/** The fraction of the criterion's maximum a score earns: (score − zero) / (max − zero). */
export function scaleShare(criterion: Criterion, score: number): Ratio {
  const zero = criterion.scale.zeroAt ?? criterion.scale.min;
  return div(sub(ratio(score), ratio(zero)), sub(ratio(criterion.scale.max), ratio(zero)));
}

export function scoreQuality(
  method: Method,
  criteria: readonly Criterion[],
  scores: Record<string, number> | undefined,
  path: string,
  errors: FieldError[],
): QualityResult {
  const result: QualityResult = { lines: [], points: new Map(), valueCents: new Map(), reasons: [] };
  const given = scores ?? {};
  refuseUnknownCriteria(criteria, given, path, errors);
  for (const criterion of criteria) {
    const score = scoreOnScale(
      criterion,
      given[criterion.id],
      `${path}.qualityScores.${criterion.id}`,
      errors,
    );
    if (score !== undefined) scoreCriterion(method, criterion, score, result);
  }
  return result;
}

/** A score for a criterion the model does not have is an error (in key order, so errors are stable). */
function refuseUnknownCriteria(
  criteria: readonly Criterion[],
  given: Record<string, number>,
  path: string,
  errors: FieldError[],
): void {
  for (const key of Object.keys(given).sort()) {
    if (!criteria.some((c) => c.id === key)) {
      errors.push({
        path: `${path}.qualityScores.${key}`,
        message: `no criterion "${key}" in the award model`,
      });
    }
  }
}

/** The criterion's score if given and on its scale; otherwise an error and undefined. */
function scoreOnScale(
  criterion: Criterion,
  score: number | undefined,
  at: string,
  errors: FieldError[],
): number | undefined {
  if (score === undefined) {
    errors.push({ path: at, message: `a score for criterion "${criterion.id}" is required` });
    return undefined;
  }
  const { min, max } = criterion.scale;
  if (!Number.isFinite(score) || score < min || score > max) {
    errors.push({ path: at, message: `the score must lie on the scale ${format(min)}–${format(max)}` });
    return undefined;
  }
  return score;
}

/** Adds one criterion's line, its minimum-score reason and its points or euro value to the result. */
function scoreCriterion(method: Method, criterion: Criterion, score: number, result: QualityResult): void {
  const { max } = criterion.scale;
  const zero = criterion.scale.zeroAt ?? criterion.scale.min;
  const share = scaleShare(criterion, score);
  const meetsMinimum = criterion.minimumScore === undefined || score >= criterion.minimumScore;
  if (!meetsMinimum) {
    result.reasons.push(
      `criterion "${criterion.id}" scored ${format(score)}, below the minimum score ${format(criterion.minimumScore!)}`,
    );
  }
  const base = `(${format(score)} − ${format(zero)}) / (${format(max)} − ${format(zero)})`;
  const { points, value, formula } = criterionWorth(method, criterion, share, base, result);
  result.lines.push({
    criterionId: criterion.id,
    name: criterion.name,
    score,
    scale: criterion.scale,
    minimumScore: criterion.minimumScore ?? null,
    meetsMinimum,
    points,
    maxPoints: criterion.maxPoints ?? null,
    value: value === null ? null : toMoney(value),
    maxValue: criterion.maxValue ?? null,
    formula,
  });
}

/**
 * What the share of the scale earns under the method: points (weighted points) or euros (award on
 * value), recorded exactly in the result; under the other methods a criterion is pass/fail only.
 */
function criterionWorth(
  method: Method,
  criterion: Criterion,
  share: Ratio,
  base: string,
  result: QualityResult,
): { points: number | null; value: Cents | null; formula: string } {
  let points: number | null = null;
  let value: Cents | null = null;
  let formula = `${base}: pass/fail only`;
  if (method === "weighted-points" && criterion.maxPoints !== undefined) {
    const exact = mul(ratio(criterion.maxPoints), share);
    result.points.set(criterion.id, exact);
    points = points4(exact);
    formula = `${format(criterion.maxPoints)} × ${base} = ${points}`;
  }
  if (method === "award-on-value" && criterion.maxValue !== undefined) {
    const maxCents = centsFromAmount(criterion.maxValue.amount);
    value = roundEurosToCents(mul(eurosOf(maxCents), share));
    result.valueCents.set(criterion.id, value);
    formula = `${formatEuros(maxCents)} × ${base} = ${formatEuros(value)}`;
  }
  return { points, value, formula };
}
