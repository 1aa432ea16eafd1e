import { RuleViolation } from "../errors.js";

/**
 * Caps on one scoring run — a simulation, or a tender's bids and criteria. They bound the size of its
 * answer, which Lambda cannot return above 6 MB (every bid's breakdown explains every criterion), and
 * its CPU time (the engine grows near-linearly: bench/engine.ts). One place: the wire schemas, the
 * bid submission and the engine all read them; a request above a cap is refused with 422
 * `too-many-bids` / `too-many-criteria`.
 */
export const MAX_BIDS = 200;
export const MAX_CRITERIA = 50;
/**
 * Quality criteria over all lots of a tender: every lot's award model is in the tender's item, and a
 * criterion at its longest is about 1.1 KB of it (lib/domain/lots.ts, MAX_LOTS). One lot keeps MAX_CRITERIA.
 */
export const MAX_CRITERIA_PER_TENDER = 60;

/** Rank reversals listed per removal in `robustness.bidRemoval.effects` (the count is always complete). */
export const MAX_REVERSALS_LISTED = 10;

/** The first places a removal's effect shows (`robustness.bidRemoval.effects[].top`). */
export const TOP_PLACES = 3;

/** A simulation's answer stays below this, leaving room under Lambda's 6 MB for headers and encoding. */
export const MAX_RESULT_BYTES = 5_000_000;

export const tooManyBids = (path: string, count?: number) =>
  new RuleViolation(
    "too-many-bids",
    `At most ${MAX_BIDS} bids are scored in one run (a tender takes bids from at most ${MAX_BIDS} suppliers)${count === undefined ? "" : `; this one has ${count}`}.`,
    [{ path, message: `at most ${MAX_BIDS} bids` }],
  );

export const tooManyCriteria = (path: string, count?: number) =>
  new RuleViolation(
    "too-many-criteria",
    `An award model has at most ${MAX_CRITERIA} quality criteria${count === undefined ? "" : `; this one has ${count}`}.`,
    [{ path, message: `at most ${MAX_CRITERIA} criteria` }],
  );

/** The caps as the engine checks them (paths as the engine's: "bids", "awardModel.criteria"). */
export function checkScoringCaps(bids: number, criteria: number): void {
  if (criteria > MAX_CRITERIA) throw tooManyCriteria("awardModel.criteria", criteria);
  if (bids > MAX_BIDS) throw tooManyBids("bids", bids);
}
