import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import type { AwardModel, Bid } from "../../../lib/domain/scoring/types.js";
import { bid, eur, priceOnly, tables } from "./fixtures.js";

/** Social return in scoring (lib/domain/scoring/README.md), valued with the shared valuation. */

const catalogue = { id: "oost-nederland", version: "V05-2023-04" };
// Oost-Nederland: Participatiewet > 2 years = EUR 40,000 per year, at most 24 months.
const oneYear = [{ blockId: "pwet-gt-2y", fte: 1, months: 12 }]; // 40,000.00
const halfYear = [{ blockId: "pwet-gt-2y", fte: 0.5, months: 12 }]; // 20,000.00

const score = (awardModel: AwardModel, bids: Bid[]) => scoreBids({ awardModel, bids }, tables);

describe("social return: minimum", () => {
  const model: AwardModel = {
    method: "lowest-price",
    socialReturn: { mode: "minimum", catalogue, percentOfPrice: 5 },
  };

  it("a bid whose offer is below percentOfPrice × its own price is not compliant", () => {
    const result = score(model, [
      bid("A", 600_000, { socialReturnOffer: halfYear }), // needs 30,000, offers 20,000
      bid("B", 700_000, { socialReturnOffer: oneYear }), // needs 35,000, offers 40,000
    ]);
    expect(result.ranking.map((r) => [r.bidId, r.rank, r.compliant])).toEqual([
      ["B", 1, true],
      ["A", null, false],
    ]);
    expect(result.ranking[1]!.reasons).toEqual([
      "social-return offer 20000.00 is below the required 5 % of the bid price (30000.00)",
    ]);
    const sr = result.ranking[0]!.breakdown.socialReturn!;
    expect(sr).toMatchObject({
      mode: "minimum",
      catalogue,
      offerValue: eur(40_000),
      offerPercentOfPrice: 5.7,
      required: eur(35_000),
      meetsMinimum: true,
    });
    expect(sr.lines).toEqual([
      {
        blockId: "pwet-gt-2y",
        kind: "employment",
        targetGroup: "Participatiewet, more than 2 years on benefit",
        value: eur(40_000),
        reportedMonths: 12,
        countedMonths: 12,
        formula: "40000 × 1 × 12/12",
      },
    ]);
  });

  it("a missing catalogue version resolves to the newest and is pinned in the result", () => {
    const result = score(
      {
        method: "lowest-price",
        socialReturn: { mode: "minimum", catalogue: { id: "oost-nederland" }, percentOfPrice: 5 },
      },
      [bid("A", 100_000, { socialReturnOffer: halfYear })],
    );
    expect(result.tables).toEqual([expect.objectContaining({ kind: "sroi-catalogue", ...catalogue })]);
  });

  it("passes the valuation's field errors through with the bid's path", () => {
    try {
      score(model, [bid("A", 1000, { socialReturnOffer: [{ blockId: "nope", months: 1 }] })]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).errors).toEqual([
        {
          path: "bids.0.socialReturnOffer.0.blockId",
          message: expect.stringContaining('unknown block "nope"'),
        },
      ]);
    }
  });
});

describe("social return: points", () => {
  const model: AwardModel = {
    ...priceOnly("absolute-linear", 50),
    price: { formula: "absolute-linear", maxPoints: 50, bounds: { min: eur(0), max: eur(2_000_000) } },
    socialReturn: { mode: "points", catalogue, percentOfPrice: 2, fullPointsAtPercent: 6, maxPoints: 20 },
  };

  it("is absolute: 0 at the minimum, full points at fullPointsAtPercent, linear between, clamped", () => {
    const result = score(model, [
      bid("A", 1_000_000, { socialReturnOffer: oneYear }), // 4 % → 20 × (4 − 2)/(6 − 2) = 10
      bid("B", 500_000, { socialReturnOffer: oneYear }), // 8 % → clamped to 20
      bid("C", 2_000_000, { socialReturnOffer: oneYear }), // 2 % → 0
    ]);
    const points = Object.fromEntries(result.ranking.map((r) => [r.bidId, r.breakdown.socialReturn!.points]));
    expect(points).toEqual({ A: 10, B: 20, C: 0 });
    expect(result.ranking.find((r) => r.bidId === "B")!.breakdown.socialReturn!.formula).toMatch(/clamped/);
    // The offered percentage with 1 decimal, as in every other formula.
    expect(result.ranking.find((r) => r.bidId === "A")!.breakdown.socialReturn!.formula).toBe(
      "20 × (4.0 % − 2 %) / (6 % − 2 %) = 10",
    );
    // A's points do not depend on the other bids.
    expect(
      score(model, [bid("A", 1_000_000, { socialReturnOffer: oneYear })]).ranking[0]!.breakdown.socialReturn!
        .points,
    ).toBe(10);
    // The points count as quality.
    expect(result.ranking.find((r) => r.bidId === "A")!.breakdown.qualityPoints).toBe(10);
  });

  it("belongs to weighted points only", () => {
    expect(() =>
      score(
        {
          method: "award-on-value",
          socialReturn: { mode: "points", catalogue, fullPointsAtPercent: 5, maxPoints: 5 },
        },
        [],
      ),
    ).toThrow(InvalidInput);
  });
});

describe("social return: euro credit under award on value", () => {
  it("deducts offer value × credit factor after the corrections", () => {
    const result = score(
      {
        method: "award-on-value",
        corrections: { certificate: { tableId: "co2-ladder-prorail" } },
        socialReturn: { mode: "euro-credit", catalogue, creditFactor: 0.5 },
      },
      [bid("A", 1_000_000, { certificates: { "co2-ladder": 1 }, socialReturnOffer: oneYear })],
    );
    const a = result.ranking[0]!;
    // C = 1,000,000 − 1 % = 990,000; credit = 40,000 × 0.5 = 20,000 → 970,000.
    expect(a.breakdown.correctedPrice).toEqual(eur(990_000));
    expect(a.breakdown.valueDeductions).toEqual([
      {
        kind: "social-return-credit",
        label: "Social-return credit",
        amount: eur(-20_000),
        formula: "40000.00 × credit factor 0.5 = 20000.00",
      },
    ]);
    expect(a.evaluatedPrice).toEqual(eur(970_000));
  });

  it("is refused under weighted points", () => {
    try {
      score(
        {
          ...priceOnly("relative-lowest"),
          socialReturn: { mode: "euro-credit", catalogue, creditFactor: 1 },
        },
        [],
      );
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInput).errors.map((e) => e.path)).toEqual(["awardModel.socialReturn.mode"]);
    }
  });
});
