import { type Ratio, sub } from "../exact.js";
import { type BidEval, rankItems, type SetScore } from "./evaluate.js";
import type { PriceScale } from "./formulas.js";
import { MAX_REVERSALS_LISTED, TOP_PLACES } from "./limits.js";
import { points4 } from "./points.js";
import { type RankItem, type Ranked, rank } from "./ranking.js";
import type { AwardModel, BidRemoval, RemovalEffect } from "./types.js";

/**
 * Leave-one-out (see lib/domain/scoring/README.md, Robustness): every compliant bid is removed in turn
 * and the ranking of the others compared with theirs with every bid present; only the removals that
 * change something are listed.
 *
 * Few removals can change anything. Price points depend on the field (Pmin, Pmax) only, so a bid that
 * does not alone set the lowest or the highest corrected price leaves every other score as it was;
 * the others' order then changes only where that bid alone lacked a tie-breaker's key (no submission
 * time), which kept the breaker from its group of equal bids. So at most two bids are re-ranked in
 * full, and such a blocking bid's group alone: O(n log n) for n bids, the reversals counted, not listed.
 */

interface Place {
  bidId: string;
  rank: number;
}

/** The ranking without one bid: the part that was re-ranked, and the whole order as it would be. */
interface Without {
  /** The re-ranked places (the whole order, or one group of equal bids), with their new ranks. */
  changed: Place[];
  /** Subtracted from a rank with every bid present to compare it with the ranks of `changed`. */
  offset: number;
  /** The whole order without the bid, best first. */
  places: () => Iterable<Place>;
  /** A bid's ranking key (lower is better) without the bid. */
  primary: (bidId: string) => Ratio;
}

export function bidRemoval(
  model: AwardModel,
  scale: PriceScale,
  compliant: readonly BidEval[],
  set: SetScore,
  ranked: Ranked,
): BidRemoval {
  const before = new Map(ranked.order.map((o) => [o.bidId, o.rank]));
  const items = new Map(set.items.map((i) => [i.bidId, i]));
  const primary = (bidId: string) => items.get(bidId)!.primary;
  const setsField = fieldSetters(compliant.map((e) => e.corrected.correctedCents));
  const effects: RemovalEffect[] = [];
  for (const e of compliant) {
    const id = e.bid.id;
    const without = setsField(e.corrected.correctedCents)
      ? rerank(model, scale, compliant, e, items)
      : ranked.skipped.has(id)
        ? resettle(model, ranked, id, primary)
        : null;
    const effect = without && effectOf(id, ranked.order, before, without);
    if (effect) effects.push(effect);
  }
  effects.sort((a, b) => (a.removedBidId < b.removedBidId ? -1 : 1));
  return {
    removalsChecked: compliant.length,
    margin: marginOf(ranked.order.slice(0, 2), primary),
    effects,
  };
}

/** A bid that alone sets Pmin or Pmax: every other bid is scored and ranked again without it. */
function rerank(
  model: AwardModel,
  scale: PriceScale,
  compliant: readonly BidEval[],
  removed: BidEval,
  before: ReadonlyMap<string, RankItem>,
): Without {
  const items = rankItems(
    scale,
    compliant.filter((e) => e !== removed),
    before,
  );
  const { order } = rank(items, model.tieBreakers ?? []);
  const keys = new Map(items.map((i) => [i.bidId, i.primary]));
  return { changed: order, offset: 0, places: () => order, primary: (id) => keys.get(id)! };
}

/** A bid that alone blocked a tie-breaker: only its group is settled again, from the same breaker on. */
function resettle(
  model: AwardModel,
  ranked: Ranked,
  removedId: string,
  primary: (bidId: string) => Ratio,
): Without {
  const { group, from, startRank } = ranked.skipped.get(removedId)!;
  const rest = group.filter((item) => item.bidId !== removedId);
  const offset = startRank - 1;
  const changed = rank(rest, (model.tieBreakers ?? []).slice(from)).order.map((p) => ({
    bidId: p.bidId,
    rank: p.rank + offset,
  }));
  const [start, end] = [offset, offset + group.length];
  function* places(): Iterable<Place> {
    for (let i = 0; i < start; i++) yield ranked.order[i]!;
    yield* changed;
    for (let i = end; i < ranked.order.length; i++) {
      const p = ranked.order[i]!;
      yield { bidId: p.bidId, rank: p.rank - 1 };
    }
  }
  return { changed, offset, places, primary };
}

/** The effect of one removal, or null when the others keep their order, winner and first places. */
function effectOf(
  removedId: string,
  order: readonly Place[],
  before: ReadonlyMap<string, number>,
  without: Without,
): RemovalEffect | null {
  const { reversalCount, reversals: listed } = reversals(
    (id) => before.get(id)! - without.offset,
    without.changed,
  );
  const now = head(without.places());
  const was = head(
    (function* () {
      for (const p of order) if (p.bidId !== removedId) yield p;
    })(),
  );
  const winners = firstRank(now);
  const winnerChanges = !sameIds(winners, firstRank(was));
  const top = now.slice(0, TOP_PLACES);
  const topChanges = !sameIds(
    top.map((p) => p.bidId),
    was.slice(0, TOP_PLACES).map((p) => p.bidId),
  );
  if (reversalCount === 0 && !winnerChanges && !topChanges) return null;
  return {
    removedBidId: removedId,
    reversalCount,
    reversals: listed,
    winners,
    winnerChanges,
    top: top.map((p) => ({ bidId: p.bidId, rank: p.rank })),
    topChanges,
    margin: marginOf(now.slice(0, 2), without.primary),
  };
}

/** The first places of an order: at least TOP_PLACES, and every bid sharing the first rank. */
function head(places: Iterable<Place>): Place[] {
  const out: Place[] = [];
  for (const p of places) {
    if (out.length >= TOP_PLACES && p.rank !== out[0]!.rank) break;
    out.push(p);
  }
  return out;
}

/** The ids sharing the first rank, in id order. */
const firstRank = (places: readonly Place[]) =>
  places
    .filter((p) => p.rank === places[0]!.rank)
    .map((p) => p.bidId)
    .sort();

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The first bid's lead over the second in points (their ranking keys are minus their rounded totals). */
function marginOf(firstTwo: readonly Place[], primary: (bidId: string) => Ratio): number | null {
  if (firstTwo.length < 2) return null;
  return points4(sub(primary(firstTwo[1]!.bidId), primary(firstTwo[0]!.bidId)));
}

/** Whether a bid at this price alone sets the lowest or the highest price (its removal moves the field). */
function fieldSetters(prices: readonly number[]): (price: number) => boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let atLo = 0;
  let atHi = 0;
  for (const p of prices) {
    if (p < lo) [lo, atLo] = [p, 0];
    if (p === lo) atLo += 1;
    if (p > hi) [hi, atHi] = [p, 0];
    if (p === hi) atHi += 1;
  }
  return (price) => (price === lo && atLo === 1) || (price === hi && atHi === 1);
}

/**
 * The pairs whose order flips between two rankings of the same bids: x was strictly ahead of y
 * (`before`, ranks from 1) and y is now strictly ahead of x (`now`, best first). The count is
 * complete, in O(n log n) (a Fenwick tree over the earlier ranks); only the first
 * MAX_REVERSALS_LISTED pairs are listed, in the order of the new ranking (by the bid behind, then
 * the bid ahead).
 */
function reversals(
  before: (bidId: string) => number,
  now: readonly Place[],
): Pick<RemovalEffect, "reversalCount" | "reversals"> {
  const size = now.reduce((m, o) => Math.max(m, before(o.bidId)), 0);
  const tree = new Array<number>(size + 1).fill(0);
  const insert = (r: number) => {
    for (let i = r; i <= size; i += i & -i) tree[i]! += 1;
  };
  const atMost = (r: number) => {
    let total = 0;
    for (let i = r; i > 0; i -= i & -i) total += tree[i]!;
    return total;
  };
  const listed: RemovalEffect["reversals"] = [];
  let reversalCount = 0;
  let start = 0;
  while (start < now.length) {
    // A run of bids sharing a rank now: only the bids before the run are strictly ahead of them.
    let end = start;
    while (end < now.length && now[end]!.rank === now[start]!.rank) end++;
    for (let k = start; k < end; k++) {
      const x = now[k]!;
      const was = before(x.bidId);
      const overtaken = start - atMost(was);
      reversalCount += overtaken;
      for (let j = 0; overtaken > 0 && j < start && listed.length < MAX_REVERSALS_LISTED; j++) {
        const y = now[j]!;
        if (before(y.bidId) > was) listed.push({ nowAhead: y.bidId, nowBehind: x.bidId });
      }
    }
    for (let k = start; k < end; k++) insert(before(now[k]!.bidId));
    start = end;
  }
  return { reversalCount, reversals: listed };
}
