import { add, div, mul, neg, type Ratio, ratio } from "../exact.js";
import { centsFromAmount, eurosOf, roundEurosToCents, toMoney } from "../money.js";
import type { BidEval, SetScore } from "./evaluate.js";
import { isRelative, type PriceScale } from "./formulas.js";
import { points4, ZERO } from "./points.js";
import { scaleShare } from "./quality.js";
import type { Ranked } from "./ranking.js";
import { bidRemoval } from "./removal.js";
import type {
  AwardModel,
  BidRemoval,
  Criterion,
  Robustness,
  ValueSensitivity,
  WeightChange,
  WeightSensitivity,
} from "./types.js";

/**
 * How much the outcome depends on the choices made: with a relative price formula, which removal
 * of one bid changes the order of the others (removal.ts); with two or more compliant bids, how far one weight (weighted points)
 * or one criterion's euro value (award on value) can move before another bid draws level.
 */
export function robustnessOf(
  model: AwardModel,
  scale: PriceScale | null,
  compliant: readonly BidEval[],
  set: SetScore,
  ranked: Ranked,
): Robustness {
  const notes: string[] = [];
  let removal: BidRemoval | null = null;
  let sensitivity: WeightSensitivity[] | null = null;
  if (scale && isRelative(scale.formula)) {
    removal = bidRemoval(model, scale, compliant, set, ranked);
  } else if (scale) {
    notes.push("The price formula is absolute: removing a bid does not change the others' scores.");
  }
  let values: ValueSensitivity[] | null = null;
  if (scale && compliant.length >= 2) {
    sensitivity = weightSensitivity(model, compliant, set, ranked.order[0]!.bidId);
    notes.push(
      "Weight sensitivity: the change of one criterion's maximum points (others fixed) at which another bid draws level with the winner; beyond it that bid wins.",
    );
  } else if (
    model.method === "award-on-value" &&
    compliant.length >= 2 &&
    (model.criteria ?? []).length > 0
  ) {
    values = valueSensitivity(model, compliant, ranked.order[0]!.bidId);
    notes.push(
      "Value sensitivity: the change of one criterion's euro value (others fixed) at which another bid's fictitious price draws level with the winner's; beyond it that bid wins.",
    );
  } else if (scale || model.method === "award-on-value") {
    notes.push("Weight sensitivity needs at least two compliant bids.");
  }
  return { bidRemoval: removal, weightSensitivity: sensitivity, valueSensitivity: values, notes };
}

interface Dimension {
  id: string;
  weight: Ratio;
  /** The bid's share of the dimension's maximum; a bid's standing is Σ weight × share (+ a fixed part). */
  share: (e: BidEval) => Ratio;
  /** Whether bids share the same share objects (one per distinct score). */
  repeats?: boolean;
}

type Crossing = { delta: Ratio; bidId: string } | null;

/** A fraction kept as computed, not reduced: compared by cross-multiplying, reduced once at the end. */
interface Fraction {
  n: bigint;
  d: bigint;
}

const difference = (a: Ratio, b: Ratio): Fraction => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });

/** Whether p.n/p.d < q.n/q.d (positive denominators). */
const below = (p: Fraction, q: Fraction) => p.n * q.d < q.n * p.d;

/** The best crossing so far: the smallest delta = gap / ds, then the lowest bid id. */
interface Best {
  gap: Fraction;
  ds: Fraction;
  bidId: string;
}

const beats = (gap: Fraction, ds: Fraction, bidId: string, cur: Best | null): boolean => {
  if (cur === null) return true;
  // gap/ds vs cur.gap/cur.ds, both ds > 0: compare gap × cur.ds with cur.gap × ds.
  const left = gap.n * ds.d * cur.ds.n * cur.gap.d;
  const right = cur.gap.n * cur.ds.d * ds.n * gap.d;
  return left < right || (left === right && bidId < cur.bidId);
};

const crossingOf = (best: Best | null): Crossing =>
  best === null ? null : { delta: div(best.gap, best.ds), bidId: best.bidId };

/**
 * For one dimension, the smallest increase and decrease of its weight (others fixed) at which another
 * bid draws level with the winner. `gaps` holds each other bid's standing below the winner's
 * (higher-is-better, linear in the weight). Linear in the number of bids: the candidates are compared
 * as unreduced fractions and only the chosen one is reduced.
 */
function crossings(
  dim: Dimension,
  winner: BidEval,
  others: readonly BidEval[],
  gaps: readonly Fraction[],
): { up: Crossing; down: Crossing } {
  let up: Best | null = null;
  let down: Best | null = null;
  const sw = dim.share(winner);
  const weight = dim.weight;
  // Criteria shares repeat (one per distinct score): their difference to the winner's is computed once.
  const seen = new Map<Ratio, Fraction>();
  const towardWinner = (share: Ratio) => {
    const ds = seen.get(share) ?? difference(share, sw);
    seen.set(share, ds);
    return ds;
  };
  others.forEach((other, i) => {
    const gap = gaps[i]!;
    const ds = dim.repeats ? towardWinner(dim.share(other)) : difference(dim.share(other), sw);
    const id = other.bid.id;
    if (ds.n > 0n) {
      if (beats(gap, ds, id, up)) up = { gap, ds, bidId: id };
    } else if (ds.n < 0n) {
      const drop = { n: -ds.n, d: ds.d };
      // Only within the weight: gap / drop ≤ weight.
      if (!below({ n: weight.n * drop.n, d: weight.d * drop.d }, gap) && beats(gap, drop, id, down))
        down = { gap, ds: drop, bidId: id };
    }
  });
  return { up: crossingOf(up), down: crossingOf(down) };
}

/** Each other bid's standing below the winner's, in the order of `others`. */
const gapsBelow = (winner: Ratio, others: readonly BidEval[], standing: (e: BidEval) => Ratio) =>
  others.map((e) => difference(winner, standing(e)));

/** A criterion's share by score, computed once per distinct score. */
function shareByScore(criterion: Criterion): (e: BidEval) => Ratio {
  const cache = new Map<number, Ratio>();
  return (e) => {
    const score = e.bid.qualityScores![criterion.id]!;
    const share = cache.get(score) ?? scaleShare(criterion, score);
    cache.set(score, share);
    return share;
  };
}

function weightSensitivity(
  model: AwardModel,
  compliant: readonly BidEval[],
  set: SetScore,
  winnerId: string,
): WeightSensitivity[] {
  const dims: Dimension[] = [];
  const priceMax = model.price!.maxPoints;
  dims.push({
    id: "price",
    weight: ratio(priceMax),
    share: (e) => div(set.pricePoints.get(e.bid.id)!.points, priceMax),
  });
  for (const criterion of model.criteria ?? []) {
    dims.push({
      id: criterion.id,
      weight: ratio(criterion.maxPoints ?? 0),
      share: shareByScore(criterion),
      repeats: true,
    });
  }
  if (model.socialReturn?.mode === "points") {
    dims.push({
      id: "social-return",
      weight: ratio(model.socialReturn.maxPoints ?? 0),
      share: (e) => e.socialReturn?.share ?? ZERO,
    });
  }
  const winner = compliant.find((e) => e.bid.id === winnerId)!;
  const others = compliant.filter((e) => e !== winner);
  const gaps = gapsBelow(set.totals.get(winnerId)!, others, (e) => set.totals.get(e.bid.id)!);
  return dims.map((dim) => {
    const { up, down } = crossings(dim, winner, others, gaps);
    const change = (x: Crossing, sign: 1 | -1): WeightChange | null =>
      x === null
        ? null
        : {
            by: points4(mul(x.delta, sign)),
            newMaxPoints: points4(add(dim.weight, mul(x.delta, sign))),
            newWinner: x.bidId,
          };
    return {
      criterionId: dim.id,
      maxPoints: points4(dim.weight),
      increase: change(up, 1),
      decrease: change(down, -1),
    };
  });
}

/**
 * Award on value: per criterion, the smallest change of its euro value (others fixed) at which another
 * bid's fictitious price draws level with the winner's (continuous, before rounding to cents).
 */
function valueSensitivity(
  model: AwardModel,
  compliant: readonly BidEval[],
  winnerId: string,
): ValueSensitivity[] {
  const winner = compliant.find((e) => e.bid.id === winnerId)!;
  const others = compliant.filter((e) => e !== winner);
  const standing = (e: BidEval) => neg(eurosOf(e.fictitiousCents!));
  const gaps = gapsBelow(standing(winner), others, standing);
  return (model.criteria ?? []).map((criterion) => {
    const dim: Dimension = {
      id: criterion.id,
      weight: eurosOf(centsFromAmount(criterion.maxValue!.amount)),
      share: shareByScore(criterion),
      repeats: true,
    };
    const { up, down } = crossings(dim, winner, others, gaps);
    const change = (x: Crossing, sign: 1 | -1) =>
      x === null
        ? null
        : {
            by: toMoney(roundEurosToCents(mul(x.delta, sign))),
            newMaxValue: toMoney(roundEurosToCents(add(dim.weight, mul(x.delta, sign)))),
            newWinner: x.bidId,
          };
    return {
      criterionId: criterion.id,
      maxValue: criterion.maxValue!,
      increase: change(up, 1),
      decrease: change(down, -1),
    };
  });
}
