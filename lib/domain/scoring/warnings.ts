import { cmp, div, format, make, mul, ratio, roundHalfAwayFromZero, sub } from "../exact.js";
import { formatEuros, formatPercentOneDecimal } from "../money.js";
import type { BidEval, SetScore } from "./evaluate.js";
import { isRelative, type PriceScale } from "./formulas.js";
import type { Ranked } from "./ranking.js";
import type { AwardModel, Warning } from "./types.js";

export const DEFAULT_ABNORMALLY_LOW = { belowMeanPercent: 40, belowNextPercent: 30 } as const;

/**
 * What the buyer should know about this evaluation, in a fixed order: a relative price formula
 * (rank reversal), price and quality scales of different length, abnormally low bids, ties only a
 * drawing of lots can settle, and no compliant bid at all.
 */
export function scoringWarnings(
  model: AwardModel,
  scale: PriceScale | null,
  all: readonly BidEval[],
  compliant: readonly BidEval[],
  set: SetScore,
  ranked: Ranked,
): Warning[] {
  const warnings: Warning[] = [];
  if (scale && isRelative(scale.formula)) {
    warnings.push({
      code: "relative-price-formula",
      message: `The price formula ${scale.formula} is relative: a bid's price points depend on the other bids, so adding or removing a bid can reverse the order of two others (rank reversal). Consider absolute-linear with bounds fixed in the tender.`,
    });
  }
  const mismatch = scaleLengthMismatch(model, scale, compliant, set);
  if (mismatch) warnings.push(mismatch);
  warnings.push(...abnormallyLow(model, compliant));
  for (const tie of ranked.ties.filter((t) => t.drawingOfLotsNeeded)) {
    warnings.push({
      code: "drawing-of-lots-needed",
      message: `Bids ${tie.bidIds.join(", ")} share rank ${tie.sharedRank} and no tie-breaker separates them: a drawing of lots is needed (ARW 2016 art. 2.63.3).`,
    });
  }
  if (all.length > 0 && compliant.length === 0) {
    warnings.push({ code: "no-compliant-bid", message: "No bid is compliant; there is no ranking." });
  }
  return warnings;
}

/** Quality runs from 0 to its maximum, but some price formulas never give the worst price 0 points. */
function scaleLengthMismatch(
  model: AwardModel,
  scale: PriceScale | null,
  compliant: readonly BidEval[],
  set: SetScore,
): Warning | null {
  const qualityMax =
    (model.criteria ?? []).reduce((acc, c) => acc + (c.maxPoints ?? 0), 0) +
    (model.socialReturn?.mode === "points" ? (model.socialReturn.maxPoints ?? 0) : 0);
  if (!(scale && qualityMax > 0 && (scale.formula === "relative-lowest" || scale.formula === "log")))
    return null;
  let spread = "";
  if (compliant.length >= 2) {
    const pts = [...set.pricePoints.values()].map((p) => p.points);
    const hi = pts.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
    const lo = pts.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
    spread = ` Here the price points span ${formatPercentOneDecimal(sub(hi, lo), ratio(scale.maxPoints))} % of the price scale.`;
  }
  return {
    code: "scale-length-mismatch",
    message: `Price and quality scales differ in length (Telgen): quality runs from 0 to its maximum, but ${scale.formula} gives the worst price ${scale.formula === "log" ? "0 points only at A × Pmin" : "more than 0 points"}, so price weighs less than its published weight.${spread}`,
  };
}

function abnormallyLow(model: AwardModel, compliant: readonly BidEval[]): Warning[] {
  const belowMean = model.abnormallyLow?.belowMeanPercent ?? DEFAULT_ABNORMALLY_LOW.belowMeanPercent;
  const belowNext = model.abnormallyLow?.belowNextPercent ?? DEFAULT_ABNORMALLY_LOW.belowNextPercent;
  const warnings: Warning[] = [];
  if (compliant.length < 2) return warnings;
  // One pass over the prices: the others' sum is the total minus the bid's own price (exact, in
  // bigint cents), and the next bid up is found in the sorted prices.
  const total = compliant.reduce((acc, o) => acc + BigInt(o.priceCents), 0n);
  const sorted = compliant.map((o) => o.priceCents).sort((a, b) => a - b);
  const othersCount = BigInt(compliant.length - 1);
  // The thresholds as the share of the reference price a bid may be at: (100 − x) / 100.
  const atMostOfMean = div(sub(100, ratio(belowMean)), 100);
  const atMostOfNext = div(sub(100, ratio(belowNext)), 100);
  for (const e of compliant) {
    const mean = make(total - BigInt(e.priceCents), othersCount);
    const reasons: string[] = [];
    // P ≤ mean × (100 − x) / 100
    if (cmp(e.priceCents, mul(mean, atMostOfMean)) <= 0 && cmp(mean, 0) > 0) {
      reasons.push(
        `${formatPercentOneDecimal(sub(mean, e.priceCents), mean)} % below the mean of the other compliant bids (${formatEuros(Number(roundHalfAwayFromZero(mean)))}; threshold ${format(belowMean)} %)`,
      );
    }
    const next = nextUp(sorted, e.priceCents);
    if (next !== null && next > 0 && cmp(e.priceCents, mul(next, atMostOfNext)) <= 0) {
      reasons.push(
        `${formatPercentOneDecimal(next - e.priceCents, next)} % below the next bid (${formatEuros(next)}; threshold ${format(belowNext)} %)`,
      );
    }
    if (reasons.length > 0) {
      warnings.push({
        code: "abnormally-low",
        bidId: e.bid.id,
        message: `Bid ${e.bid.id} (${formatEuros(e.priceCents)}) may be abnormally low: ${reasons.join("; ")}. Ask the bidder to explain the price (Directive 2014/24/EU art. 69); this is no ground for automatic rejection.`,
      });
    }
  }
  return warnings;
}

/**
 * The next bid up from a bid priced `price`: the lowest of the other prices at or above it — an equal
 * price when another bid has one, else the next higher; null when there is none. `sorted` holds every
 * compliant price, the bid's own included.
 */
function nextUp(sorted: readonly number[], price: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= price) lo = mid + 1;
    else hi = mid;
  }
  // sorted[lo - 1] is the last price equal to the bid's own; an equal one before it is another bid's.
  if (lo >= 2 && sorted[lo - 2] === price) return price;
  return lo < sorted.length ? sorted[lo]! : null;
}
