import { add, cmp, div, mul, type Ratio, ratio, sub } from "../../../lib/domain/exact.js";
import type { ReferenceTables } from "../../../lib/domain/scoring/engine.js";
import {
  type BidEval,
  evaluateBid,
  prepareRun,
  priceScaleOf,
  scoreSet,
} from "../../../lib/domain/scoring/evaluate.js";
import { points4, ZERO } from "../../../lib/domain/scoring/points.js";
import { scaleShare } from "../../../lib/domain/scoring/quality.js";
import { rank } from "../../../lib/domain/scoring/ranking.js";
import { resolveAwardModel } from "../../../lib/domain/scoring/resolve.js";
import type { ScoringInput, WeightChange, WeightSensitivity } from "../../../lib/domain/scoring/types.js";

/**
 * Weight sensitivity the slow, obvious way, to check the engine's: for every dimension and every other
 * compliant bid, the exact change of the weight at which that bid draws level with the winner
 * (gap / share difference); the smallest increase, and the smallest decrease within the weight, win,
 * equal ones by the lowest bid id. Null when the engine gives no weight sensitivity.
 */
export function naiveWeightSensitivity(
  input: ScoringInput,
  tables: ReferenceTables,
): WeightSensitivity[] | null {
  const resolved = resolveAwardModel(input.awardModel, tables);
  const model = resolved.model;
  const run = prepareRun(resolved);
  const evals = input.bids.map((bid) => evaluateBid(run, bid, "bid", [])!);
  const compliant = evals.filter((e) => e.reasons.length === 0);
  const scale = priceScaleOf(model);
  if (!scale || compliant.length < 2) return null;
  const set = scoreSet(model, scale, compliant);
  const winnerId = rank(set.items, model.tieBreakers ?? []).order[0]!.bidId;
  const total = (e: BidEval) => set.totals.get(e.bid.id)!;
  const winner = compliant.find((e) => e.bid.id === winnerId)!;
  const others = compliant.filter((e) => e !== winner);
  const dims: { id: string; weight: Ratio; share: (e: BidEval) => Ratio }[] = [
    {
      id: "price",
      weight: ratio(scale.maxPoints),
      share: (e) => div(set.pricePoints.get(e.bid.id)!.points, scale.maxPoints),
    },
    ...(model.criteria ?? []).map((c) => ({
      id: c.id,
      weight: ratio(c.maxPoints ?? 0),
      share: (e: BidEval) => scaleShare(c, e.bid.qualityScores![c.id]!),
    })),
    ...(model.socialReturn?.mode === "points"
      ? [
          {
            id: "social-return",
            weight: ratio(model.socialReturn.maxPoints ?? 0),
            share: (e: BidEval) => e.socialReturn?.share ?? ZERO,
          },
        ]
      : []),
  ];
  return dims.map((dim) => {
    let up: { delta: Ratio; id: string } | null = null;
    let down: { delta: Ratio; id: string } | null = null;
    const better = (delta: Ratio, id: string, best: { delta: Ratio; id: string } | null) =>
      best === null || cmp(delta, best.delta) < 0 || (cmp(delta, best.delta) === 0 && id < best.id);
    for (const e of others) {
      const gap = sub(total(winner), total(e));
      const ds = sub(dim.share(e), dim.share(winner));
      if (cmp(ds, 0) > 0) {
        const delta = div(gap, ds);
        if (better(delta, e.bid.id, up)) up = { delta, id: e.bid.id };
      } else if (cmp(ds, 0) < 0) {
        const delta = div(gap, mul(ds, -1));
        if (cmp(delta, dim.weight) <= 0 && better(delta, e.bid.id, down)) down = { delta, id: e.bid.id };
      }
    }
    const change = (x: { delta: Ratio; id: string } | null, sign: 1 | -1): WeightChange | null =>
      x === null
        ? null
        : {
            by: points4(mul(x.delta, sign)),
            newMaxPoints: points4(add(dim.weight, mul(x.delta, sign))),
            newWinner: x.id,
          };
    return {
      criterionId: dim.id,
      maxPoints: points4(dim.weight),
      increase: change(up, 1),
      decrease: change(down, -1),
    };
  });
}
