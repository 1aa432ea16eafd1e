import { describe, expect, it } from "vitest";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import { simulateRequestSchema, toScoringInput } from "../../../lib/schemas/scoring.js";
import { tables } from "./fixtures.js";

const body = {
  awardModel: {
    method: "weighted-points",
    price: { formula: "relative-lowest", maxPoints: 50 },
    criteria: [{ id: "plan", name: "Plan", scale: { min: 0, max: 10 }, maxPoints: 50, minimumScore: 4 }],
    corrections: {
      certificate: { tableId: "co2-ladder-prorail" },
      truePrice: { factorSetId: "true-price-monetisation" },
    },
    tieBreakers: ["higher-quality", "lower-price"],
  },
  bids: [
    {
      id: "A",
      price: { amount: 40, currency: "EUR" },
      qualityScores: { plan: 6 },
      certificates: { "co2-ladder": 2 },
      externalities: [{ factorId: "climate", quantity: 12.5 }],
      submittedAt: "2026-03-01T12:00:00+01:00",
    },
  ],
};

const issues = (value: unknown) => {
  const parsed = simulateRequestSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
};

describe("simulate request schema", () => {
  it("accepts a full body and hands it to the engine unchanged", () => {
    const parsed = simulateRequestSchema.parse(body);
    expect(parsed).toEqual(body);
    expect(scoreBids(toScoringInput(parsed), tables).ranking[0]!.bidId).toBe("A");
  });

  it("refuses unknown fields, at any depth", () => {
    expect(issues({ ...body, extra: 1 })).toEqual([""]);
    expect(
      issues({ ...body, awardModel: { ...body.awardModel, price: { ...body.awardModel.price, weight: 2 } } }),
    ).toEqual(["awardModel.price"]);
    expect(issues({ ...body, bids: [{ ...body.bids[0], rank: 1 }] })).toEqual(["bids.0"]);
  });

  it("wants every amount as a money object with at most 2 decimals", () => {
    expect(issues({ ...body, bids: [{ ...body.bids[0], price: 40 }] })).toEqual(["bids.0.price"]);
    expect(
      issues({ ...body, bids: [{ ...body.bids[0], price: { amount: 40.001, currency: "EUR" } }] }),
    ).toEqual(["bids.0.price.amount"]);
    expect(issues({ ...body, bids: [{ ...body.bids[0], price: { amount: 40, currency: "USD" } }] })).toEqual([
      "bids.0.price.currency",
    ]);
  });

  it("refuses unknown methods and formulas by name", () => {
    expect(issues({ ...body, awardModel: { ...body.awardModel, method: "cheapest" } })).toEqual([
      "awardModel.method",
    ]);
    expect(issues({ ...body, awardModel: { ...body.awardModel, tieBreakers: ["coin"] } })).toEqual([
      "awardModel.tieBreakers.0",
    ]);
  });
});
