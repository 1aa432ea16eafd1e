import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import { computeSanction, DEFAULT_SANCTION_FACTOR } from "../../../lib/domain/sroi/sanction.js";
import { bid, tables } from "../scoring/fixtures.js";

/**
 * The advantage a CO2-ladder level gave at award, as the award records it for the contract: the
 * engine's certificate-discount line (ProRail table, 1, 2, 4, 7, 10 %) on the raw bid price.
 */
const ladderAdvantageCents = (priceEuros: number, level: number): number => {
  const result = scoreBids(
    {
      awardModel: {
        method: "award-on-value",
        corrections: { certificate: { tableId: "co2-ladder-prorail" } },
      },
      bids: [bid("X", priceEuros, { certificates: { "co2-ladder": level } })],
    },
    tables,
  );
  const line = result.ranking[0]!.breakdown.corrections.find((c) => c.kind === "certificate-discount");
  return line ? -line.amountCents : 0;
};

describe("sustainability sanction", () => {
  it("is 1.5 × the advantage gained at award by default (EUR 30M at ladder level 3 → 1.2M advantage)", () => {
    const advantage = ladderAdvantageCents(30_000_000, 3);
    expect(advantage).toBe(120_000_000);
    const s = computeSanction({ advantageCents: advantage });
    expect(DEFAULT_SANCTION_FACTOR).toBe(1.5);
    expect(s.sanctionCents).toBe(180_000_000);
    expect(s.formula).toBe("1.5 × 1200000.00 = 1800000.00");
  });

  it("forfeits only the unearned part of a partly kept promise, with the factor from data", () => {
    const promised = ladderAdvantageCents(30_000_000, 3);
    const reached = ladderAdvantageCents(30_000_000, 2);
    expect(reached).toBe(60_000_000);
    const s = computeSanction({ advantageCents: promised, earnedCents: reached, factor: 2 });
    expect(s.unearnedCents).toBe(60_000_000);
    expect(s.sanctionCents).toBe(120_000_000);
    expect(s.formula).toBe("2 × (1200000.00 − 600000.00) = 1200000.00");
  });

  it("rounds half away from zero and refuses negative amounts", () => {
    expect(computeSanction({ advantageCents: 1, factor: 1.5 }).sanctionCents).toBe(2);
    expect(() => computeSanction({ advantageCents: -1 })).toThrow(InvalidInput);
  });
});
