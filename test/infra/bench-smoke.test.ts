import { describe, expect, it } from "vitest";
import { benchBundles } from "../../bench/bundles.js";
import { bundlesResult } from "../../bench/figures.js";

/** npm run bench's bundle suite once, without budgets, so it keeps running as the code changes. */
describe("bench: bundles suite", () => {
  it("builds every area's bundle and the floor, and times one import of each", async () => {
    const result = bundlesResult((await benchBundles({ runs: 1 })).figures, false);
    expect(result.rows[0]!.bundle).toBe("floor");
    expect(result.rows.length).toBeGreaterThan(1);
    for (const row of result.rows) {
      expect(row.sizeKB).toBeGreaterThan(row.gzipKB as number);
      expect(row.importMs).toBeGreaterThan(0);
    }
    expect(result.budgets).toEqual([]);
  }, 120_000);
});
