import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import {
  computeSanction,
  DEFAULT_SANCTION_FACTOR,
  ladderAdvantageCents,
  mkiUnearnedCents,
} from "../../../lib/domain/sroi/sanction.js";

const PRORAIL = { "1": 1, "2": 2, "3": 4, "4": 7, "5": 10 };

describe("sustainability sanction", () => {
  it("is 1.5 × the advantage gained at award by default (EUR 30M at ladder level 3 → 1.2M advantage)", () => {
    const advantage = ladderAdvantageCents(3_000_000_000, PRORAIL, 3);
    expect(advantage).toBe(120_000_000);
    const s = computeSanction({ advantageCents: advantage });
    expect(DEFAULT_SANCTION_FACTOR).toBe(1.5);
    expect(s.sanctionCents).toBe(180_000_000);
    expect(s.formula).toBe("1.5 × 1200000.00 = 1800000.00");
  });

  it("forfeits only the unearned part of a partly kept promise, with the factor from data", () => {
    const promised = ladderAdvantageCents(3_000_000_000, PRORAIL, 3);
    const reached = ladderAdvantageCents(3_000_000_000, PRORAIL, 2);
    const s = computeSanction({ advantageCents: promised, earnedCents: reached, factor: 2 });
    expect(s.unearnedCents).toBe(60_000_000);
    expect(s.sanctionCents).toBe(120_000_000);
  });

  it("values an MKI overshoot and rounds half away from zero", () => {
    expect(mkiUnearnedCents(10_000_00, 12_500_00)).toBe(2_500_00);
    expect(mkiUnearnedCents(10_000_00, 9_000_00)).toBe(0);
    expect(computeSanction({ advantageCents: 1, factor: 1.5 }).sanctionCents).toBe(2);
    expect(() => computeSanction({ advantageCents: -1 })).toThrow(InvalidInput);
  });
});
