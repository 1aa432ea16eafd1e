import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classifyAwardModel,
  classifyTender,
  needsImpactReason,
} from "../../../lib/domain/impact/classify.js";
import type { AwardModel } from "../../../lib/domain/scoring/types.js";

const eur = (amount: number) => ({ amount, currency: "EUR" as const });
const lowestPrice: AwardModel = { method: "lowest-price" };
const criterion = (id: string, kind?: "social" | "sustainable" | "other") => ({
  id,
  name: id,
  scale: { min: 0, max: 10 },
  maxPoints: 20,
  ...(kind ? { kind } : {}),
});
const weighted = (criteria: ReturnType<typeof criterion>[]): AwardModel => ({
  method: "weighted-points",
  price: { formula: "relative-lowest", maxPoints: 60 },
  criteria,
});

describe("impact classification of an award model", () => {
  it("a plain lowest-price model has nothing social or sustainable and needs a reason", () => {
    const c = classifyAwardModel(lowestPrice);
    expect(c).toEqual({
      socialCriteria: false,
      sustainableCriteria: false,
      socialReturn: false,
      priceCorrections: false,
      priceQuality: false,
      awardOnValue: false,
      lowestPrice: true,
    });
    expect(needsImpactReason(c)).toBe(true);
    expect(needsImpactReason(classifyAwardModel({ method: "lowest-cost", corrections: {} }))).toBe(true);
  });

  it("a social-return rule of any mode is a social criterion (and a social-return obligation)", () => {
    for (const mode of ["minimum", "points", "euro-credit"] as const) {
      const c = classifyAwardModel({
        method: "lowest-price",
        socialReturn: { mode, catalogue: { id: "x" } },
      });
      expect(c).toMatchObject({ socialCriteria: true, socialReturn: true, lowestPrice: false });
      expect(needsImpactReason(c)).toBe(false);
    }
  });

  it("every price correction is sustainable and a true-price correction; lcc: false is none", () => {
    const corrections = [
      { certificate: { tableId: "co2-ladder" } },
      { mki: { valuationFactor: 1 } },
      { truePrice: { factorSetId: "tp" } },
      { lcc: true },
    ];
    for (const c of corrections)
      expect(classifyAwardModel({ method: "lowest-cost", corrections: c })).toMatchObject({
        sustainableCriteria: true,
        priceCorrections: true,
        socialCriteria: false,
        lowestPrice: false,
      });
    expect(classifyAwardModel({ method: "lowest-cost", corrections: { lcc: false } }).lowestPrice).toBe(true);
  });

  it("criteria count by their kind; an unmarked criterion is other", () => {
    expect(classifyAwardModel(weighted([criterion("plan"), criterion("q", "other")]))).toMatchObject({
      socialCriteria: false,
      sustainableCriteria: false,
      priceQuality: true,
      lowestPrice: false,
    });
    expect(classifyAwardModel(weighted([criterion("jobs", "social")]))).toMatchObject({
      socialCriteria: true,
      socialReturn: false,
      sustainableCriteria: false,
    });
    expect(classifyAwardModel(weighted([criterion("co2", "sustainable")]))).toMatchObject({
      socialCriteria: false,
      sustainableCriteria: true,
      priceCorrections: false,
    });
  });

  it("award on value is its own method; a price-quality award never needs a reason", () => {
    const c = classifyAwardModel({
      method: "award-on-value",
      criteria: [{ ...criterion("plan"), maxValue: eur(1000) }],
    });
    expect(c).toMatchObject({ awardOnValue: true, priceQuality: false, lowestPrice: false });
    expect(needsImpactReason(classifyAwardModel(weighted([criterion("plan")])))).toBe(false);
  });
});

describe("impact classification of a tender over its lots", () => {
  it("has a kind of criterion when any lot has it; is lowest price only when every lot is", () => {
    const social: AwardModel = {
      method: "lowest-price",
      socialReturn: { mode: "minimum", catalogue: { id: "x" } },
    };
    const t = classifyTender([lowestPrice, social, weighted([])]);
    expect(t).toMatchObject({
      socialCriteria: true,
      socialReturn: true,
      priceQuality: true,
      lowestPrice: false,
    });
    expect(classifyTender([lowestPrice, { method: "lowest-cost" }]).lowestPrice).toBe(true);
    expect(classifyTender([]).lowestPrice).toBe(false);
  });

  it("a tender of one lot is classified as its model; the order of lots does not matter", () => {
    const model: fc.Arbitrary<AwardModel> = fc.record(
      {
        method: fc.constantFrom("lowest-price", "lowest-cost", "weighted-points", "award-on-value"),
        criteria: fc.array(
          fc.constantFrom(undefined, "social", "sustainable", "other").map((k) => criterion("c", k)),
          { maxLength: 3 },
        ),
        corrections: fc.constantFrom({}, { lcc: true }, { mki: { valuationFactor: 1 } }),
        socialReturn: fc.constant({ mode: "points" as const, catalogue: { id: "x" } }),
      },
      { requiredKeys: ["method"] },
    );
    fc.assert(
      fc.property(fc.array(model, { minLength: 1, maxLength: 4 }), (models) => {
        expect(classifyTender([models[0]!])).toEqual(classifyAwardModel(models[0]!));
        expect(classifyTender([...models].reverse())).toEqual(classifyTender(models));
        const t = classifyTender(models);
        // Lowest price (the reason applies) excludes every kind of impact criterion.
        if (t.lowestPrice) expect(t.socialCriteria || t.sustainableCriteria).toBe(false);
        expect(t.socialReturn && !t.socialCriteria).toBe(false);
        expect(t.priceCorrections && !t.sustainableCriteria).toBe(false);
      }),
    );
  });
});
