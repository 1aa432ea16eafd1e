import { type ReferenceTables, scoreBids } from "../../../lib/domain/scoring/engine.js";
import type {
  BidRemoval,
  RankedBid,
  RemovalEffect,
  ScoringInput,
} from "../../../lib/domain/scoring/types.js";

/**
 * Leave-one-out the slow, obvious way, to check the engine's summary: score the input again without
 * each compliant bid in turn, compare every pair of the others, and list the removals that reverse a
 * pair, change the winner or change the first three places.
 */
export function naiveRemoval(input: ScoringInput, tables: ReferenceTables): BidRemoval {
  const ranked = (bids: ScoringInput["bids"]) =>
    scoreBids({ ...input, bids }, tables).ranking.filter((r) => r.rank !== null);
  const all = ranked(input.bids);
  const before = new Map(all.map((r) => [r.bidId, r.rank!]));
  const effects: RemovalEffect[] = [];
  for (const removed of all) {
    const rest = ranked(input.bids.filter((b) => b.id !== removed.bidId));
    const now = new Map(rest.map((r) => [r.bidId, r.rank!]));
    const pairs: RemovalEffect["reversals"] = [];
    for (const x of rest)
      for (const y of rest)
        if (before.get(x.bidId)! < before.get(y.bidId)! && now.get(y.bidId)! < now.get(x.bidId)!)
          pairs.push({ nowAhead: y.bidId, nowBehind: x.bidId });
    const was = all.filter((r) => r.bidId !== removed.bidId);
    const winners = firstRank(rest);
    const winnerChanges = winners.join() !== firstRank(was).join();
    const top = rest.slice(0, 3).map((r) => ({ bidId: r.bidId, rank: r.rank! }));
    const topChanges =
      top.map((p) => p.bidId).join() !==
      was
        .slice(0, 3)
        .map((r) => r.bidId)
        .join();
    if (pairs.length === 0 && !winnerChanges && !topChanges) continue;
    effects.push({
      removedBidId: removed.bidId,
      reversalCount: pairs.length,
      reversals: pairs.slice(0, 10),
      winners,
      winnerChanges,
      top,
      topChanges,
      margin: margin(rest),
    });
  }
  effects.sort((a, b) => (a.removedBidId < b.removedBidId ? -1 : 1));
  return { removalsChecked: all.length, margin: margin(all), effects };
}

const firstRank = (list: RankedBid[]) =>
  list
    .filter((r) => r.rank === list[0]!.rank)
    .map((r) => r.bidId)
    .sort();

/** The lead of the first over the second total score, in whole ten-thousandths of a point. */
function margin(list: RankedBid[]): number | null {
  if (list.length < 2) return null;
  const tenThousandths = (score: number | null) => Math.round(score! * 10000);
  return (tenThousandths(list[0]!.totalScore) - tenThousandths(list[1]!.totalScore)) / 10000;
}
