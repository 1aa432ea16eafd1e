import { describe, expect, it } from "vitest";
import { runApiSuite } from "../../bench/api.js";
import { uploadResult } from "../../bench/figures.js";
import { benchUpload } from "../../bench/upload.js";

/**
 * The suites of npm run bench that drive the handlers, at tiny sizes and without budgets, so they keep
 * running as the code changes: each on a table of its own, on this layer's dynalite.
 */

describe("bench: api suite", () => {
  it("measures every route with and without added latency, and counts its DynamoDB calls", async () => {
    const table = process.env.TABLE_NAME;
    const result = await runApiSuite({
      requests: 4,
      warmup: 1,
      concurrency: 2,
      latenciesMs: [0, 2],
      budgets: false,
    });
    // The bench's own table was only borrowed.
    expect(process.env.TABLE_NAME).toBe(table);
    expect(result.budgets).toEqual([]);
    const byRoute = Object.fromEntries(result.rows.map((r) => [r.route, r]));
    expect(Object.keys(byRoute)).toEqual([
      "GET /v1/health",
      "GET /v1/me",
      "POST /v1/scoring/simulate (10 bids)",
      "GET /v1/contracts/{id}/balance",
      "GET /v1/contracts",
    ]);
    expect(byRoute["GET /v1/health"]).toMatchObject({ calls: 0, sequential: 0 });
    // Warm: the caller's organisation and the reference tables come from the container's caches.
    expect(byRoute["GET /v1/me"]).toMatchObject({ calls: 0, sequential: 0 });
    expect(byRoute["POST /v1/scoring/simulate (10 bids)"]).toMatchObject({ calls: 0 });
    expect(byRoute["GET /v1/contracts/{id}/balance"]).toMatchObject({ calls: 2, sequential: 1 });
    for (const row of result.rows) {
      expect(row["p50@0ms"]).toBeGreaterThan(0);
      expect(row["p99@2ms"]).toBeGreaterThanOrEqual(row["p50@2ms"] as number);
      expect(row["req/s@0ms"]).toBeGreaterThan(0);
    }
  });
});

describe("bench: upload suite", () => {
  it("uploads a tiny CSV as is and with added latency, and reports its calls", async () => {
    const { figures } = await benchUpload({ runs: 1, rows: 6 });
    const result = uploadResult(figures, false);
    expect(result.rows.map((r) => r.measure)).toEqual([
      "upload 6 rows",
      "upload 6 rows, 10 ms per DynamoDB call",
    ]);
    for (const row of result.rows) {
      expect(row.medianMs).toBeGreaterThan(0);
      expect(row.calls).toBeGreaterThan(0);
    }
    // The added latency: at least 10 ms for each call one after another.
    expect(result.rows[1]!.medianMs).toBeGreaterThan(10);
    expect(result.budgets).toEqual([]);
    expect(uploadResult(figures).budgets.map((b) => b.limit)).toEqual([1000, 3000]);
  });
});
