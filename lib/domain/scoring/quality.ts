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
  /** Exact points of the criteria that give points (weighted points). */
  points: Points[];
  /** Per line, its rounded euro value in cents (award on value), else null. */
  valueCents: (Cents | null)[];
  reasons: string[];
}

/** The fraction of the criterion's maximum a score earns: (score − zero) / (max − zero). */
export function scaleShare(criterion: Criterion, score: number): Ratio {
  const zero = criterion.scale.zeroAt ?? criterion.scale.min;
  return div(sub(ratio(score), ratio(zero)), sub(ratio(criterion.scale.max), ratio(zero)));
}

/** What one score earns on one criterion; the same for every bid with that score. */
interface ScoreWorth {
  meetsMinimum: boolean;
  exactPoints: Points | null;
  points: number | null;
  valueCents: Cents | null;
  formula: string;
  /** The score's line in a breakdown: the same object for every bid with that score (it is only read). */
  line?: QualityLine;
}

/**
 * What one run computes once rather than per bid: per criterion the worth of each score seen so far,
 * and the ids of the run's criteria.
 */
export interface QualityMemo {
  worth: Map<Criterion, Map<number, ScoreWorth>>;
  ids: Set<string> | null;
}

export const qualityMemo = (): QualityMemo => ({ worth: new Map(), ids: null });

function worthOf(method: Method, criterion: Criterion, score: number): ScoreWorth {
  const { max } = criterion.scale;
  const zero = criterion.scale.zeroAt ?? criterion.scale.min;
  const share = scaleShare(criterion, score);
  const base = `(${format(score)} − ${format(zero)}) / (${format(max)} − ${format(zero)})`;
  const worth: ScoreWorth = {
    meetsMinimum: criterion.minimumScore === undefined || score >= criterion.minimumScore,
    exactPoints: null,
    points: null,
    valueCents: null,
    formula: `${base}: pass/fail only`,
  };
  if (method === "weighted-points" && criterion.maxPoints !== undefined) {
    worth.exactPoints = mul(ratio(criterion.maxPoints), share);
    worth.points = points4(worth.exactPoints);
    worth.formula = `${format(criterion.maxPoints)} × ${base} = ${worth.points}`;
  }
  if (method === "award-on-value" && criterion.maxValue !== undefined) {
    const maxCents = centsFromAmount(criterion.maxValue.amount);
    worth.valueCents = roundEurosToCents(mul(eurosOf(maxCents), share));
    worth.formula = `${formatEuros(maxCents)} × ${base} = ${formatEuros(worth.valueCents)}`;
  }
  return worth;
}

/** A score's worth on a criterion, from the run's memo (computed and kept the first time). */
function worthIn(memo: QualityMemo, method: Method, criterion: Criterion, score: number): ScoreWorth {
  let byScore = memo.worth.get(criterion);
  if (byScore === undefined) {
    byScore = new Map();
    memo.worth.set(criterion, byScore);
  }
  let worth = byScore.get(score);
  if (worth === undefined) {
    worth = worthOf(method, criterion, score);
    byScore.set(score, worth);
  }
  return worth;
}

export function scoreQuality(
  method: Method,
  criteria: readonly Criterion[],
  scores: Record<string, number> | undefined,
  path: string,
  errors: FieldError[],
  memo: QualityMemo = qualityMemo(),
): QualityResult {
  const result: QualityResult = { lines: [], points: [], valueCents: [], reasons: [] };
  const given = scores ?? {};
  memo.ids ??= new Set(criteria.map((c) => c.id));
  const known = memo.ids;
  const keys = Object.keys(given);
  if (keys.some((key) => !known.has(key))) {
    for (const key of keys.sort()) {
      if (!known.has(key)) {
        errors.push({
          path: `${path}.qualityScores.${key}`,
          message: `no criterion "${key}" in the award model`,
        });
      }
    }
  }
  for (const criterion of criteria) {
    const score = given[criterion.id];
    if (score === undefined) {
      errors.push({
        path: `${path}.qualityScores.${criterion.id}`,
        message: `a score for criterion "${criterion.id}" is required`,
      });
      continue;
    }
    const { min, max } = criterion.scale;
    if (!Number.isFinite(score) || score < min || score > max) {
      errors.push({
        path: `${path}.qualityScores.${criterion.id}`,
        message: `the score must lie on the scale ${format(min)}–${format(max)}`,
      });
      continue;
    }
    const worth = worthIn(memo, method, criterion, score);
    if (!worth.meetsMinimum) {
      result.reasons.push(
        `criterion "${criterion.id}" scored ${format(score)}, below the minimum score ${format(criterion.minimumScore!)}`,
      );
    }
    if (worth.exactPoints !== null) result.points.push(worth.exactPoints);
    result.valueCents.push(worth.valueCents);
    // -0 and 0 share a worth; a line says which was given.
    if (worth.line === undefined || !Object.is(worth.line.score, score))
      worth.line = lineOf(criterion, score, worth);
    result.lines.push(worth.line);
  }
  return result;
}

const lineOf = (criterion: Criterion, score: number, worth: ScoreWorth): QualityLine => ({
  criterionId: criterion.id,
  name: criterion.name,
  score,
  scale: criterion.scale,
  minimumScore: criterion.minimumScore ?? null,
  meetsMinimum: worth.meetsMinimum,
  points: worth.points,
  maxPoints: criterion.maxPoints ?? null,
  value: worth.valueCents === null ? null : toMoney(worth.valueCents),
  maxValue: criterion.maxValue ?? null,
  formula: worth.formula,
});
