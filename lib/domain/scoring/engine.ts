import { canonicalJson, sha256 } from "../digest.js";
import { type FieldError, InvalidInput, RuleViolation } from "../errors.js";
import { formatEuros } from "../money.js";
import { type BidEval, evaluateBid, prepareRun, priceScaleOf, rankedBid, scoreSet } from "./evaluate.js";
import { isRelative, type PriceScale } from "./formulas.js";
import { checkScoringCaps } from "./limits.js";
import { type Ranked, rank } from "./ranking.js";
import { type ReferenceTables, type ResolvedModel, resolveAwardModel } from "./resolve.js";
import { robustnessOf } from "./robustness.js";
import type { Bid, BidFlag, ScoringInput, ScoringResult, Warning } from "./types.js";
import { scoringWarnings } from "./warnings.js";

export { type ReferenceTables, type ResolvedModel, resolveAwardModel } from "./resolve.js";
export { DEFAULT_ABNORMALLY_LOW } from "./warnings.js";

/**
 * Bumped whenever a rule, a rounding or the output shape changes; stored with every result.
 * 2.0.0: leave-one-out (robustness.bidRemoval) gives the reversals found, no longer whole rankings.
 * 3.0.0: leave-one-out is a summary — only the removals that change the order of the others, with
 * the winner, the first places and the margins — no longer an entry per compliant bid; it also finds
 * the reversals a tie-breaker causes once the one bid without its key is gone.
 * 4.0.0: true-price factors are environmental or social: social ones count only under a price-quality
 * model with `socialCosts: true`, never under lowest-cost; an exclusion ground (child labour, forced
 * labour) is never a cost but makes the bid not compliant; each true-price line names its `externality`.
 */
export const ENGINE_VERSION = "impact-scoring/4.0.0";

/**
 * The output fields each version changed, oldest first (a path through a list names a field of each
 * element). A result stored by an earlier version is verified by the current engine on every other
 * field (lib/tenders/evaluation.ts); a rule change that keeps the shape changes no field, and shows as a
 * difference where it changes the figures.
 */
export const ENGINE_CHANGES: readonly { version: string; changed: string[] }[] = [
  { version: "impact-scoring/1.0.0", changed: [] },
  { version: "impact-scoring/2.0.0", changed: ["robustness.bidRemoval"] },
  { version: "impact-scoring/3.0.0", changed: ["robustness.bidRemoval"] },
  { version: ENGINE_VERSION, changed: ["ranking.breakdown.corrections.externality"] },
];

/**
 * The fields the current engine changed since `version`, or null when `version` is not an earlier
 * version this engine knows (nothing can be said about what it shares).
 */
export function changedSince(version: string): string[] | null {
  const at = ENGINE_CHANGES.findIndex((v) => v.version === version);
  if (at < 0) return null;
  return [...new Set(ENGINE_CHANGES.slice(at + 1).flatMap((v) => v.changed))].sort();
}

/**
 * Scores bids under an award model: price corrections, price and quality points or values,
 * ranking with tie-breakers, warnings and robustness. Pure: the same input and tables give the
 * same output, byte for byte, whatever the order of the bids.
 * Throws InvalidInput (400) for a malformed model or bid, RuleViolation (422) when a rule refuses
 * the input (more bids or criteria than the caps in limits.ts, a corrected price ≤ 0 under a
 * relative formula).
 */
export function scoreBids(input: ScoringInput, tables: ReferenceTables): ScoringResult {
  checkScoringCaps(input.bids.length, input.awardModel.criteria?.length ?? 0);
  return scoreWithoutCaps(input, tables);
}

/**
 * The same scoring without the caps on bids and criteria: for the benchmark (bench/engine.ts), which
 * measures how the engine grows far beyond what a request may send. Requests go through scoreBids.
 */
export function scoreWithoutCaps(input: ScoringInput, tables: ReferenceTables): ScoringResult {
  const resolved = resolveAwardModel(input.awardModel, tables);
  const model = resolved.model;
  const indexOf = indexBids(input.bids);
  // Bids in id order, so the result does not depend on the order they came in.
  const bids = [...input.bids].sort((a, b) => (a.id < b.id ? -1 : 1));
  const all = evaluateAll(resolved, bids, indexOf);
  const compliant = all.filter((e) => e.reasons.length === 0);
  const excluded = all.filter((e) => e.reasons.length > 0);

  const scale = priceScaleOf(model);
  refuseNonPositivePrices(scale, compliant, indexOf);
  const set = scoreSet(model, scale, compliant);
  const ranked = rank(set.items, model.tieBreakers ?? []);
  const warnings = scoringWarnings(model, scale, all, compliant, set, ranked);
  const flagsOf = bidFlags(warnings, ranked);
  const evalById = new Map(all.map((e) => [e.bid.id, e]));

  return {
    engineVersion: ENGINE_VERSION,
    inputDigest: sha256(canonicalJson({ awardModel: model, bids })),
    method: model.method,
    tables: resolved.tables,
    ranking: [
      ...ranked.order.map((o) => rankedBid(model, set, evalById.get(o.bidId)!, o.rank, flagsOf(o.bidId))),
      ...excluded.map((e) => rankedBid(model, set, e, null, flagsOf(e.bid.id))),
    ],
    ties: ranked.ties,
    warnings,
    robustness: robustnessOf(model, scale, compliant, set, ranked),
  };
}

/** Each bid's position in the input (for error paths); a bid id given twice is refused. */
function indexBids(bids: readonly Bid[]): Map<string, number> {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  bids.forEach((bid, i) => {
    if (seen.has(bid.id)) errors.push({ path: `bids.${i}.id`, message: `duplicate bid id "${bid.id}"` });
    seen.set(bid.id, i);
  });
  if (errors.length > 0) throw new InvalidInput(errors);
  return seen;
}

/** Every bid's own figures; all malformed bids are refused at once, with their input paths. */
function evaluateAll(resolved: ResolvedModel, bids: readonly Bid[], indexOf: Map<string, number>): BidEval[] {
  const errors: FieldError[] = [];
  const run = prepareRun(resolved);
  const evals = bids.map((bid) => evaluateBid(run, bid, `bids.${indexOf.get(bid.id)}`, errors));
  if (errors.length > 0) throw new InvalidInput(errors);
  return evals as BidEval[];
}

/** A relative formula divides by (or takes the logarithm of) the corrected price: it must be above zero. */
function refuseNonPositivePrices(
  scale: PriceScale | null,
  compliant: readonly BidEval[],
  indexOf: Map<string, number>,
): void {
  if (!scale || !isRelative(scale.formula)) return;
  const bad = compliant.filter((e) => e.corrected.correctedCents <= 0);
  if (bad.length === 0) return;
  throw new RuleViolation(
    "corrected-price-not-positive",
    `The ${scale.formula} formula divides by or takes the logarithm of the corrected price, which must be above zero.`,
    bad.map((e) => ({
      path: `bids.${indexOf.get(e.bid.id)}.price`,
      message: `corrected price ${formatEuros(e.corrected.correctedCents)} is not above zero`,
    })),
  );
}

/** A bid's flags: abnormally low (a warning names it), in a tie only a drawing of lots settles. */
function bidFlags(warnings: readonly Warning[], ranked: Ranked): (bidId: string) => BidFlag[] {
  const low = new Set(warnings.filter((w) => w.code === "abnormally-low").map((w) => w.bidId!));
  const lots = new Set(ranked.ties.filter((t) => t.drawingOfLotsNeeded).flatMap((t) => t.bidIds));
  return (bidId) => [
    ...(low.has(bidId) ? (["abnormally-low"] as const) : []),
    ...(lots.has(bidId) ? (["drawing-of-lots"] as const) : []),
  ];
}
