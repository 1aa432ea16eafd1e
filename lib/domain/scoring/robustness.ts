import { add, cmp, div, mul, neg, type Ratio, ratio, sub } from "../exact.js";
import { centsFromAmount, eurosOf, roundEurosToCents, toMoney } from "../money.js";
import { type BidEval, type SetScore, scoreSet } from "./evaluate.js";
import { isRelative, type PriceScale } from "./formulas.js";
import { MAX_REVERSALS_LISTED } from "./limits.js";
import { points4, ZERO } from "./points.js";
import { scaleShare } from "./quality.js";
import { type Ranked, rank } from "./ranking.js";
import type {
  AwardModel,
  RemovalEffect,
  Robustness,
  ValueSensitivity,
  WeightChange,
  WeightSensitivity,
} from "./types.js";

/**
 * How much the outcome depends on the choices made: with a relative price formula, the reversals
 * when one bid is left out; with two or more compliant bids, how far one weight (weighted points)
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
  let removal: RemovalEffect[] | null = null;
  let sensitivity: WeightSensitivity[] | null = null;
  if (scale && isRelative(scale.formula)) {
    const ranks = new Map(ranked.order.map((o) => [o.bidId, o.rank]));
    removal = bidRemoval(model, scale, compliant, ranks);
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
}

type Crossing = { delta: Ratio; bidId: string } | null;

/**
 * For one dimension, the smallest increase and decrease of its weight (others fixed) at which another
 * bid draws level with the winner. `standing` is higher-is-better and linear in the weight.
 */
function crossings(
  dim: Dimension,
  winner: BidEval,
  others: readonly BidEval[],
  standing: (e: BidEval) => Ratio,
): { up: Crossing; down: Crossing } {
  let up: Crossing = null;
  let down: Crossing = null;
  const sw = dim.share(winner);
  for (const other of others) {
    const gap = sub(standing(winner), standing(other));
    const ds = sub(dim.share(other), sw);
    const better = (cur: Crossing, delta: Ratio) =>
      cur === null || cmp(delta, cur.delta) < 0 || (cmp(delta, cur.delta) === 0 && other.bid.id < cur.bidId);
    if (ds.n > 0n) {
      const delta = div(gap, ds);
      if (better(up, delta)) up = { delta, bidId: other.bid.id };
    } else if (ds.n < 0n) {
      const delta = div(gap, neg(ds));
      if (cmp(delta, dim.weight) <= 0 && better(down, delta)) down = { delta, bidId: other.bid.id };
    }
  }
  return { up, down };
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
      share: (e) => scaleShare(criterion, e.bid.qualityScores![criterion.id]!),
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
  return dims.map((dim) => {
    const { up, down } = crossings(dim, winner, others, (e) => set.totals.get(e.bid.id)!);
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
  return (model.criteria ?? []).map((criterion) => {
    const dim: Dimension = {
      id: criterion.id,
      weight: eurosOf(centsFromAmount(criterion.maxValue!.amount)),
      share: (e) => scaleShare(criterion, e.bid.qualityScores![criterion.id]!),
    };
    const { up, down } = crossings(dim, winner, others, standing);
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

function bidRemoval(
  model: AwardModel,
  scale: PriceScale,
  compliant: readonly BidEval[],
  ranks: Map<string, number>,
): RemovalEffect[] {
  const byId = [...compliant].sort((a, b) => (a.bid.id < b.bid.id ? -1 : 1));
  // Price points depend on the field (Pmin, Pmax) only: removing a bid that leaves both as they are
  // changes no other bid's score, so no pair can swap — only the bids that set the field are re-ranked.
  const prices = byId.map((e) => e.corrected.correctedCents);
  const [lo, hi] = [Math.min(...prices), Math.max(...prices)];
  const alone = (price: number) => prices.filter((p) => p === price).length === 1;
  const movesField = (e: BidEval) =>
    (e.corrected.correctedCents === lo && alone(lo)) || (e.corrected.correctedCents === hi && alone(hi));
  return byId.map((removed) => {
    if (!movesField(removed)) return { removedBidId: removed.bid.id, reversalCount: 0, reversals: [] };
    const rest = byId.filter((e) => e !== removed);
    const ranked = rank(scoreSet(model, scale, rest).items, model.tieBreakers ?? []);
    const now = new Map(ranked.order.map((o) => [o.bidId, o.rank]));
    // Only what changed: a pair count can reach n²/2, so the first few pairs are listed with the full count.
    const reversals: RemovalEffect["reversals"] = [];
    let reversalCount = 0;
    for (const x of ranked.order) {
      for (const y of ranked.order) {
        if (ranks.get(x.bidId)! < ranks.get(y.bidId)! && now.get(y.bidId)! < now.get(x.bidId)!) {
          reversalCount += 1;
          if (reversals.length < MAX_REVERSALS_LISTED)
            reversals.push({ nowAhead: y.bidId, nowBehind: x.bidId });
        }
      }
    }
    return { removedBidId: removed.bid.id, reversalCount, reversals };
  });
}
