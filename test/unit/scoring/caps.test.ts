import { describe, expect, it } from "vitest";
import { RuleViolation } from "../../../lib/domain/errors.js";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import { MAX_BIDS, MAX_CRITERIA, MAX_RESULT_BYTES } from "../../../lib/domain/scoring/limits.js";
import { largestRun as largest, tables } from "./fixtures.js";

/**
 * The caps of one scoring run (lib/domain/scoring/limits.ts): the engine refuses more bids or criteria,
 * and the largest run it takes answers under the 5 MB an answer may have, with room to spare.
 */

function refusal(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error("expected a RuleViolation");
}

describe("scoring caps", () => {
  it(`scores ${MAX_BIDS} bids × ${MAX_CRITERIA} criteria with every correction in under 90 % of the 5 MB`, () => {
    const result = scoreBids(largest(), tables);
    expect(result.ranking).toHaveLength(MAX_BIDS);
    expect(result.ranking.filter((r) => r.compliant)).toHaveLength(180);
    expect(result.ranking[0]!.breakdown.corrections.map((c) => c.kind)).toEqual(
      expect.arrayContaining(["mki", "true-price", "lcc"]),
    );
    expect(result.robustness.bidRemoval!.removalsChecked).toBe(180);
    // 4.17 MB: 10,000 quality lines (3.0 MB) and 200 × 10 correction lines (0.9 MB) make most of it;
    // leave-one-out is 10 kB (one entry per compliant bid before 3.0.0). A tenth of the limit stays free.
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(MAX_RESULT_BYTES * 0.9);
  });

  it(`refuses ${MAX_BIDS + 1} bids and ${MAX_CRITERIA + 1} criteria (422 too-many-bids, too-many-criteria)`, () => {
    const bids = refusal(() => scoreBids(largest(MAX_BIDS + 1, 1), tables));
    expect(bids.code).toBe("too-many-bids");
    expect(bids.errors).toEqual([{ path: "bids", message: `at most ${MAX_BIDS} bids` }]);
    const criteria = refusal(() => scoreBids(largest(2, MAX_CRITERIA + 1), tables));
    expect(criteria.code).toBe("too-many-criteria");
    expect(criteria.errors).toEqual([
      { path: "awardModel.criteria", message: `at most ${MAX_CRITERIA} criteria` },
    ]);
  });
});
