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

/** The other bids and how far each stands below the winner (higher-is-better, linear in a weight). */
interface Field {
  others: readonly BidEval[];
  gaps: readonly Fraction[];
  /** Indices into `others`, smallest gap first, then by bid id. */
  byGap: () => readonly number[];
}

function fieldOf(winner: Ratio, others: readonly BidEval[], standing: (e: BidEval) => Ratio): Field {
  const gaps = others.map((e) => difference(winner, standing(e)));
  let sorted: number[] | null = null;
  const byGap = () => {
    sorted ??= others
      .map((_, i) => i)
      .sort((a, b) => {
        const [p, q] = [gaps[a]!, gaps[b]!];
        const [left, right] = [p.n * q.d, q.n * p.d];
        return left < right ? -1 : left > right ? 1 : others[a]!.bid.id < others[b]!.bid.id ? -1 : 1;
      });
    return sorted;
  };
  return { others, gaps, byGap };
}

/**
 * For one dimension, the smallest increase and decrease of its weight (others fixed) at which another
 * bid draws level with the winner: delta = gap / (its share − the winner's), the candidates compared as
 * unreduced fractions and only the chosen one reduced. Where shares repeat (one per distinct score),
 * the delta grows with the gap among bids of one share, so only the first bid of each share in gap
 * order is a candidate.
 */
function crossings(dim: Dimension, winner: BidEval, field: Field): { up: Crossing; down: Crossing } {
  let up: Best | null = null;
  let down: Best | null = null;
  const sw = dim.share(winner);
  const weight = dim.weight;
  const consider = (i: number, share: Ratio) => {
    const gap = field.gaps[i]!;
    const ds = difference(share, sw);
    const id = field.others[i]!.bid.id;
    if (ds.n > 0n) {
      if (beats(gap, ds, id, up)) up = { gap, ds, bidId: id };
    } else if (ds.n < 0n) {
      const drop = { n: -ds.n, d: ds.d };
      // Only within the weight: gap / drop ≤ weight.
      if (!below({ n: weight.n * drop.n, d: weight.d * drop.d }, gap) && beats(gap, drop, id, down))
        down = { gap, ds: drop, bidId: id };
    }
  };
  if (dim.repeats) {
    const done = new Set<Ratio>();
    for (const i of field.byGap()) {
      const share = dim.share(field.others[i]!);
      if (done.has(share)) continue;
      done.add(share);
      consider(i, share);
    }
  } else {
    for (let i = 0; i < field.others.length; i++) consider(i, dim.share(field.others[i]!));
  }
  return { up: crossingOf(up), down: crossingOf(down) };
}

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
  const field = fieldOf(set.totals.get(winnerId)!, others, (e) => set.totals.get(e.bid.id)!);
  return dims.map((dim) => {
    const { up, down } = crossings(dim, winner, field);
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
  const field = fieldOf(standing(winner), others, standing);
  return (model.criteria ?? []).map((criterion) => {
    const dim: Dimension = {
      id: criterion.id,
      weight: eurosOf(centsFromAmount(criterion.maxValue!.amount)),
      share: shareByScore(criterion),
      repeats: true,
    };
    const { up, down } = crossings(dim, winner, field);
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
