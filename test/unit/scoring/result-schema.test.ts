import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput, RuleViolation } from "../../../lib/domain/errors.js";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import type { AwardModel, Bid, ScoringResult, SocialReturnRule } from "../../../lib/domain/scoring/types.js";
import { scoringResultResponse } from "../../../lib/schemas/responses/scoring-result.js";
import { eur, tables } from "./fixtures.js";

/**
 * The engine's result is the body of a simulation and of a tender's evaluation: whatever it computes
 * fits the strict wire schema, for every method, correction, social-return mode and robustness part.
 */

const catalogue = { id: "oost-nederland" };

const socialReturnArb = (method: AwardModel["method"]): fc.Arbitrary<SocialReturnRule | undefined> =>
  fc.constantFrom("none", "minimum", "points", "euro-credit").map((mode) => {
    if (mode === "minimum") return { mode, catalogue, percentOfPrice: 2 };
    if (mode === "points" && method === "weighted-points")
      return { mode, catalogue, fullPointsAtPercent: 10, maxPoints: 20 };
    if (mode === "euro-credit" && method === "award-on-value") return { mode, catalogue, creditFactor: 0.5 };
    return undefined;
  });

const modelArb: fc.Arbitrary<AwardModel> = fc
  .record({
    method: fc.constantFrom<AwardModel["method"][]>(
      "weighted-points",
      "award-on-value",
      "lowest-price",
      "lowest-cost",
    ),
    formula: fc.constantFrom("relative-lowest", "absolute-linear", "relative-linear", "log"),
    criteria: fc.integer({ min: 0, max: 2 }),
    malus: fc.boolean(),
    tieBreakers: fc.subarray(["higher-quality", "lower-price", "earlier-submission"] as const),
  })
  .chain((m) =>
    socialReturnArb(m.method).map((socialReturn): AwardModel => {
      const priced = m.method === "weighted-points";
      const criteria = Array.from({ length: m.criteria }, (_, i) => ({
        id: `c${i}`,
        name: `Criterion ${i}`,
        scale: m.malus && i === 0 ? { min: -10, max: 10, zeroAt: 0 } : { min: 0, max: 10 },
        ...(priced ? { maxPoints: 30 } : {}),
        ...(m.method === "award-on-value" ? { maxValue: eur(5_000) } : {}),
        ...(i === 1 ? { minimumScore: 3 } : {}),
      }));
      return {
        method: m.method,
        ...(priced
          ? {
              price: {
                formula: m.formula,
                maxPoints: 40,
                ...(m.formula === "absolute-linear" ? { bounds: { min: eur(0), max: eur(200_000) } } : {}),
                ...(m.formula === "log" ? { logBase: 2 } : {}),
              },
            }
          : {}),
        criteria,
        corrections:
          m.method === "lowest-price"
            ? {}
            : {
                mki: { valuationFactor: 1.5 },
                lcc: true,
                truePrice: { factorSetId: "true-price-monetisation" },
                ...(m.method === "lowest-cost" ? {} : { certificate: { tableId: "co2-ladder-prorail" } }),
              },
        ...(socialReturn ? { socialReturn } : {}),
        tieBreakers: [...m.tieBreakers],
      };
    }),
  );

const bidsArb = (model: AwardModel): fc.Arbitrary<Bid[]> =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.constantFrom("a", "b", "c", "d", "e"),
        // Few distinct prices, so ties and abnormally low bids come up.
        price: fc.constantFrom(20_000, 50_000, 50_000, 90_000, 100_000),
        score: fc.integer({ min: 0, max: 10 }),
        level: fc.integer({ min: 0, max: 5 }),
        months: fc.integer({ min: 0, max: 24 }),
      }),
      { minLength: 0, maxLength: 5, selector: (b) => b.id },
    )
    .map((list) =>
      list.map((b) => ({
        id: b.id,
        price: eur(b.price),
        submittedAt: "2026-03-01T10:00:00Z",
        qualityScores: Object.fromEntries((model.criteria ?? []).map((c) => [c.id, b.score])),
        certificates: { "co2-ladder": b.level },
        mki: eur(1_000),
        externalities: [{ factorId: "climate", quantity: 1_000 }],
        lcc: [{ label: "maintenance", amount: eur(2_500.5) }],
        socialReturnOffer: b.months > 0 ? [{ blockId: "pwet-gt-2y", fte: 1, months: b.months }] : [],
      })),
    );

/** The engine's answer, or undefined when it refuses the input (a 400 or 422, not a body). */
function run(awardModel: AwardModel, bids: Bid[]): ScoringResult | undefined {
  try {
    return scoreBids({ awardModel, bids }, tables);
  } catch (error) {
    if (error instanceof InvalidInput || error instanceof RuleViolation) return undefined;
    throw error;
  }
}

const issuesOf = (result: ScoringResult) => {
  const parsed = scoringResultResponse.safeParse(result);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the scoring result's wire schema", () => {
  it("fits every result the engine gives", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        modelArb.chain((model) => bidsArb(model).map((bids) => ({ model, bids }))),
        ({ model, bids }) => {
          const result = run(model, bids);
          fc.pre(result !== undefined);
          expect(issuesOf(result!)).toEqual([]);
          for (const w of result!.warnings) seen.add(w.code);
          for (const r of result!.ranking) {
            for (const f of r.flags) seen.add(`flag:${f}`);
            for (const c of r.breakdown.corrections) seen.add(`correction:${c.kind}`);
            for (const d of r.breakdown.valueDeductions) seen.add(`deduction:${d.kind}`);
            if (r.breakdown.socialReturn) seen.add(`socialReturn:${r.breakdown.socialReturn.mode}`);
          }
          const { bidRemoval, weightSensitivity, valueSensitivity } = result!.robustness;
          if (bidRemoval) seen.add("bidRemoval");
          if (weightSensitivity) seen.add("weightSensitivity");
          if (valueSensitivity) seen.add("valueSensitivity");
        },
      ),
      { numRuns: 400 },
    );
    // The generated inputs reach every optional part of the result, so the schema was checked on each.
    expect([...seen].sort()).toEqual(
      [
        "abnormally-low",
        "bidRemoval",
        "correction:certificate-discount",
        "correction:lcc",
        "correction:mki",
        "correction:true-price",
        "deduction:quality-value",
        "deduction:social-return-credit",
        "drawing-of-lots-needed",
        "flag:abnormally-low",
        "flag:drawing-of-lots",
        "no-compliant-bid",
        "relative-price-formula",
        "scale-length-mismatch",
        "socialReturn:euro-credit",
        "socialReturn:minimum",
        "socialReturn:points",
        "valueSensitivity",
        "weightSensitivity",
      ].sort(),
    );
  });

  it("refuses a result that drifts from it: an unknown field, a flag or warning it does not know", () => {
    const result = run({ method: "lowest-price" }, [
      { id: "a", price: eur(100) },
      { id: "b", price: eur(200) },
    ])!;
    expect(issuesOf(result)).toEqual([]);
    const first = result.ranking[0]!;
    expect(issuesOf({ ...result, extra: 1 } as ScoringResult)).not.toEqual([]);
    expect(
      issuesOf({ ...result, ranking: [{ ...first, flags: ["cheap"] }] } as unknown as ScoringResult),
    ).toEqual(['ranking.0.flags.0: Invalid option: expected one of "abnormally-low"|"drawing-of-lots"']);
    expect(
      issuesOf({ ...result, warnings: [{ code: "other", message: "x" }] } as unknown as ScoringResult),
    ).not.toEqual([]);
  });
});
