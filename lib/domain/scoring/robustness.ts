import { div, neg, type Ratio, ratio } from "../exact.js";
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
  QualityLine,
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

/**
 * One dimension a weight scales: the winner's share of its maximum, and the other bids that may draw
 * level first (by index in the field) with theirs. A bid's standing is Σ weight × share (+ a fixed part).
 */
interface Dimension {
  id: string;
  weight: Ratio;
  winnerShare: Ratio;
  candidates: readonly Candidate[];
}

interface Candidate {
  index: number;
  share: Ratio;
}

/** Where another bid draws level: the weight changes by delta (unreduced: it is only rounded). */
type Crossing = { delta: Fraction; bidId: string } | null;

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

/** gap / ds, both denominators and ds positive; not reduced (reducing wide fractions is costly). */
const crossingOf = (best: Best | null): Crossing =>
  best === null
    ? null
    : { delta: { n: best.gap.n * best.ds.d, d: best.gap.d * best.ds.n }, bidId: best.bidId };

/** The weight moved by ±delta, and the move itself, as fractions for rounding (not reduced). */
function moved(weight: Ratio, delta: Fraction, sign: 1 | -1): { by: Fraction; to: Fraction } {
  const by = { n: sign < 0 ? -delta.n : delta.n, d: delta.d };
  return { by, to: { n: weight.n * by.d + by.n * weight.d, d: weight.d * by.d } };
}

/** The other bids and how far each stands below the winner (higher-is-better, linear in a weight). */
interface Field {
  others: readonly BidEval[];
  gaps: readonly Fraction[];
}

function fieldOf(winner: Ratio, others: readonly BidEval[], standing: (e: BidEval) => Ratio): Field {
  return { others, gaps: others.map((e) => difference(winner, standing(e))) };
}

/**
 * A fraction as a double within a few units in its last place (n and d each rounded once, then
 * divided), or NaN where a part or the quotient leaves the range where that holds.
 */
function approximately({ n, d }: Fraction): number {
  if (n === 0n) return 0;
  const value = Number(n) / Number(d);
  const size = Math.abs(value);
  return size >= 1e-290 && size <= 1e290 ? value : Number.NaN;
}

/** Indices into the field's bids, smallest gap first, then by bid id. */
function byGap(field: Field): number[] {
  const { others, gaps } = field;
  // The gaps are wide fractions and sorting compares each many times: doubles order those that differ
  // by far more than their rounding; only the close ones (and NaN) are compared exactly.
  const near = gaps.map(approximately);
  return others
    .map((_, i) => i)
    .sort((a, b) => {
      const x = near[a]!;
      const y = near[b]!;
      if (Math.abs(x - y) > 1e-9 * Math.max(Math.abs(x), Math.abs(y))) return x < y ? -1 : 1;
      const left = gaps[a]!.n * gaps[b]!.d;
      const right = gaps[b]!.n * gaps[a]!.d;
      return left < right ? -1 : left > right ? 1 : others[a]!.bid.id < others[b]!.bid.id ? -1 : 1;
    });
}

/**
 * For one dimension, the smallest increase and decrease of its weight (others fixed) at which another
 * bid draws level with the winner: delta = gap / (its share − the winner's), the candidates compared as
 * unreduced fractions and only the chosen one reduced.
 */
function crossings(dim: Dimension, field: Field): { up: Crossing; down: Crossing } {
  let up: Best | null = null;
  let down: Best | null = null;
  const { weight, winnerShare } = dim;
  for (const { index, share } of dim.candidates) {
    const gap = field.gaps[index]!;
    const ds = difference(share, winnerShare);
    const id = field.others[index]!.bid.id;
    if (ds.n > 0n) {
      if (beats(gap, ds, id, up)) up = { gap, ds, bidId: id };
    } else if (ds.n < 0n) {
      const drop = { n: -ds.n, d: ds.d };
      // Only within the weight: gap / drop ≤ weight.
      if (!below({ n: weight.n * drop.n, d: weight.d * drop.d }, gap) && beats(gap, drop, id, down))
        down = { gap, ds: drop, bidId: id };
    }
  }
  return { up: crossingOf(up), down: crossingOf(down) };
}

/** Every other bid as a candidate, with its share. */
const everyBid = (field: Field, share: (e: BidEval) => Ratio): Candidate[] =>
  field.others.map((e, index) => ({ index, share: share(e) }));

/**
 * Per criterion, the candidates where shares repeat (one per distinct score): among bids of one share
 * the delta grows with the gap, so only the first bid of each score in gap order can draw level first.
 * One pass over the bids in gap order serves every criterion.
 */
function firstOfEachScore(criteria: readonly Criterion[], field: Field): Candidate[][] {
  const shares = criteria.map(shareByScore);
  const seen = criteria.map(() => new Set<number>());
  const candidates = criteria.map((): Candidate[] => []);
  for (const index of byGap(field)) {
    const lines = field.others[index]!.quality.lines;
    for (let k = 0; k < criteria.length; k++) {
      const score = scoreOn(lines, k);
      if (seen[k]!.has(score)) continue;
      seen[k]!.add(score);
      candidates[k]!.push({ index, share: shares[k]!(score) });
    }
  }
  return candidates;
}

/** A bid's score on the k-th criterion of the model (its quality lines follow the model's order). */
const scoreOn = (lines: readonly QualityLine[], k: number): number => lines[k]!.score;

/** A criterion's share by score, computed once per distinct score. */
function shareByScore(criterion: Criterion): (score: number) => Ratio {
  const cache = new Map<number, Ratio>();
  return (score) => {
    let share = cache.get(score);
    if (share === undefined) {
      share = scaleShare(criterion, score);
      cache.set(score, share);
    }
    return share;
  };
}

/** The winner and the field of the other compliant bids, by a standing (higher is better). */
function winnerAndField(
  compliant: readonly BidEval[],
  winnerId: string,
  standing: (e: BidEval) => Ratio,
): { winner: BidEval; field: Field } {
  const winner = compliant.find((e) => e.bid.id === winnerId)!;
  const others = compliant.filter((e) => e !== winner);
  return { winner, field: fieldOf(standing(winner), others, standing) };
}

function weightSensitivity(
  model: AwardModel,
  compliant: readonly BidEval[],
  set: SetScore,
  winnerId: string,
): WeightSensitivity[] {
  const { winner, field } = winnerAndField(compliant, winnerId, (e) => set.totals.get(e.bid.id)!);
  const priceMax = model.price!.maxPoints;
  const priceShare = (e: BidEval) => div(set.pricePoints.get(e.bid.id)!.points, priceMax);
  const dims: Dimension[] = [
    {
      id: "price",
      weight: ratio(priceMax),
      winnerShare: priceShare(winner),
      candidates: everyBid(field, priceShare),
    },
  ];
  const criteria = model.criteria ?? [];
  const firsts = firstOfEachScore(criteria, field);
  criteria.forEach((criterion, k) => {
    dims.push({
      id: criterion.id,
      weight: ratio(criterion.maxPoints ?? 0),
      winnerShare: scaleShare(criterion, scoreOn(winner.quality.lines, k)),
      candidates: firsts[k]!,
    });
  });
  if (model.socialReturn?.mode === "points") {
    const share = (e: BidEval) => e.socialReturn?.share ?? ZERO;
    dims.push({
      id: "social-return",
      weight: ratio(model.socialReturn.maxPoints ?? 0),
      winnerShare: share(winner),
      candidates: everyBid(field, share),
    });
  }
  return dims.map((dim) => {
    const { up, down } = crossings(dim, field);
    const change = (x: Crossing, sign: 1 | -1): WeightChange | null => {
      if (x === null) return null;
      const { by, to } = moved(dim.weight, x.delta, sign);
      return { by: points4(by), newMaxPoints: points4(to), newWinner: x.bidId };
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
  const standing = (e: BidEval) => neg(eurosOf(e.fictitiousCents!));
  const { winner, field } = winnerAndField(compliant, winnerId, standing);
  const criteria = model.criteria ?? [];
  const firsts = firstOfEachScore(criteria, field);
  return criteria.map((criterion, k) => {
    const dim: Dimension = {
      id: criterion.id,
      weight: eurosOf(centsFromAmount(criterion.maxValue!.amount)),
      winnerShare: scaleShare(criterion, scoreOn(winner.quality.lines, k)),
      candidates: firsts[k]!,
    };
    const { up, down } = crossings(dim, field);
    const change = (x: Crossing, sign: 1 | -1) => {
      if (x === null) return null;
      const { by, to } = moved(dim.weight, x.delta, sign);
      return {
        by: toMoney(roundEurosToCents(by)),
        newMaxValue: toMoney(roundEurosToCents(to)),
        newWinner: x.bidId,
      };
    };
    return {
      criterionId: criterion.id,
      maxValue: criterion.maxValue!,
      increase: change(up, 1),
      decrease: change(down, -1),
    };
  });
}
