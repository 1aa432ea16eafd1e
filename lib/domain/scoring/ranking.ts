import { cmp, type Ratio } from "../exact.js";
import type { Tie, TieBreaker } from "./types.js";

/**
 * Ranking with ties (see lib/domain/scoring/README.md, Compliance, ties and tie-breakers). Bids are
 * ordered on one primary key (lower is better); bids equal on it are separated only by the model's
 * ordered tie-breakers; bids still equal share a rank and the result says a drawing of lots is
 * needed. Input order never decides: equal bids are listed by id.
 */
export interface RankItem {
  bidId: string;
  /** Lower is better (a price, or minus rounded points). */
  primary: Ratio;
  /** Higher is better; null when the method has no quality measure. */
  quality: Ratio | null;
  /** The bid price in cents (lower-price). */
  price: number;
  /** Submission instant in ms since the epoch, null when unknown (earlier-submission). */
  submittedAt: number | null;
}

/**
 * A group of equal bids in which one bid alone lacked a tie-breaker's key, so that breaker was skipped
 * for all of them: without that bid the breaker applies and may reorder the others.
 */
export interface SkippedBreaker {
  /** The group, as settled: it takes the ranks from `startRank` on. */
  group: RankItem[];
  /** The index of the first tie-breaker tried on the group. */
  from: number;
  startRank: number;
}

export interface Ranked {
  /** Best first; equal-rank bids by id. */
  order: { bidId: string; rank: number }[];
  ties: Tie[];
  /** By bid id: the outermost group of three or more in which the bid alone lacked a breaker's key. */
  skipped: Map<string, SkippedBreaker>;
}

/** A breaker's key, lower is better; null when the breaker cannot compare this bid. */
function keyOf(item: RankItem, breaker: TieBreaker): Ratio | number | null {
  switch (breaker) {
    case "higher-quality":
      return item.quality === null ? null : { n: -item.quality.n, d: item.quality.d };
    case "lower-price":
      return item.price;
    case "earlier-submission":
      return item.submittedAt;
  }
}

const compareKeys = (a: Ratio | number, b: Ratio | number): number =>
  typeof a === "number" && typeof b === "number" ? Math.sign(a - b) : cmp(a as Ratio, b as Ratio);

const byId = (a: RankItem, b: RankItem) => (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0);

/** Splits sorted items into runs of equal keys. */
function runs<T>(items: T[], same: (a: T, b: T) => boolean): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && same(last[0]!, item)) last.push(item);
    else out.push([item]);
  }
  return out;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The primary keys as exact integers in ten-thousandths when every key allows it (prices in cents,
 * points rounded to 4 decimals), so sorting compares numbers; null when one does not fit.
 */
function scaledKeys(items: readonly RankItem[]): number[] | null {
  const keys: number[] = [];
  for (const item of items) {
    const { n, d } = item.primary;
    if (d <= 0n || 10000n % d !== 0n) return null;
    const scaled = n * (10000n / d);
    if (scaled > SAFE || scaled < -SAFE) return null;
    keys.push(Number(scaled));
  }
  return keys;
}

interface Keyed {
  item: RankItem;
  key: number;
}

/** The items with their primary order, lower first (−1, 0 or 1 like `cmp`): on numbers when exact. */
function withPrimaryOrder(items: readonly RankItem[]): {
  keyed: Keyed[];
  primary: (a: Keyed, b: Keyed) => number;
} {
  const keys = scaledKeys(items);
  return {
    keyed: items.map((item, i) => ({ item, key: keys ? keys[i]! : 0 })),
    primary: keys ? (a, b) => Math.sign(a.key - b.key) : (a, b) => cmp(a.item.primary, b.item.primary),
  };
}

export function rank(items: readonly RankItem[], breakers: readonly TieBreaker[]): Ranked {
  const order: { bidId: string; rank: number }[] = [];
  const ties: Tie[] = [];
  const skipped = new Map<string, SkippedBreaker>();
  const { keyed, primary } = withPrimaryOrder(items);
  keyed.sort((a, b) => primary(a, b) || byId(a.item, b.item));

  const settle = (group: RankItem[], from: number, startRank: number) => {
    if (group.length === 1) {
      order.push({ bidId: group[0]!.bidId, rank: startRank });
      return;
    }
    for (let k = from; k < breakers.length; k++) {
      const breaker = breakers[k]!;
      const keys = group.map((item) => keyOf(item, breaker));
      const missing = keys.filter((key) => key === null).length;
      if (missing > 0) {
        const alone = group[keys.indexOf(null)]!.bidId;
        if (missing === 1 && group.length >= 3 && !skipped.has(alone))
          skipped.set(alone, { group, from, startRank });
        continue;
      }
      const keyed = group
        .map((item, i) => ({ item, key: keys[i]! }))
        .sort((a, b) => compareKeys(a.key, b.key) || byId(a.item, b.item));
      const parts = runs(keyed, (a, b) => compareKeys(a.key, b.key) === 0);
      if (parts.length === 1) continue;
      ties.push({
        bidIds: keyed.map((x) => x.item.bidId),
        resolvedBy: breaker,
        drawingOfLotsNeeded: false,
        sharedRank: null,
      });
      let next = startRank;
      for (const part of parts) {
        settle(
          part.map((x) => x.item),
          k + 1,
          next,
        );
        next += part.length;
      }
      return;
    }
    const ids = [...group].sort(byId).map((item) => item.bidId);
    ties.push({ bidIds: ids, resolvedBy: null, drawingOfLotsNeeded: true, sharedRank: startRank });
    for (const bidId of ids) order.push({ bidId, rank: startRank });
  };

  // Runs of bids equal on the primary key, found by index: most bids are alone on theirs, and such a
  // bid takes its place without a group being made.
  let start = 0;
  while (start < keyed.length) {
    let end = start + 1;
    while (end < keyed.length && primary(keyed[start]!, keyed[end]!) === 0) end++;
    if (end - start === 1) order.push({ bidId: keyed[start]!.item.bidId, rank: start + 1 });
    else
      settle(
        keyed.slice(start, end).map((x) => x.item),
        0,
        start + 1,
      );
    start = end;
  }
  return { order, ties, skipped };
}
