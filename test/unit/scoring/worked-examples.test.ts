import { describe, expect, it } from "vitest";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import type { RankedBid } from "../../../lib/domain/scoring/types.js";
import { bid, eur, priceOnly, tables } from "./fixtures.js";

/** The worked examples of lib/domain/scoring/README.md, reproduced exactly. */

const byId = (ranking: RankedBid[], id: string) => ranking.find((r) => r.bidId === id)!;

describe("price formulas: relative-lowest, A 40 / B 80 / C 100 at 50 points", () => {
  it("scores 50, 25, 20", () => {
    const result = scoreBids(
      { awardModel: priceOnly("relative-lowest", 50), bids: [bid("A", 40), bid("B", 80), bid("C", 100)] },
      tables,
    );
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.totalScore])).toEqual([
      ["A", 1, 50],
      ["B", 2, 25],
      ["C", 3, 20],
    ]);
    expect(byId(result.ranking, "B").breakdown.pricePoints!.text).toBe("50 × 40.00 / 80.00 = 25");
  });

  it("without A, B and C score 50 and 40: their gap doubles", () => {
    const result = scoreBids(
      { awardModel: priceOnly("relative-lowest", 50), bids: [bid("B", 80), bid("C", 100)] },
      tables,
    );
    expect(result.ranking.map((r) => [r.bidId, r.totalScore])).toEqual([
      ["B", 50],
      ["C", 40],
    ]);
  });

  it("reports that removing a losing bid can reverse the order of two others", () => {
    const model = {
      ...priceOnly("relative-lowest", 50),
      criteria: [{ id: "plan", name: "Plan", scale: { min: 0, max: 10 }, maxPoints: 10 }],
    };
    // With A: A 50, C 20 + 7 = 27, B 25 + 0 = 25. Without A: B 50, C 40 + 7 = 47 — B overtakes C.
    const result = scoreBids(
      {
        awardModel: model,
        bids: [
          bid("A", 40, { qualityScores: { plan: 0 } }),
          bid("B", 80, { qualityScores: { plan: 0 } }),
          bid("C", 100, { qualityScores: { plan: 7 } }),
        ],
      },
      tables,
    );
    expect(result.ranking.map((r) => [r.bidId, r.totalScore])).toEqual([
      ["A", 50],
      ["C", 27],
      ["B", 25],
    ]);
    // Without A the ranking is B 50, C 47: one reversal, and the second place changes hands.
    // Removing B or C changes nothing for the others, so only A's removal is listed.
    expect(result.robustness.bidRemoval).toEqual({
      removalsChecked: 3,
      margin: 23,
      effects: [
        {
          removedBidId: "A",
          reversalCount: 1,
          reversals: [{ nowAhead: "B", nowBehind: "C" }],
          winners: ["B"],
          winnerChanges: true,
          top: [
            { bidId: "B", rank: 1 },
            { bidId: "C", rank: 2 },
          ],
          topChanges: true,
          margin: 3,
        },
      ],
    });
    expect(result.warnings.map((w) => w.code)).toContain("relative-price-formula");
  });
});

describe("corrections: CO2-Prestatieladder (ProRail table)", () => {
  it("EUR 30M at level 3 is evaluated at EUR 28.8M and beats EUR 29M at level 0", () => {
    const result = scoreBids(
      {
        awardModel: {
          method: "award-on-value",
          corrections: { certificate: { tableId: "co2-ladder-prorail" } },
        },
        bids: [
          bid("L0", 29_000_000, { certificates: { "co2-ladder": 0 } }),
          bid("L3", 30_000_000, { certificates: { "co2-ladder": 3 } }),
        ],
      },
      tables,
    );
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.evaluatedPrice])).toEqual([
      ["L3", 1, eur(28_800_000)],
      ["L0", 2, eur(29_000_000)],
    ]);
    const discount = byId(result.ranking, "L3").breakdown.corrections[0]!;
    expect(discount).toEqual({
      kind: "certificate-discount",
      category: "certificate",
      label: "co2-ladder level 3: 4 % discount",
      amount: eur(-1_200_000),
      amountCents: -120_000_000,
      formula: "30000000.00 × 4 % = 1200000.00, deducted",
      table: { id: "co2-ladder-prorail", version: "as-retrieved-2026" },
      source: expect.stringContaining("deduurzameadviseurs.nl"),
    });
    // Level 0 is absent from the table: no discount line at all.
    expect(byId(result.ranking, "L0").breakdown.corrections).toEqual([]);
    expect(result.tables).toEqual([
      expect.objectContaining({
        kind: "certificate-discount",
        id: "co2-ladder-prorail",
        version: "as-retrieved-2026",
      }),
    ]);
  });

  it("gives the same corrected price under weighted points", () => {
    const result = scoreBids(
      {
        awardModel: {
          ...priceOnly("relative-lowest", 100),
          corrections: { certificate: { tableId: "co2-ladder-prorail" } },
        },
        bids: [bid("L0", 29_000_000), bid("L3", 30_000_000, { certificates: { "co2-ladder": 3 } })],
      },
      tables,
    );
    expect(result.ranking[0]!.bidId).toBe("L3");
    expect(result.ranking[0]!.evaluatedPrice).toEqual(eur(28_800_000));
    expect(result.ranking[0]!.totalScore).toBe(100);
    // 100 × 28.8M / 29M = 99.3103448…
    expect(result.ranking[1]!.totalScore).toBe(99.3103);
  });
});

describe("award on value", () => {
  it("Negometrix: EUR 80,000, criterion worth EUR 2,500, 'partially meets' = 60 % → EUR 78,500", () => {
    const result = scoreBids(
      {
        awardModel: {
          method: "award-on-value",
          criteria: [{ id: "quality", name: "Quality", scale: { min: 0, max: 100 }, maxValue: eur(2500) }],
        },
        bids: [bid("X", 80_000, { qualityScores: { quality: 60 } })],
      },
      tables,
    );
    const x = result.ranking[0]!;
    expect(x.evaluatedPrice).toEqual(eur(78_500));
    expect(x.breakdown.fictitiousPrice).toEqual(eur(78_500));
    expect(x.breakdown.valueDeductions).toEqual([
      {
        kind: "quality-value",
        label: "Quality value: Quality",
        amount: eur(-1500),
        formula: "2500.00 × (60 − 0) / (100 − 0) = 1500.00",
      },
    ]);
    expect(x.totalScore).toBeNull();
  });

  it("PIANOo 1–10 scale: value = max × (score − 1) / 9, rounded half away from zero to cents", () => {
    const criteria = [{ id: "q", name: "Q", scale: { min: 1, max: 10 }, maxValue: eur(10_000) }];
    const run = (score: number) =>
      scoreBids(
        {
          awardModel: { method: "award-on-value", criteria },
          bids: [bid("X", 100_000, { qualityScores: { q: score } })],
        },
        tables,
      ).ranking[0]!;
    expect(run(1).breakdown.quality[0]!.value).toEqual(eur(0));
    expect(run(10).breakdown.quality[0]!.value).toEqual(eur(10_000));
    expect(run(7).breakdown.quality[0]!.value).toEqual(eur(6666.67)); // 10000 × 6/9 = 6666.666…
    expect(run(8).breakdown.quality[0]!.value).toEqual(eur(7777.78));
    expect(run(8).evaluatedPrice).toEqual(eur(92_222.22));
  });

  it("a Negometrix malus scale (10 … −10, zero at 0) deducts a negative value", () => {
    const criteria = [{ id: "q", name: "Q", scale: { min: -10, max: 10, zeroAt: 0 }, maxValue: eur(1000) }];
    const r = scoreBids(
      {
        awardModel: { method: "award-on-value", criteria },
        bids: [bid("X", 5000, { qualityScores: { q: -5 } })],
      },
      tables,
    ).ranking[0]!;
    expect(r.breakdown.quality[0]!.value).toEqual(eur(-500));
    expect(r.evaluatedPrice).toEqual(eur(5500));
  });
});

describe("corrections: true price", () => {
  it("climate at EUR 0.312 per kg CO2e = EUR 312 per tonne", () => {
    const result = scoreBids(
      {
        awardModel: {
          method: "lowest-cost",
          corrections: { truePrice: { factorSetId: "true-price-monetisation" } },
        },
        bids: [bid("X", 100_000, { externalities: [{ factorId: "climate", quantity: 1000 }] })],
      },
      tables,
    );
    const line = result.ranking[0]!.breakdown.corrections[0]!;
    expect(line).toMatchObject({
      kind: "true-price",
      category: "environmental",
      amount: eur(312),
      formula: "1000 kg CO2e × EUR 0.312 per kg CO2e × weight 1 = 312.00",
      table: { id: "true-price-monetisation", version: "4.0.2-nl.1" },
      externality: "environmental",
    });
    expect(result.ranking[0]!.evaluatedPrice).toEqual(eur(100_312));
  });

  it("a tender may pick another CO2 price, and weight and categories apply", () => {
    const result = scoreBids(
      {
        awardModel: {
          method: "lowest-cost",
          corrections: {
            truePrice: {
              factorSetId: "true-price-monetisation",
              weight: 0.5,
              categories: ["environmental"],
              co2Price: { tableId: "ce-delft-2017" },
            },
          },
        },
        bids: [
          bid("X", 100_000, {
            externalities: [
              { factorId: "climate", quantity: 2000 },
              { factorId: "underpayment-below-living-wage", quantity: 10_000 },
            ],
          }),
        ],
      },
      tables,
    );
    const lines = result.ranking[0]!.breakdown.corrections;
    // 2000 kg × 57 EUR/t × 0.5 = 57.00; the social factor counts under no lowest-cost model.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      amount: eur(57),
      table: { id: "ce-delft-2017", version: "as-retrieved-2026" },
      source: "CE Delft Handboek Milieuprijzen 2017 via PBL 2018",
    });
  });
});

describe("leave-one-out and tie-breakers", () => {
  it("finds the reversal a tie-breaker makes once the one bid without its key is gone", () => {
    // X, B and C share the corrected price 101 and the same quality, so the same points. X has no
    // submission time: earlier-submission is skipped and the raw price orders them X, B, C. Without X,
    // earlier submission applies and puts C (day 1) before B (day 2). X sets neither Pmin nor Pmax.
    const q = (score: number) => ({ qualityScores: { q: score } });
    const result = scoreBids(
      {
        awardModel: {
          ...priceOnly("relative-lowest", 60),
          criteria: [{ id: "q", name: "Quality", scale: { min: 0, max: 10 }, maxPoints: 40 }],
          corrections: { mki: { valuationFactor: 1 } },
          tieBreakers: ["earlier-submission", "lower-price"],
        },
        bids: [
          bid("X", 99, { mki: eur(2), ...q(6) }),
          bid("B", 100, { mki: eur(1), ...q(6), submittedAt: "2026-03-02T09:00:00Z" }),
          bid("C", 101, { mki: eur(0), ...q(6), submittedAt: "2026-03-01T09:00:00Z" }),
          bid("L", 80, { mki: eur(0), ...q(1), submittedAt: "2026-03-03T09:00:00Z" }),
          bid("H", 140, { mki: eur(0), ...q(10), submittedAt: "2026-03-04T09:00:00Z" }),
        ],
      },
      tables,
    );
    expect(result.ranking.map((r) => r.bidId)).toEqual(["H", "X", "B", "C", "L"]);
    const withoutX = result.robustness.bidRemoval!.effects.find((e) => e.removedBidId === "X");
    expect(withoutX).toMatchObject({
      reversalCount: 1,
      reversals: [{ nowAhead: "C", nowBehind: "B" }],
      winnerChanges: false,
      top: [
        { bidId: "H", rank: 1 },
        { bidId: "C", rank: 2 },
        { bidId: "B", rank: 3 },
      ],
      topChanges: true,
    });
  });
});

describe("leave-one-out stays small", () => {
  it("counts every reversal but lists at most ten, and only the removals that change something", () => {
    // Relative-lowest: without the cheapest bid A every other bid's price points double, which turns
    // the order of B01…B20 (each a hair ahead of the one before on quality) fully around: 190 pairs.
    const others = Array.from({ length: 20 }, (_, i) => {
      const price = 101 + i;
      const pricePoints = (40 * 50) / price;
      return bid(`B${String(i + 1).padStart(2, "0")}`, price, {
        qualityScores: { q: Number((50 - pricePoints + (i + 1) * 0.001).toFixed(6)) },
      });
    });
    const result = scoreBids(
      {
        awardModel: {
          ...priceOnly("relative-lowest", 40),
          criteria: [{ id: "q", name: "Quality", scale: { min: 0, max: 100 }, maxPoints: 100 }],
        },
        bids: [bid("A", 50, { qualityScores: { q: 0 } }), ...others],
      },
      tables,
    );
    expect(result.ranking.map((r) => r.bidId).slice(0, 3)).toEqual(["B20", "B19", "B18"]);
    const removal = result.robustness.bidRemoval!;
    expect(removal.removalsChecked).toBe(21);
    expect(removal.effects.map((e) => e.removedBidId)).toEqual(["A"]);
    const withoutA = removal.effects[0]!;
    expect(withoutA.reversalCount).toBe(190);
    expect(withoutA.reversals).toHaveLength(10);
    expect(withoutA.reversals[0]).toEqual({ nowAhead: "B01", nowBehind: "B02" });
    expect(withoutA).toMatchObject({
      winners: ["B01"],
      winnerChanges: true,
      top: [
        { bidId: "B01", rank: 1 },
        { bidId: "B02", rank: 2 },
        { bidId: "B03", rank: 3 },
      ],
      topChanges: true,
    });
  });
});
