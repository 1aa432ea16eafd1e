import { describe, expect, it } from "vitest";
import type { AwardModel } from "../../../lib/domain/scoring/types.js";
import { awardCriteriaBreakdown, awardCriteriaText } from "../../../lib/ocds/award-criteria.js";
import { eur, weightedPoints } from "./process-fixture.js";

describe("award models in OCDS terms", () => {
  it("weighted points: the text names every weight; the breakdown gives them as exact points", () => {
    expect(awardCriteriaText(weightedPoints)).toBe(
      "Weighted points: price points plus quality points; the compliant bid with the highest total wins. " +
        "Price: 40 points (absolute-linear formula on the corrected price, bounds EUR 1000.00–EUR 3000.00). " +
        "Plan: 60 points (scored 0–10, at least 4). " +
        "Social return: at least 5% of the bid price (catalogue oost-nederland). " +
        "Ties: higher-quality, then lower-price; otherwise a drawing of lots.",
    );
    expect(awardCriteriaBreakdown(weightedPoints).criteria.map((c) => [c.type, c.name, c.numbers])).toEqual([
      ["price", "Price", [{ number: 40, weight: "pointsExact" }]],
      [
        "quality",
        "Plan",
        [
          { number: 60, weight: "pointsExact" },
          { number: 4, threshold: "minimumScore" },
        ],
      ],
      ["quality", "Social return", undefined],
    ]);
  });

  it("lowest price: price only; quality criteria as minimum requirements", () => {
    const model: AwardModel = {
      method: "lowest-price",
      criteria: [{ id: "safety", name: "Safety plan", scale: { min: 0, max: 5 }, minimumScore: 3 }],
    };
    expect(awardCriteriaText(model)).toBe(
      "Lowest price: the compliant bid with the lowest price wins. Safety plan: minimum requirement (scored 0–5, at least 3). Ties: a drawing of lots.",
    );
    expect(awardCriteriaBreakdown(model)).toEqual({
      criteria: [
        { type: "price", name: "Price" },
        {
          type: "quality",
          name: "Safety plan",
          description: "Safety plan: minimum requirement (scored 0–5, at least 3)",
          numbers: [{ number: 3, threshold: "minimumScore" }],
        },
      ],
    });
  });

  it("lowest cost and award on value: a cost criterion with its corrections; the fictitious price as the weighting", () => {
    const cost: AwardModel = {
      method: "lowest-cost",
      corrections: {
        mki: { valuationFactor: 1.5 },
        lcc: true,
        truePrice: { factorSetId: "tp", categories: ["environmental"] },
      },
    };
    expect(awardCriteriaBreakdown(cost).criteria).toEqual([
      {
        type: "cost",
        name: "Corrected price",
        description:
          "Price corrections: MKI × 1.5; true price (factor set tp, environmental); life-cycle costs",
      },
    ]);
    const value: AwardModel = {
      method: "award-on-value",
      criteria: [{ id: "q", name: "Quality", scale: { min: 0, max: 10 }, maxValue: eur(50_000) }],
      socialReturn: { mode: "euro-credit", catalogue: { id: "utrecht" }, creditFactor: 0.5 },
    };
    const breakdown = awardCriteriaBreakdown(value);
    expect(breakdown.weightingDescription).toMatch(/^Award on value: the fictitious price is/);
    expect(breakdown.criteria.map((c) => c.description)).toEqual([
      undefined,
      "Quality: worth up to EUR 50000.00 (scored 0–10)",
      "Social return: the offer's value × 0.5 is deducted from the price (catalogue utrecht)",
    ]);
  });
});
