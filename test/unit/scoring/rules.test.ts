import { describe, expect, it } from "vitest";
import { InvalidInput, RuleViolation } from "../../../lib/domain/errors.js";
import { ENGINE_VERSION, scoreBids } from "../../../lib/domain/scoring/engine.js";
import type { AwardModel, Bid, ScoringInput } from "../../../lib/domain/scoring/types.js";
import { bid, eur, priceOnly, tables } from "./fixtures.js";

function fieldErrors(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInput) return error.errors;
    throw error;
  }
  throw new Error("expected InvalidInput");
}

const score = (awardModel: AwardModel, bids: Bid[]) => scoreBids({ awardModel, bids }, tables);

describe("methods and the corrections they allow", () => {
  it("lowest-price refuses every correction, naming it", () => {
    const errors = fieldErrors(() =>
      score(
        {
          method: "lowest-price",
          corrections: {
            certificate: { tableId: "co2-ladder-prorail" },
            mki: { valuationFactor: 1 },
            lcc: true,
          },
        },
        [bid("A", 10)],
      ),
    );
    expect(errors.map((e) => e.path)).toEqual([
      "awardModel.corrections.certificate",
      "awardModel.corrections.mki",
      "awardModel.corrections.lcc",
    ]);
    expect(errors[0]!.message).toMatch(/lowest-price allows no corrections/);
  });

  it("lowest-cost allows cost corrections but refuses a certificate discount", () => {
    const errors = fieldErrors(() =>
      score({ method: "lowest-cost", corrections: { certificate: { tableId: "co2-ladder-prorail" } } }, [
        bid("A", 10),
      ]),
    );
    expect(errors).toEqual([
      { path: "awardModel.corrections.certificate", message: expect.stringMatching(/cost corrections only/) },
    ]);
  });

  it("lowest-cost ranks on P + MKI × factor + LCC items", () => {
    const result = score(
      { method: "lowest-cost", corrections: { mki: { valuationFactor: 1.5 }, lcc: true } },
      [
        bid("A", 1000, { mki: eur(100), lcc: [{ label: "maintenance", amount: eur(50.5) }] }),
        bid("B", 1100, { mki: eur(10) }),
      ],
    );
    expect(result.ranking.map((r) => [r.bidId, r.evaluatedPrice?.amount])).toEqual([
      ["B", 1115],
      ["A", 1200.5],
    ]);
    expect(result.ranking[1]!.breakdown.correctedPriceFormula).toBe("1000.00 + 150.00 + 50.50 = 1200.50");
  });

  it("lowest-price ranks on the raw price and ignores declared corrections", () => {
    const result = score({ method: "lowest-price" }, [
      bid("A", 1000, { certificates: { "co2-ladder": 5 } }),
      bid("B", 999.99),
    ]);
    expect(result.ranking.map((r) => r.bidId)).toEqual(["B", "A"]);
    expect(result.ranking[1]!.breakdown.corrections).toEqual([]);
  });

  it("refuses a criterion weight the method cannot use, and missing method needs", () => {
    const errors = fieldErrors(() =>
      score(
        {
          method: "weighted-points",
          criteria: [{ id: "q", name: "Q", scale: { min: 0, max: 10 }, maxValue: eur(5) }],
        },
        [bid("A", 10, { qualityScores: { q: 1 } })],
      ),
    );
    expect(errors.map((e) => e.path)).toEqual([
      "awardModel.price",
      "awardModel.criteria.0.maxPoints",
      "awardModel.criteria.0.maxValue",
    ]);
  });

  it("names a missing bound or base of a formula", () => {
    expect(
      fieldErrors(() =>
        score({ method: "weighted-points", price: { formula: "absolute-linear", maxPoints: 40 } }, []),
      ),
    ).toEqual([{ path: "awardModel.price.bounds", message: expect.any(String) }]);
    expect(
      fieldErrors(() =>
        score({ method: "weighted-points", price: { formula: "log", maxPoints: 40, logBase: 1 } }, []),
      ),
    ).toEqual([{ path: "awardModel.price.logBase", message: expect.any(String) }]);
  });

  it("names unknown table references and unknown versions", () => {
    const errors = fieldErrors(() =>
      score(
        {
          method: "award-on-value",
          corrections: { certificate: { tableId: "co2-ladder-prorail", version: "1999" } },
          socialReturn: { mode: "minimum", catalogue: { id: "nowhere" }, percentOfPrice: 5 },
        },
        [],
      ),
    );
    expect(errors).toEqual([
      {
        path: "awardModel.corrections.certificate",
        message:
          'unknown version "1999" of certificate table "co2-ladder-prorail" (known: as-retrieved-2026)',
      },
      { path: "awardModel.socialReturn.catalogue", message: 'unknown building-block catalogue "nowhere"' },
    ]);
  });
});

describe("price formulas", () => {
  const bids = [bid("A", 100), bid("B", 150), bid("C", 200)];

  it("absolute-linear uses the tender's bounds and clamps to [0, M]", () => {
    const model: AwardModel = {
      method: "weighted-points",
      price: { formula: "absolute-linear", maxPoints: 40, bounds: { min: eur(120), max: eur(180) } },
    };
    expect(score(model, bids).ranking.map((r) => r.totalScore)).toEqual([40, 20, 0]);
    expect(score(model, bids).ranking[0]!.breakdown.pricePoints!.text).toMatch(/clamped/);
  });

  it("relative-linear gives M to Pmin and 0 to Pmax", () => {
    expect(score(priceOnly("relative-linear", 40), bids).ranking.map((r) => r.totalScore)).toEqual([
      40, 20, 0,
    ]);
    expect(
      score(priceOnly("relative-linear", 40), [bid("A", 5), bid("B", 5)]).ranking.map((r) => r.totalScore),
    ).toEqual([40, 40]);
  });

  it("log (base A) gives M at Pmin, 0 at A × Pmin and stable differences", () => {
    const r = score(priceOnly("log", 40), [
      bid("A", 100),
      bid("B", 150),
      bid("C", 200),
      bid("D", 300),
    ]).ranking;
    expect(r.map((x) => x.totalScore)).toEqual([40, 16.6015, 0, 0]);
    expect(r[3]!.breakdown.pricePoints!.text).toMatch(/clamped to 0/);
  });

  it("refuses a corrected price ≤ 0 under a relative formula with 422", () => {
    const model: AwardModel = { ...priceOnly("relative-lowest"), corrections: { lcc: true } };
    const run = () =>
      score(model, [bid("A", 100, { lcc: [{ label: "residual value", amount: eur(-100) }] }), bid("B", 50)]);
    expect(run).toThrow(RuleViolation);
    try {
      run();
    } catch (error) {
      expect((error as RuleViolation).code).toBe("corrected-price-not-positive");
      expect((error as RuleViolation).errors).toEqual([
        { path: "bids.0.price", message: "corrected price 0.00 is not above zero" },
      ]);
    }
    // Under an absolute formula the same bid is fine.
    const absolute: AwardModel = {
      method: "weighted-points",
      price: { formula: "absolute-linear", maxPoints: 10, bounds: { min: eur(0), max: eur(100) } },
      corrections: { lcc: true },
    };
    expect(
      score(absolute, [bid("A", 100, { lcc: [{ label: "residual value", amount: eur(-100) }] })]).ranking[0]!
        .totalScore,
    ).toBe(10);
  });
});

describe("quality criteria and compliance", () => {
  const model: AwardModel = {
    ...priceOnly("relative-lowest", 40),
    criteria: [
      { id: "plan", name: "Plan of approach", scale: { min: 0, max: 10 }, maxPoints: 40, minimumScore: 5 },
      { id: "risk", name: "Risks", scale: { min: 1, max: 5 }, maxPoints: 20 },
    ],
  };

  it("scores linear scales (the minimum is worth 0) and adds price points", () => {
    const r = score(model, [bid("A", 100, { qualityScores: { plan: 7.5, risk: 1 } })]).ranking[0]!;
    expect(r.breakdown.quality.map((q) => [q.criterionId, q.points, q.formula])).toEqual([
      ["plan", 30, "40 × (7.5 − 0) / (10 − 0) = 30"],
      ["risk", 0, "20 × (1 − 1) / (5 − 1) = 0"],
    ]);
    expect(r.totalScore).toBe(70);
  });

  it("a bid below a minimum score is excluded from Pmin and the ranking, listed after it with its reasons", () => {
    const result = score(model, [
      bid("cheap", 50, { qualityScores: { plan: 4, risk: 5 } }),
      bid("A", 100, { qualityScores: { plan: 5, risk: 5 } }),
      bid("B", 110, { qualityScores: { plan: 10, risk: 1 } }),
    ]);
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.compliant])).toEqual([
      ["A", 1, true],
      ["B", 2, true],
      ["cheap", null, false],
    ]);
    // Pmin is 100, not 50.
    expect(result.ranking[0]!.breakdown.pricePoints!.points).toBe(40);
    expect(result.ranking[2]!.reasons).toEqual(['criterion "plan" scored 4, below the minimum score 5']);
    expect(result.ranking[2]!.totalScore).toBeNull();
    // Not part of the abnormally-low mean either: 50 is far below the others but excluded.
    expect(result.warnings.filter((w) => w.code === "abnormally-low")).toEqual([]);
  });

  it("names missing, unknown and off-scale scores", () => {
    const errors = fieldErrors(() =>
      score(model, [
        bid("A", 100, { qualityScores: { plan: 11, extra: 1 } }),
        bid("B", 100, { qualityScores: { plan: 1, risk: 2 } }),
      ]),
    );
    expect(errors.map((e) => e.path)).toEqual([
      "bids.0.qualityScores.extra",
      "bids.0.qualityScores.plan",
      "bids.0.qualityScores.risk",
    ]);
  });

  it("names duplicate bid ids and sub-cent prices", () => {
    expect(fieldErrors(() => score(priceOnly("relative-lowest"), [bid("A", 1), bid("A", 2)]))).toEqual([
      { path: "bids.1.id", message: 'duplicate bid id "A"' },
    ]);
    expect(
      fieldErrors(() => score(priceOnly("relative-lowest"), [bid("A", 1.001)])).map((e) => e.path),
    ).toEqual(["bids.0.price"]);
  });
});

describe("ties", () => {
  const model = (tieBreakers: AwardModel["tieBreakers"]): AwardModel => ({
    ...priceOnly("relative-lowest", 50),
    criteria: [{ id: "q", name: "Q", scale: { min: 0, max: 10 }, maxPoints: 50 }],
    tieBreakers,
  });
  // A: 50 + 25 = 75; B: 25 + 50 = 75; C: 50 + 25 = 75 but submitted earlier than A.
  const bids = [
    bid("C", 100, { qualityScores: { q: 5 }, submittedAt: "2026-01-01T10:00:00+01:00" }),
    bid("B", 200, { qualityScores: { q: 10 }, submittedAt: "2026-01-01T12:00:00+01:00" }),
    bid("A", 100, { qualityScores: { q: 5 }, submittedAt: "2026-01-01T11:00:00+01:00" }),
  ];

  it("without tie-breakers the bids share a rank and a drawing of lots is needed", () => {
    const result = score(model([]), bids);
    expect(result.ranking.map((r) => [r.bidId, r.rank])).toEqual([
      ["A", 1],
      ["B", 1],
      ["C", 1],
    ]);
    expect(result.ties).toEqual([
      { bidIds: ["A", "B", "C"], resolvedBy: null, drawingOfLotsNeeded: true, sharedRank: 1 },
    ]);
    expect(result.warnings.map((w) => w.code)).toContain("drawing-of-lots-needed");
    expect(result.ranking[0]!.flags).toContain("drawing-of-lots");
  });

  it("applies the tie-breakers in the model's order", () => {
    const result = score(model(["higher-quality", "earlier-submission"]), bids);
    expect(result.ranking.map((r) => [r.bidId, r.rank])).toEqual([
      ["B", 1],
      ["C", 2],
      ["A", 3],
    ]);
    expect(result.ties).toEqual([
      { bidIds: ["B", "A", "C"], resolvedBy: "higher-quality", drawingOfLotsNeeded: false, sharedRank: null },
      { bidIds: ["C", "A"], resolvedBy: "earlier-submission", drawingOfLotsNeeded: false, sharedRank: null },
    ]);
  });

  it("lower-price first, then lots for the rest", () => {
    const result = score(model(["lower-price"]), bids);
    expect(result.ranking.map((r) => [r.bidId, r.rank])).toEqual([
      ["A", 1],
      ["C", 1],
      ["B", 3],
    ]);
    expect(result.ties[1]).toEqual({
      bidIds: ["A", "C"],
      resolvedBy: null,
      drawingOfLotsNeeded: true,
      sharedRank: 1,
    });
  });
});

describe("warnings", () => {
  it("flags an abnormally low bid: 40 % below the mean of the others or 30 % below the next", () => {
    const result = score({ method: "lowest-price" }, [bid("low", 65), bid("B", 100), bid("C", 110)]);
    const low = result.warnings.filter((w) => w.code === "abnormally-low");
    expect(low.map((w) => w.bidId)).toEqual(["low"]);
    expect(low[0]!.message).toContain("35.0 % below the next bid (100.00; threshold 30 %)");
    expect(low[0]!.message).not.toContain("mean");
    expect(result.ranking[0]!.flags).toEqual(["abnormally-low"]);
    // 65 is only 38.1 % below the mean of 100 and 110 (105); 60 is 42.9 % below it.
    const both = score({ method: "lowest-price" }, [bid("low", 60), bid("B", 100), bid("C", 110)])
      .warnings[0]!;
    expect(both.message).toMatch(/42\.9 % below the mean .*40\.0 % below the next/);
  });

  it("thresholds are configurable", () => {
    const model: AwardModel = {
      method: "lowest-price",
      abnormallyLow: { belowMeanPercent: 10, belowNextPercent: 5 },
    };
    expect(score(model, [bid("A", 94), bid("B", 100)]).warnings.map((w) => w.bidId)).toEqual(["A"]);
    expect(score({ method: "lowest-price" }, [bid("A", 94), bid("B", 100)]).warnings).toEqual([]);
  });

  it("warns when price and quality scales differ in length (Telgen), not for absolute formulas", () => {
    const criteria = [{ id: "q", name: "Q", scale: { min: 0, max: 10 }, maxPoints: 50 }];
    const bids = [bid("A", 100, { qualityScores: { q: 5 } }), bid("B", 125, { qualityScores: { q: 5 } })];
    const rel = score({ ...priceOnly("relative-lowest"), criteria }, bids).warnings;
    expect(rel.find((w) => w.code === "scale-length-mismatch")!.message).toContain(
      "span 20.0 % of the price scale",
    );
    const abs = score(
      {
        method: "weighted-points",
        price: { formula: "absolute-linear", maxPoints: 50, bounds: { min: eur(0), max: eur(200) } },
        criteria,
      },
      bids,
    ).warnings;
    expect(abs).toEqual([]);
  });
});

describe("robustness", () => {
  it("reports per criterion the smallest change of its maximum points that changes the winner", () => {
    const model: AwardModel = {
      method: "weighted-points",
      price: { formula: "absolute-linear", maxPoints: 60, bounds: { min: eur(0), max: eur(200) } },
      criteria: [{ id: "q", name: "Q", scale: { min: 0, max: 10 }, maxPoints: 40 }],
    };
    // A: 60 × 100/200 = 30 + 40 × 0.2 = 8 → 38; B: 60 × 50/200 = 15 + 40 × 0.5 = 20 → 35.
    const result = score(model, [
      bid("A", 100, { qualityScores: { q: 2 } }),
      bid("B", 150, { qualityScores: { q: 5 } }),
    ]);
    expect(result.ranking.map((r) => [r.bidId, r.totalScore])).toEqual([
      ["A", 38],
      ["B", 35],
    ]);
    // q: B gains 0.3 per point more than A: +10 points draws level. price: A gains 0.25 more: −12 draws level.
    expect(result.robustness.weightSensitivity).toEqual([
      {
        criterionId: "price",
        maxPoints: 60,
        increase: null,
        decrease: { by: -12, newMaxPoints: 48, newWinner: "B" },
      },
      {
        criterionId: "q",
        maxPoints: 40,
        increase: { by: 10, newMaxPoints: 50, newWinner: "B" },
        decrease: null,
      },
    ]);
    expect(result.robustness.bidRemoval).toBeNull();
    // Check: at q = 50, A = 30 + 10 = 40, B = 15 + 25 = 40.
  });
});

describe("value sensitivity (award on value)", () => {
  it("reports per criterion the change of its euro value at which the winner changes", () => {
    const model: AwardModel = {
      method: "award-on-value",
      criteria: [{ id: "q", name: "Q", scale: { min: 0, max: 10 }, maxValue: eur(10_000) }],
    };
    // A: 100,000 − 2,000 = 98,000; B: 101,000 − 6,000 = 95,000 → B wins.
    const result = score(model, [
      bid("A", 100_000, { qualityScores: { q: 2 } }),
      bid("B", 101_000, { qualityScores: { q: 6 } }),
    ]);
    expect(result.ranking.map((r) => [r.bidId, r.evaluatedPrice?.amount])).toEqual([
      ["B", 95_000],
      ["A", 98_000],
    ]);
    // At 2,500: A = 100,000 − 500 = 99,500 and B = 101,000 − 1,500 = 99,500.
    expect(result.robustness.valueSensitivity).toEqual([
      {
        criterionId: "q",
        maxValue: eur(10_000),
        increase: null,
        decrease: { by: eur(-7500), newMaxValue: eur(2500), newWinner: "A" },
      },
    ]);
    expect(result.robustness.weightSensitivity).toBeNull();
  });
});

describe("reproducibility", () => {
  const input: ScoringInput = {
    awardModel: {
      ...priceOnly("relative-lowest"),
      corrections: { certificate: { tableId: "co2-ladder-prorail" } },
    },
    bids: [bid("A", 100, { certificates: { "co2-ladder": 2 } }), bid("B", 90)],
  };

  it("carries the engine version and a SHA-256 digest of the canonical input", () => {
    const result = scoreBids(input, tables);
    expect(result.engineVersion).toBe(ENGINE_VERSION);
    expect(result.inputDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("resolves a missing table version before digesting: naming the newest version gives the same digest", () => {
    const pinned: ScoringInput = {
      ...input,
      awardModel: {
        ...input.awardModel,
        corrections: { certificate: { tableId: "co2-ladder-prorail", version: "as-retrieved-2026" } },
      },
    };
    expect(scoreBids(pinned, tables).inputDigest).toBe(scoreBids(input, tables).inputDigest);
  });

  it("gives byte-identical output for the same input, and a different digest for a different input", () => {
    const a = JSON.stringify(scoreBids(input, tables));
    const b = JSON.stringify(scoreBids(structuredClone(input), tables));
    expect(a).toBe(b);
    const other = scoreBids({ ...input, bids: [bid("A", 100), bid("B", 90)] }, tables);
    expect(other.inputDigest).not.toBe(scoreBids(input, tables).inputDigest);
  });
});

describe("award model validation", () => {
  const catalogue = { id: "oost-nederland" };
  const paths = (model: AwardModel) => fieldErrors(() => score(model, [])).map((e) => e.path);

  it("names what each social-return mode needs", () => {
    expect(paths({ method: "lowest-price", socialReturn: { mode: "minimum", catalogue } })).toEqual([
      "awardModel.socialReturn.percentOfPrice",
    ]);
    expect(
      paths({
        ...priceOnly("relative-lowest"),
        socialReturn: { mode: "points", catalogue, percentOfPrice: 5, fullPointsAtPercent: 4 },
      }),
    ).toEqual(["awardModel.socialReturn.maxPoints", "awardModel.socialReturn.fullPointsAtPercent"]);
    expect(paths({ method: "award-on-value", socialReturn: { mode: "euro-credit", catalogue } })).toEqual([
      "awardModel.socialReturn.creditFactor",
    ]);
  });

  it("refuses repeated tie-breakers, thresholds outside 0–100, bad scales and duplicate criteria", () => {
    expect(
      paths({
        method: "lowest-price",
        tieBreakers: ["lower-price", "lower-price"],
        abnormallyLow: { belowMeanPercent: 140 },
        criteria: [
          { id: "q", name: "Q", scale: { min: 5, max: 5 } },
          { id: "q", name: "Q again", scale: { min: 0, max: 10 }, minimumScore: 11 },
        ],
      }),
    ).toEqual([
      "awardModel.criteria.0.scale",
      "awardModel.criteria.1.id",
      "awardModel.criteria.1.minimumScore",
      "awardModel.tieBreakers.1",
      "awardModel.abnormallyLow.belowMeanPercent",
    ]);
  });

  it("keeps bounds and log base to the formulas they belong to", () => {
    expect(
      paths({
        method: "weighted-points",
        price: {
          formula: "relative-lowest",
          maxPoints: 10,
          bounds: { min: eur(0), max: eur(1) },
          logBase: 2,
        },
      }),
    ).toEqual(["awardModel.price.bounds", "awardModel.price.logBase"]);
    expect(
      paths({
        method: "weighted-points",
        price: { formula: "absolute-linear", maxPoints: 10, bounds: { min: eur(5), max: eur(5) } },
      }),
    ).toEqual(["awardModel.price.bounds"]);
  });
});
