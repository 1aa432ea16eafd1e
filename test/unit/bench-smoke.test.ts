import { describe, expect, it } from "vitest";
import { runEngineSuite } from "../../bench/engine.js";
import { bundlesResult, uploadResult } from "../../bench/figures.js";
import { percentile } from "../../bench/load.js";
import {
  belowFloor,
  budget,
  budgetLines,
  growthExponent,
  report,
  timeSideBySide,
} from "../../bench/suite.js";

/**
 * The benchmark (npm run bench) at tiny sizes and without budgets, so it keeps running as the code
 * changes. The suites that need more than this layer has run elsewhere: api and upload against dynalite
 * (test/integration/bench-smoke.test.ts), bundles with esbuild (test/infra/bench-smoke.test.ts).
 */

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
      "valuation 40 lines",
      "scoring relative-lowest 3 × 3",
      "scoring relative-lowest 12 × 3",
      "scoring absolute-linear 3 × 3",
      "scoring absolute-linear 12 × 3",
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

  it("tells a budget its floor already exceeds from one the work itself misses", () => {
    const reachable = budget("simulate p50", 30, 14, "ms", { what: "me + body + answer", measured: 11 });
    const unreachable = budget("balance p99", 47, 30, "ms", { what: "me + its one call", measured: 44 });
    expect([belowFloor(reachable), belowFloor(unreachable), belowFloor(budget("x", 1, 2, "ms"))]).toEqual([
      false,
      true,
      false,
    ]);
    expect(budgetLines([reachable, unreachable])).toBe(
      [
        "MISSED  simulate p50: 30 ms of 14 ms, margin -16 ms (-114 %); floor (me + body + answer) 11 ms",
        "MISSED  balance p99: 47 ms of 30 ms, margin -17 ms (-57 %); floor (me + its one call) 44 ms, already over the limit",
      ].join("\n"),
    );
  });
});

describe("bench: work timed side by side with its floor", () => {
  it("takes turns, each run starting with the next, and times each work apart", async () => {
    const order: string[] = [];
    const work = (name: string, ms: number) => async () => {
      order.push(name);
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    const [slow, fast] = await timeSideBySide([work("slow", 30), work("fast", 1)], 3, 1);
    expect(order).toEqual(["slow", "fast", "slow", "fast", "fast", "slow", "slow", "fast"]);
    expect(slow.runs).toBe(3);
    // Each run's time goes to its own work: the slow one's fastest run still took its 30 ms.
    expect(slow.minMs).toBeGreaterThanOrEqual(29);
    expect(fast.runs).toBe(3);
  });
});

describe("bench: figures of the upload and bundle benchmarks as suite results", () => {
  it("checks each bundle's size and import time against the floor's, with margins", () => {
    const figure = (name: string, unit: string, median: number, extra = {}) => ({
      name,
      unit,
      median,
      min: median,
      max: median,
      ...extra,
    });
    const result = bundlesResult([
      figure("bundles.floor.size", "KB", 480),
      figure("bundles.floor.gzip", "KB", 150),
      figure("bundles.floor.import", "ms", 100),
      figure("bundles.floor.importCpu", "ms", 90),
      figure("bundles.scoring.size", "KB", 700, { floor: 480, budget: 680, ok: false }),
      figure("bundles.scoring.gzip", "KB", 210),
      figure("bundles.scoring.import", "ms", 110, { floor: 100, budget: 120, ok: true }),
      figure("bundles.scoring.importCpu", "ms", 95),
    ]);
    expect(result.rows.map((r) => [r.bundle, r.sizeKB, r.importMs])).toEqual([
      ["floor", 480, 100],
      ["scoring", 700, 110],
    ]);
    expect(budgetLines(result.budgets)).toBe(
      [
        "MISSED  scoring bundle ≤ floor 480 KB + 200 KB: 700 KB of 680 KB, margin -20 KB (-3 %)",
        "met     scoring import ≤ 1.2× floor 100 ms: 110 ms of 120 ms, margin 10 ms (8 %)",
      ].join("\n"),
    );
    expect(bundlesResult([], false).budgets).toEqual([]);
  });

  it("checks the upload's median against its budget", () => {
    const result = uploadResult([
      { name: "upload 500 rows", unit: "ms", median: 800, min: 700, max: 900, budget: 1000, calls: 1500 },
    ]);
    expect(result.rows).toEqual([
      { measure: "upload 500 rows", medianMs: 800, minMs: 700, maxMs: 900, calls: 1500 },
    ]);
    expect(result.budgets).toEqual([budget("upload 500 rows", 800, 1000, "ms")]);
    expect(report(result)).toContain("met     upload 500 rows: 800 ms of 1000 ms, margin 200 ms (20 %)");
  });

  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
