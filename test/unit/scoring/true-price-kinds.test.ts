import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import type { FactorSet } from "../../../lib/domain/scoring/tables.js";
import type { AwardModel, Bid, Corrections, ScoringResult } from "../../../lib/domain/scoring/types.js";
import { bid, eur, tables } from "./fixtures.js";

/**
 * True-price factors are environmental or social, and some are exclusion grounds (lib/domain/scoring/
 * README.md, True price: environmental and social costs, exclusion grounds): the worked examples there.
 */

type TruePrice = NonNullable<Corrections["truePrice"]>;
const truePrice = (extra: Partial<TruePrice> = {}): Corrections => ({
  truePrice: { factorSetId: "true-price-monetisation", ...extra },
});
const lowestCost = (extra: Partial<TruePrice> = {}): AwardModel => ({
  method: "lowest-cost",
  corrections: truePrice(extra),
});
const points = (extra: Partial<TruePrice> = {}): AwardModel => ({
  method: "weighted-points",
  price: { formula: "relative-lowest", maxPoints: 100 },
  corrections: truePrice(extra),
});

/** The InvalidInput a model is refused with, or a failure when it is scored. */
function refusal(model: AwardModel, bids: Bid[] = [bid("A", 100)]): InvalidInput {
  try {
    scoreBids({ awardModel: model, bids }, tables);
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error("the model was accepted");
}

const climate = (kg: number) => ({ factorId: "climate", quantity: kg });
const wageGap = (euros: number) => ({ factorId: "underpayment-below-living-wage", quantity: euros });
const childLabour = (hours: number) => ({ factorId: "child-labour-hazardous", quantity: hours });
const corrections = (result: ScoringResult, id: string) =>
  result.ranking
    .find((r) => r.bidId === id)!
    .breakdown.corrections.map((c) => [c.label, c.amount.amount, c.externality]);

describe("lowest-cost counts environmental costs only (Directive 2014/24/EU art. 68)", () => {
  it("refuses a social category named in truePrice.categories, at its path", () => {
    const error = refusal(lowestCost({ categories: ["environmental", "social"] }));
    expect(error.errors).toEqual([
      {
        path: "awardModel.corrections.truePrice.categories.1",
        message: expect.stringMatching(
          /social category .*life-cycle costing under Directive 2014\/24\/EU art\. 68 covers environmental externalities only/,
        ),
      },
    ]);
  });

  it("refuses socialCosts: true", () => {
    expect(refusal(lowestCost({ socialCosts: true })).errors).toEqual([
      {
        path: "awardModel.corrections.truePrice.socialCosts",
        message: expect.stringMatching(/art\. 68 covers environmental externalities only/),
      },
    ]);
  });

  it("skips a declared wage gap: EUR 100,000 + 1,000 kg CO2e → EUR 100,312", () => {
    const result = scoreBids(
      {
        awardModel: lowestCost(),
        bids: [bid("A", 100_000, { externalities: [climate(1000), wageGap(10_000)] })],
      },
      tables,
    );
    expect(corrections(result, "A")).toEqual([["True price: climate", 312, "environmental"]]);
    expect(result.ranking[0]!.evaluatedPrice).toEqual(eur(100_312));
  });

  it("reads a set stored before factors had a kind by its categories: health is environmental", () => {
    const result = scoreBids(
      {
        awardModel: lowestCost({ version: "4.0.2", categories: ["environmental", "health"] }),
        bids: [bid("A", 1000, { externalities: [{ factorId: "pm25", quantity: 2 }, wageGap(100)] })],
      },
      tables,
    );
    // 2 kg × EUR 81.3 = 162.60; the wage gap (social) counts under no lowest-cost model.
    expect(corrections(result, "A")).toEqual([["True price: pm25", 162.6, "environmental"]]);
    expect(refusal(lowestCost({ version: "4.0.2", categories: ["social"] })).errors[0]!.path).toBe(
      "awardModel.corrections.truePrice.categories.0",
    );
  });

  it("counts a category no mapping knows, without a kind, as social", () => {
    const own: FactorSet = {
      id: "own-set",
      version: "1",
      source: "a buyer's set",
      factors: [{ id: "noise", category: "nuisance", unit: "dB", eurPerUnit: 1 }],
    };
    const withOwn = { ...tables, factorSets: [own] };
    const model: AwardModel = {
      method: "lowest-cost",
      corrections: { truePrice: { factorSetId: "own-set", categories: ["nuisance"] } },
    };
    expect(() => scoreBids({ awardModel: model, bids: [bid("A", 1)] }, withOwn)).toThrow(InvalidInput);
  });
});

describe("weighted-points and award-on-value count social costs only with socialCosts: true", () => {
  // A EUR 100,000 (1,000 kg CO2e, a EUR 10,000 gap below the living wage), B EUR 105,000 (1,000 kg).
  const bids = [
    bid("A", 100_000, { externalities: [climate(1000), wageGap(10_000)] }),
    bid("B", 105_000, { externalities: [climate(1000)] }),
  ];

  it("without socialCosts: A 100,312 wins with 100 points, B 105,312 scores 95.2522", () => {
    const result = scoreBids({ awardModel: points(), bids }, tables);
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.totalScore])).toEqual([
      ["A", 1, 100],
      ["B", 2, 95.2522],
    ]);
    expect(corrections(result, "A")).toEqual([["True price: climate", 312, "environmental"]]);
  });

  it("with socialCosts: the gap costs 10,000 × EUR 1.03 = 10,300, labelled social, and B wins", () => {
    const result = scoreBids({ awardModel: points({ socialCosts: true }), bids }, tables);
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.totalScore])).toEqual([
      ["B", 1, 100],
      ["A", 2, 95.2085],
    ]);
    expect(corrections(result, "A")).toEqual([
      ["True price: climate", 312, "environmental"],
      ["True price: underpayment-below-living-wage", 10_300, "social"],
    ]);
    expect(result.ranking.find((r) => r.bidId === "A")!.evaluatedPrice).toEqual(eur(110_612));
  });

  it("refuses a social category named without socialCosts, and takes it with", () => {
    expect(refusal(points({ categories: ["social"] })).errors).toEqual([
      {
        path: "awardModel.corrections.truePrice.categories.0",
        message: expect.stringMatching(/social costs count only when the model says socialCosts: true/),
      },
    ]);
    const result = scoreBids(
      { awardModel: points({ socialCosts: true, categories: ["social"] }), bids },
      tables,
    );
    expect(corrections(result, "A")).toEqual([
      ["True price: underpayment-below-living-wage", 10_300, "social"],
    ]);
  });

  it("award-on-value: the social line enters the fictitious price with socialCosts", () => {
    const model: AwardModel = { method: "award-on-value", corrections: truePrice({ socialCosts: true }) };
    const result = scoreBids({ awardModel: model, bids }, tables);
    expect(result.ranking.map((r) => [r.bidId, r.evaluatedPrice?.amount])).toEqual([
      ["B", 105_312],
      ["A", 110_612],
    ]);
  });
});

describe("an exclusion ground is never a cost: the bid is not compliant", () => {
  // Lowest cost: A EUR 90,000 declares 10 hours of hazardous child labour (EUR 42 an hour in the set).
  const bids = [
    bid("A", 90_000, { externalities: [climate(1000), childLabour(10)] }),
    bid("B", 100_000, { externalities: [climate(1000)] }),
  ];

  it.each<[string, AwardModel]>([
    ["lowest-cost", lowestCost()],
    ["lowest-cost, environmental category only", lowestCost({ categories: ["environmental"] })],
    ["weighted-points with socialCosts", points({ socialCosts: true })],
    ["award-on-value", { method: "award-on-value", corrections: truePrice({ socialCosts: true }) }],
  ])("%s: A is listed after the ranking with the reason, its price unchanged", (_name, model) => {
    const result = scoreBids({ awardModel: model, bids }, tables);
    const a = result.ranking.find((r) => r.bidId === "A")!;
    expect(result.ranking.map((r) => [r.bidId, r.rank])).toEqual([
      ["B", 1],
      ["A", null],
    ]);
    expect(a.compliant).toBe(false);
    expect(a.reasons).toEqual([
      expect.stringMatching(
        /^declares factor "child-labour-hazardous" \(10 hour\): an exclusion ground .*Aanbestedingswet 2012 art\. 2\.86\/2\.87.*Directive 2014\/24\/EU art\. 57.*ILO/,
      ),
    ]);
    // Never cheaper or dearer: only the climate line, C = 90,000 + 312.
    expect(corrections(result, "A")).toEqual([["True price: climate", 312, "environmental"]]);
    expect(a.breakdown.correctedPrice).toEqual(eur(90_312));
  });

  it("forced labour (4.0.2-nl.1) excludes too; a quantity of zero declares nothing", () => {
    const result = scoreBids(
      {
        awardModel: points({ socialCosts: true }),
        bids: [
          bid("F", 80_000, { externalities: [{ factorId: "forced-labour", quantity: 1 }] }),
          bid("Z", 95_000, { externalities: [childLabour(0)] }),
        ],
      },
      tables,
    );
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.compliant])).toEqual([
      ["Z", 1, true],
      ["F", null, false],
    ]);
    expect(result.ranking[1]!.reasons[0]).toMatch(/"forced-labour"/);
  });

  it("the set stored before the flag (4.0.2) is read with the same exclusion grounds", () => {
    const result = scoreBids({ awardModel: lowestCost({ version: "4.0.2" }), bids }, tables);
    expect(result.ranking.map((r) => [r.bidId, r.rank])).toEqual([
      ["B", 1],
      ["A", null],
    ]);
  });
});

describe("properties", () => {
  const modelArb: fc.Arbitrary<AwardModel> = fc
    .record({
      method: fc.constantFrom("lowest-cost", "weighted-points", "award-on-value"),
      formula: fc.constantFrom("relative-lowest", "relative-linear", "absolute-linear", "log" as const),
      socialCosts: fc.boolean(),
      weight: fc.constantFrom(0.5, 1, 2),
    })
    .map(({ method, formula, socialCosts, weight }): AwardModel => {
      const lowest = method === "lowest-cost";
      return {
        method,
        ...(method === "weighted-points"
          ? {
              price: {
                formula,
                maxPoints: 60,
                ...(formula === "absolute-linear" ? { bounds: { min: eur(0), max: eur(300_000) } } : {}),
                ...(formula === "log" ? { logBase: 2 } : {}),
              },
            }
          : {}),
        corrections: truePrice({ weight, ...(lowest ? {} : { socialCosts }) }),
        tieBreakers: ["lower-price"],
      };
    });

  const bidsArb = fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z]{1,3}$/),
      price: fc.integer({ min: 1_000, max: 20_000_000 }),
      climate: fc.integer({ min: 0, max: 100_000 }),
      pm25: fc.integer({ min: 0, max: 50 }),
      wageGap: fc.integer({ min: 0, max: 50_000 }),
      incidents: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 2, maxLength: 6, selector: (b) => b.id },
  );

  type BidFigures = typeof bidsArb extends fc.Arbitrary<(infer T)[]> ? T : never;
  const toBids = (list: BidFigures[], social: boolean): Bid[] =>
    list.map((b) =>
      bid(b.id, b.price / 100, {
        externalities: [
          climate(b.climate),
          { factorId: "pm25", quantity: b.pm25 },
          ...(social
            ? [
                wageGap(b.wageGap),
                { factorId: "occupational-incident-non-fatal-insured", quantity: b.incidents },
              ]
            : []),
        ],
      }),
    );
  const run = (model: AwardModel, bids: Bid[]) => scoreBids({ awardModel: model, bids }, tables);
  const compliantLines = (result: ScoringResult) => result.ranking.filter((r) => r.compliant);

  it("declaring an exclusion ground leaves the others as if the bid were absent, and its own price as it was", () => {
    fc.assert(
      fc.property(
        modelArb,
        bidsArb,
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom("child-labour-hazardous", "child-labour-non-hazardous", "forced-labour"),
        (model, list, pick, hours, factorId) => {
          const bids = toBids(list, true);
          const k = pick % bids.length;
          const declaring = bids.map((b, i) =>
            i === k ? { ...b, externalities: [...b.externalities!, { factorId, quantity: hours }] } : b,
          );
          const withGround = run(model, declaring);
          const without = run(
            model,
            bids.filter((_, i) => i !== k),
          );
          expect(compliantLines(withGround)).toEqual(compliantLines(without));
          const excluded = withGround.ranking.find((r) => r.bidId === bids[k]!.id)!;
          expect(excluded).toMatchObject({ rank: null, compliant: false, totalScore: null });
          expect(excluded.reasons.some((r) => r.includes(`"${factorId}"`))).toBe(true);
          const plain = run(model, bids).ranking.find((r) => r.bidId === bids[k]!.id)!;
          expect(excluded.breakdown.correctedPrice).toEqual(plain.breakdown.correctedPrice);
          expect(excluded.breakdown.corrections).toEqual(plain.breakdown.corrections);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("without socialCosts, declared social costs change nothing but the input digest", () => {
    fc.assert(
      fc.property(modelArb, bidsArb, (model, list) => {
        const tp = model.corrections!.truePrice!;
        const environmental: AwardModel = {
          ...model,
          corrections: { truePrice: { ...tp, socialCosts: false } },
        };
        const a = run(environmental, toBids(list, true));
        const b = run(environmental, toBids(list, false));
        expect({ ...a, inputDigest: "" }).toEqual({ ...b, inputDigest: "" });
      }),
      { numRuns: 150 },
    );
  });
});
