import { describe, expect, it } from "vitest";
import { runEngineSuite } from "../../bench/engine.js";
import { budget, budgetLines, growthExponent, report } from "../../bench/suite.js";

/** The benchmark (npm run bench) at tiny sizes and without budgets, so it keeps running as the code changes. */

describe("bench: engine suite", () => {
  it("scores and values tiny workloads, and its floors compute the engine's totals", () => {
    const result = runEngineSuite({
      sizes: [3, 12],
      criteria: 3,
      valuationLines: 40,
      valuationRuns: 1,
      runs: () => 1,
      budgets: false,
    });
    expect(result.budgets).toEqual([]);
    expect(result.rows.map((r) => `${r.measure} ${r.size}`)).toEqual([
      "scoring relative-lowest 3 × 3",
      "scoring relative-lowest 12 × 3",
      "scoring absolute-linear 3 × 3",
      "scoring absolute-linear 12 × 3",
      "valuation 40 lines",
    ]);
    for (const row of result.rows) {
      expect(row.wallMs).toBeGreaterThan(0);
      expect(row.cpuMs).toBeGreaterThanOrEqual(0);
      // Points are shown to 4 decimals; the valuation floor rounds each line to cents as the engine does.
      expect(row.floorDeviation).toBeLessThanOrEqual(row.measure === "valuation" ? 0 : 0.0001);
    }
    expect(report(result)).toContain("scoring relative-lowest");
  });

  it("reports a growth exponent and a budget's margin, met or missed", () => {
    expect(growthExponent(1_000, 50, 10_000, 500)).toBe(1);
    expect(growthExponent(1_000, 50, 10_000, 5_000)).toBe(2);
    const met = budget("scoring 1000 bids", 60, 100, "ms");
    const missed = budget("growth", 1.5, 1.3, "exponent");
    expect(met).toMatchObject({ met: true, margin: 40 });
    expect(missed).toMatchObject({ met: false, margin: -0.2 });
    expect(budgetLines([met, missed])).toBe(
      [
        "met     scoring 1000 bids: 60 ms of 100 ms, margin 40 ms (40 %)",
        "MISSED  growth: 1.5 of 1.3, margin -0.2 (-15 %)",
      ].join("\n"),
    );
  });
});
