import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import type {
  AwardModel,
  Bid,
  Criterion,
  PriceFormula,
  ScoringResult,
  TieBreaker,
} from "../../../lib/domain/scoring/types.js";
import { TIE_BREAKERS } from "../../../lib/domain/scoring/types.js";
import { eur, tables } from "./fixtures.js";
import { naiveRemoval } from "./naive-removal.js";
import { naiveWeightSensitivity } from "./naive-sensitivity.js";

/** Invariants of the engine (monotonicity, bounds, determinism, order independence). */

const cents = (c: number) => eur(c / 100);

const criteriaArb: fc.Arbitrary<Criterion[]> = fc
  .array(
    fc.record({
      max: fc.integer({ min: 1, max: 10 }),
      maxPoints: fc.integer({ min: 0, max: 60 }),
      minimumScore: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    }),
    { maxLength: 3 },
  )
  .map((list) =>
    list.map((c, i) => ({
      id: `c${i}`,
      name: `Criterion ${i}`,
      scale: { min: 0, max: c.max },
      maxPoints: c.maxPoints,
      ...(c.minimumScore !== undefined && c.minimumScore <= c.max ? { minimumScore: c.minimumScore } : {}),
    })),
  );

const relativeArb = fc.constantFrom<PriceFormula>("relative-lowest", "relative-linear", "log");
const formulaArb = fc.constantFrom<PriceFormula>(
  "relative-lowest",
  "absolute-linear",
  "relative-linear",
  "log",
);

const modelArb = (
  methods: AwardModel["method"][] = ["weighted-points", "award-on-value", "lowest-price", "lowest-cost"],
  formulas: fc.Arbitrary<PriceFormula> = formulaArb,
): fc.Arbitrary<AwardModel> =>
  fc
    .record({
      method: fc.constantFrom(...methods),
      formula: formulas,
      maxPoints: fc.integer({ min: 1, max: 100 }),
      criteria: criteriaArb,
      certificate: fc.boolean(),
      truePrice: fc.boolean(),
    })
    .map((m): AwardModel => {
      const base: AwardModel = { method: m.method as AwardModel["method"], tieBreakers: [] };
      const corrections: AwardModel["corrections"] = {};
      if (m.truePrice && m.method !== "lowest-price")
        corrections.truePrice = { factorSetId: "true-price-monetisation" };
      if (m.certificate && (m.method === "weighted-points" || m.method === "award-on-value")) {
        corrections.certificate = { tableId: "co2-ladder-prorail" };
      }
      base.corrections = corrections;
      if (m.method === "weighted-points") {
        base.price = {
          formula: m.formula,
          maxPoints: m.maxPoints,
          ...(m.formula === "absolute-linear" ? { bounds: { min: cents(0), max: cents(20_000_000) } } : {}),
          ...(m.formula === "log" ? { logBase: 2 } : {}),
        };
        base.criteria = m.criteria;
      } else if (m.method === "award-on-value") {
        base.criteria = m.criteria.map(({ maxPoints, ...c }) => ({
          ...c,
          maxValue: cents((maxPoints ?? 0) * 100_000),
        }));
      } else {
        base.criteria = m.criteria.map(({ maxPoints: _m, ...c }) => c);
      }
      return base;
    });

const bidsArb = (model: AwardModel): fc.Arbitrary<Bid[]> =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z]{1,4}$/),
        priceCents: fc.integer({ min: 100, max: 10_000_000 }),
        level: fc.integer({ min: 0, max: 5 }),
        climateKg: fc.integer({ min: 0, max: 5000 }),
        scores: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 6, selector: (b) => b.id },
    )
    .map((list) =>
      list.map((b) => ({
        id: b.id,
        price: cents(b.priceCents),
        certificates: { "co2-ladder": b.level },
        externalities: [{ factorId: "climate", quantity: b.climateKg }],
        qualityScores: Object.fromEntries(
          (model.criteria ?? []).map((c, i) => [c.id, Math.min(b.scores[i]!, c.scale.max)]),
        ),
      })),
    );

const caseArbOf = (model: fc.Arbitrary<AwardModel>) =>
  model.chain((m) => bidsArb(m).map((bids) => ({ model: m, bids })));
const caseArb = caseArbOf(modelArb());
const absoluteCaseArb = caseArbOf(modelArb(["weighted-points"], fc.constant("absolute-linear")));

const run = (model: AwardModel, bids: Bid[]): ScoringResult => scoreBids({ awardModel: model, bids }, tables);
const rankOf = (result: ScoringResult, id: string) =>
  result.ranking.find((r) => r.bidId === id)!.rank ?? Number.POSITIVE_INFINITY;
const withoutDigest = (result: ScoringResult) => JSON.stringify({ ...result, inputDigest: "" });

describe("scoring engine properties", () => {
  it("a lower price never ranks a bid lower, all else equal", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.integer({ min: 1, max: 99 }), ({ model, bids }, pick, percentOff) => {
        const k = pick % bids.length;
        const target = bids[k]!;
        const lowerCents = Math.max(1, Math.floor((target.price.amount * 100 * (100 - percentOff)) / 100));
        const lowered = bids.map((b, i) => (i === k ? { ...b, price: cents(lowerCents) } : b));
        expect(rankOf(run(model, lowered), target.id)).toBeLessThanOrEqual(
          rankOf(run(model, bids), target.id),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("shuffling the bids changes nothing, byte for byte", () => {
    fc.assert(
      fc.property(
        caseArb.chain(({ model, bids }) =>
          fc.shuffledSubarray(bids, { minLength: bids.length, maxLength: bids.length }).map((shuffled) => ({
            model,
            bids,
            shuffled,
          })),
        ),
        ({ model, bids, shuffled }) => {
          expect(JSON.stringify(run(model, shuffled))).toBe(JSON.stringify(run(model, bids)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("absolute formulas ignore the other bids", () => {
    fc.assert(
      fc.property(absoluteCaseArb, ({ model, bids }) => {
        const alone = run(model, [bids[0]!]).ranking[0]!;
        const together = run(model, bids).ranking.find((r) => r.bidId === bids[0]!.id)!;
        expect(together.totalScore).toBe(alone.totalScore);
        expect(together.breakdown).toEqual(alone.breakdown);
      }),
      { numRuns: 200 },
    );
  });

  it("zero quantities change nothing", () => {
    fc.assert(
      fc.property(caseArb, ({ model, bids }) => {
        const zeros = bids.map((b) => ({
          ...b,
          externalities: [
            ...(b.externalities ?? []),
            { factorId: "pm25", quantity: 0 },
            { factorId: "daly", quantity: 0 },
          ],
          lcc: [],
        }));
        expect(withoutDigest(run(model, zeros))).toBe(withoutDigest(run(model, bids)));
      }),
      { numRuns: 200 },
    );
  });

  it("scores stay within their bounds", () => {
    fc.assert(
      fc.property(caseArb, ({ model, bids }) => {
        const result = run(model, bids);
        for (const r of result.ranking) {
          const b = r.breakdown;
          if (b.pricePoints) {
            expect(b.pricePoints.points).toBeGreaterThanOrEqual(0);
            expect(b.pricePoints.points).toBeLessThanOrEqual(b.pricePoints.maxPoints);
          }
          for (const q of b.quality) {
            if (q.points !== null) {
              expect(q.points).toBeGreaterThanOrEqual(0);
              expect(q.points).toBeLessThanOrEqual(q.maxPoints!);
            }
            if (q.value !== null) {
              expect(q.value.amount).toBeGreaterThanOrEqual(0);
              expect(q.value.amount).toBeLessThanOrEqual(q.maxValue!.amount);
            }
          }
          if (r.totalScore !== null) {
            const max =
              model.price!.maxPoints + (model.criteria ?? []).reduce((a, c) => a + (c.maxPoints ?? 0), 0);
            expect(r.totalScore).toBeGreaterThanOrEqual(0);
            expect(r.totalScore).toBeLessThanOrEqual(max);
          }
          // Money stays in whole cents.
          expect(b.correctedPrice.amount * 100).toBeCloseTo(Math.round(b.correctedPrice.amount * 100), 6);
        }
        // Ranks are 1-based, non-decreasing and dense in positions (shared ranks skip).
        const ranks = result.ranking.filter((r) => r.rank !== null).map((r) => r.rank!);
        ranks.forEach((rank, i) => {
          expect(rank).toBeLessThanOrEqual(i + 1);
          if (i > 0) expect(rank).toBeGreaterThanOrEqual(ranks[i - 1]!);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("weight sensitivity finds what trying every other bid on every dimension finds", () => {
    // Few prices and scores, so equal shares and equal crossings are common.
    const alikeArb = caseArbOf(modelArb(["weighted-points"])).map(({ model, bids }) => ({
      model,
      bids: bids.map((b, i) => ({ ...b, price: eur([100, 150, 200][i % 3]!) })),
    }));
    fc.assert(
      fc.property(fc.oneof(caseArbOf(modelArb(["weighted-points"])), alikeArb), ({ model, bids }) => {
        let result: ScoringResult;
        try {
          result = run(model, bids);
        } catch {
          return; // a refused input has no robustness section
        }
        expect(result.robustness.weightSensitivity).toEqual(
          naiveWeightSensitivity({ awardModel: model, bids }, tables),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("leave-one-out finds exactly what removing each bid and ranking again finds", () => {
    // Few prices, scores and submission days, so equal totals, tie-breakers and missing keys are common.
    const tieProneArb = fc
      .record({
        formula: fc.constantFrom<PriceFormula>("relative-lowest", "relative-linear", "log"),
        maxPoints: fc.integer({ min: 10, max: 60 }),
        criteria: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 2 }),
        // Earlier submission is the breaker a missing submission time blocks.
        breakers: fc.oneof(
          fc.constant<TieBreaker[]>(["earlier-submission", "lower-price"]),
          fc.shuffledSubarray([...TIE_BREAKERS]),
        ),
        bids: fc.uniqueArray(
          fc.record({
            id: fc.stringMatching(/^[a-f]{1,2}$/),
            euros: fc.constantFrom(100, 150, 200),
            mki: fc.constantFrom(0, 50),
            day: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 4 }),
            scores: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 2, maxLength: 2 }),
          }),
          { minLength: 1, maxLength: 9, selector: (b) => b.id },
        ),
      })
      .map(({ formula, maxPoints, criteria, breakers, bids }) => ({
        model: {
          method: "weighted-points",
          price: { formula, maxPoints, ...(formula === "log" ? { logBase: 2 } : {}) },
          criteria: criteria.map((points, i) => ({
            id: `c${i}`,
            name: `Criterion ${i}`,
            scale: { min: 0, max: 1 },
            maxPoints: points,
          })),
          corrections: { mki: { valuationFactor: 1 } },
          tieBreakers: breakers,
        } satisfies AwardModel,
        bids: bids.map(
          (b): Bid => ({
            id: b.id,
            price: eur(b.euros),
            mki: eur(b.mki),
            qualityScores: Object.fromEntries(criteria.map((_, i) => [`c${i}`, b.scores[i]!])),
            ...(b.day === undefined ? {} : { submittedAt: `2026-05-0${b.day}T12:00:00Z` }),
          }),
        ),
      }));
    fc.assert(
      fc.property(
        fc.oneof(tieProneArb, caseArbOf(modelArb(["weighted-points"], relativeArb))),
        ({ model, bids }) => {
          let result: ScoringResult;
          try {
            result = run(model, bids);
          } catch {
            return; // a refused input (e.g. a corrected price ≤ 0) has no robustness section
          }
          expect(result.robustness.bidRemoval).toEqual(naiveRemoval({ awardModel: model, bids }, tables));
        },
      ),
      { numRuns: 400 },
    );
  });
});
