import { describe, expect, it } from "vitest";
import { validateAwardModel } from "../../../lib/domain/scoring/model.js";
import type { AwardModel } from "../../../lib/domain/scoring/types.js";

/** validateAwardModel on its own: every problem of a model with its path, no tables or bids needed. */

const eur = (amount: number) => ({ amount, currency: "EUR" as const });
const paths = (model: unknown) => validateAwardModel(model as AwardModel).map((e) => e.path);
const messages = (model: unknown) => validateAwardModel(model as AwardModel).map((e) => e.message);

const points: AwardModel = {
  method: "weighted-points",
  price: { formula: "relative-lowest", maxPoints: 40 },
  criteria: [{ id: "plan", name: "Plan", scale: { min: 0, max: 10 }, maxPoints: 60 }],
};
const value: AwardModel = {
  method: "award-on-value",
  criteria: [{ id: "plan", name: "Plan", scale: { min: 0, max: 10 }, maxValue: eur(100_000) }],
};

describe("award model validation", () => {
  it("accepts a plain weighted-points and an award-on-value model", () => {
    expect(validateAwardModel(points)).toEqual([]);
    expect(validateAwardModel(value)).toEqual([]);
  });

  it("stops at an unknown method, naming the four there are", () => {
    expect(validateAwardModel({ ...points, method: "best-guess" } as unknown as AwardModel, "model")).toEqual(
      [
        {
          path: "model.method",
          message: "must be one of lowest-price, lowest-cost, weighted-points, award-on-value",
        },
      ],
    );
  });

  it("checks correction parameters and certificate discount tables", () => {
    const model = {
      ...points,
      corrections: {
        mki: { valuationFactor: -1 },
        truePrice: { factorSetId: "tp", categories: ["environmental"], weight: Number.NaN },
        // Whole-number levels come first in a JS object, whatever the order written.
        certificate: { scheme: "co2-ladder", discountPercentByLevel: { "3": 5, high: 10, "5": 120 } },
      },
    };
    expect(validateAwardModel(model as unknown as AwardModel)).toEqual([
      { path: "awardModel.corrections.mki.valuationFactor", message: "must be a number ≥ 0" },
      { path: "awardModel.corrections.truePrice.weight", message: "must be a number ≥ 0" },
      {
        path: "awardModel.corrections.certificate.discountPercentByLevel.5",
        message: "a discount is a percentage from 0 to 100",
      },
      {
        path: "awardModel.corrections.certificate.discountPercentByLevel.high",
        message: "a level is a whole number",
      },
    ]);
  });

  it("checks the price rule of weighted-points: formula, points, bounds and log base", () => {
    expect(paths({ ...points, price: { formula: "cheapest", maxPoints: 0 } })).toEqual([
      "awardModel.price.formula",
      "awardModel.price.maxPoints",
    ]);
    // Bounds belong to absolute-linear, a base to the log formula; each needs its own.
    expect(
      paths({ ...points, price: { formula: "relative-lowest", maxPoints: 40, bounds: {}, logBase: 2 } }),
    ).toEqual(["awardModel.price.bounds", "awardModel.price.logBase"]);
    expect(messages({ ...points, price: { formula: "log", maxPoints: 40, logBase: 1 } })).toEqual([
      "the log formula needs a base A > 1 (e.g. 1.5, 2, 3)",
    ]);
    const linear = (min: number, max: number) => ({
      ...points,
      price: { formula: "absolute-linear", maxPoints: 40, bounds: { min: eur(min), max: eur(max) } },
    });
    expect(messages(linear(2_000_000, 1_000_000))).toEqual(["bounds.min must be below bounds.max"]);
    expect(messages(linear(1_000_000.001, 2_000_000))).toEqual(["an amount has at most 2 decimals"]);
  });

  it("refuses a price formula for the methods that rank on price or fictitious price", () => {
    expect(messages({ ...value, price: { formula: "relative-lowest", maxPoints: 40 } })).toEqual([
      "award-on-value ranks on the fictitious price; a price formula applies to weighted-points only",
    ]);
    expect(messages({ method: "lowest-cost", price: { formula: "relative-lowest", maxPoints: 40 } })).toEqual(
      ["lowest-cost ranks on price; a price formula applies to weighted-points only"],
    );
  });

  it("checks criteria against the method: points, value in euros, or a minimum requirement only", () => {
    const criterion = { id: "plan", name: "Plan", scale: { min: 0, max: 10 } };
    expect(
      validateAwardModel({
        ...points,
        criteria: [
          { ...criterion, scale: { min: 0, max: 10, zeroAt: 10 }, maxPoints: -1, maxValue: eur(1) },
          { ...criterion, minimumScore: 11, maxPoints: 10 },
        ],
      }),
    ).toEqual([
      { path: "awardModel.criteria.0.scale.zeroAt", message: "zeroAt lies on the scale, below max" },
      { path: "awardModel.criteria.0.maxPoints", message: "must be a number ≥ 0" },
      {
        path: "awardModel.criteria.0.maxValue",
        message: "maxValue applies to award-on-value; use maxPoints",
      },
      { path: "awardModel.criteria.1.id", message: 'duplicate criterion id "plan"' },
      { path: "awardModel.criteria.1.minimumScore", message: "the minimum score lies on the scale" },
    ]);
    expect(
      paths({
        ...value,
        criteria: [
          { ...criterion, id: "a", maxValue: eur(-5) },
          { ...criterion, id: "b", maxValue: eur(0.001) },
          { ...criterion, id: "c", maxPoints: 5 },
        ],
      }),
    ).toEqual([
      "awardModel.criteria.0.maxValue",
      "awardModel.criteria.1.maxValue",
      "awardModel.criteria.2.maxValue",
      "awardModel.criteria.2.maxPoints",
    ]);
    expect(messages({ method: "lowest-price", criteria: [{ ...criterion, maxPoints: 5 }] })).toEqual([
      "lowest-price ranks on price only; a criterion can only be a minimum requirement (minimumScore)",
    ]);
  });

  it("checks the social-return rule for its mode", () => {
    const sr = (socialReturn: unknown, model: AwardModel = points) => paths({ ...model, socialReturn });
    expect(sr({ mode: "minimum", percentOfPrice: 150 })).toEqual(["awardModel.socialReturn.percentOfPrice"]);
    expect(sr({ mode: "minimum" })).toEqual(["awardModel.socialReturn.percentOfPrice"]);
    // Points only in weighted-points, and full points above the threshold percentage.
    expect(sr({ mode: "points", maxPoints: 10, fullPointsAtPercent: 5, percentOfPrice: 5 }, value)).toEqual([
      "awardModel.socialReturn.mode",
      "awardModel.socialReturn.fullPointsAtPercent",
    ]);
    expect(sr({ mode: "points" })).toEqual([
      "awardModel.socialReturn.maxPoints",
      "awardModel.socialReturn.fullPointsAtPercent",
    ]);
    // A euro credit is a value deduction: award-on-value only, with a credit factor.
    expect(sr({ mode: "euro-credit" })).toEqual([
      "awardModel.socialReturn.mode",
      "awardModel.socialReturn.creditFactor",
    ]);
    expect(sr({ mode: "euro-credit", creditFactor: 1 }, value)).toEqual([]);
    expect(sr({ mode: "bonus" })).toEqual(["awardModel.socialReturn.mode"]);
  });

  it("checks tie-breakers (known, each once) and the abnormally-low percentages", () => {
    expect(
      validateAwardModel({
        ...points,
        tieBreakers: ["lower-price", "coin-toss", "lower-price"],
        abnormallyLow: { belowMeanPercent: 101 },
      } as unknown as AwardModel),
    ).toEqual([
      {
        path: "awardModel.tieBreakers.1",
        message: "must be one of higher-quality, lower-price, earlier-submission",
      },
      { path: "awardModel.tieBreakers.2", message: '"lower-price" is listed twice' },
      { path: "awardModel.abnormallyLow.belowMeanPercent", message: "a percentage from 0 to 100" },
    ]);
  });
});
