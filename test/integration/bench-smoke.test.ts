import { describe, expect, it } from "vitest";
import { runApiSuite } from "../../bench/api.js";
import { coveredMs, runConsoleSuite } from "../../bench/console.js";
import { REPORT_BUDGETS, reportsResult, uploadResult } from "../../bench/figures.js";
import { measureReports } from "../../bench/reports.js";
import { FULL_SIZE } from "../../bench/synthetic/options.js";
import { generateSyntheticRegion } from "../../bench/synthetic/region.js";
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
      rounds: 2,
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
      "floor of simulate: me + body + answer",
      "GET /v1/contracts/{id}/balance",
      "floor of balance: me + its BatchGetItem",
      "GET /v1/contracts",
    ]);
    expect(byRoute["GET /v1/health"]).toMatchObject({ calls: 0, sequential: 0 });
    // Warm: the caller's organisation and the reference tables come from the container's caches.
    expect(byRoute["GET /v1/me"]).toMatchObject({ calls: 0, sequential: 0 });
    expect(byRoute["POST /v1/scoring/simulate (10 bids)"]).toMatchObject({ calls: 0 });
    // The contract and its totals in one BatchGetItem once the container knows its blocks (after warm-up).
    expect(byRoute["GET /v1/contracts/{id}/balance"]).toMatchObject({ calls: 1, callsMax: 1, sequential: 1 });
    // The floors: the simulation's without any call, the balance's with the route's one call.
    expect(byRoute["floor of simulate: me + body + answer"]).toMatchObject({ calls: 0 });
    expect(byRoute["floor of balance: me + its BatchGetItem"]).toMatchObject({ calls: 1, callsMax: 1 });
    for (const row of result.rows) {
      expect(row["p50@0ms"]).toBeGreaterThan(0);
      // Two rounds of two requests: the lowest and the highest p50 of a single round.
      const [low, high] = String(row["rounds@0ms"]).split("–").map(Number);
      expect(low).toBeLessThanOrEqual(high!);
      expect(row["p99@2ms"]).toBeGreaterThanOrEqual(row["p50@2ms"] as number);
      expect(row["req/s@0ms"]).toBeGreaterThan(0);
    }
  });
});

describe("bench: upload suite", () => {
  it("uploads a tiny CSV as is and with added latency, and reports its calls", async () => {
    const { figures } = await benchUpload({ runs: 1, rows: 6 });
    const result = uploadResult(figures, false);
    const calls = figures[0]!.calls;
    expect(result.rows.map((r) => r.measure)).toEqual([
      "upload 6 rows",
      `floor: its ${calls} calls replayed bare`,
      "upload 6 rows, 10 ms per DynamoDB call",
    ]);
    for (const row of result.rows) {
      expect(row.medianMs).toBeGreaterThan(0);
      expect(row.calls).toBeGreaterThan(0);
    }
    // The added latency: at least 10 ms for each call one after another.
    expect(result.rows[2]!.medianMs).toBeGreaterThan(10);
    expect(result.budgets).toEqual([]);
    const budgets = uploadResult(figures).budgets;
    expect(budgets.map((b) => b.limit)).toEqual([1000, 3000]);
    // The local budget is read against the floor of the same calls, measured in the same run.
    expect(budgets[0]!.floor).toEqual({
      what: `its ${calls} calls replayed bare`,
      measured: result.rows[1]!.medianMs,
    });
  });
});

describe("bench: reports suite", () => {
  it("measures a region report and its floors on a tiny synthetic region", async () => {
    const region = await generateSyntheticRegion({
      ...FULL_SIZE,
      regionId: "bench-smoke",
      municipalities: 2,
      suppliers: 3,
      contracts: 6,
      entries: 120,
    });
    const measured = await measureReports({
      ...region,
      now: region.options.now,
      runs: 1,
      pdfRuns: 1,
      warmup: 0,
    });
    expect(measured.contracts).toBe(6);
    expect(measured.reported).toBeGreaterThan(0);
    expect(measured.monthRows).toBeGreaterThan(0);
    expect(measured.pdfBytes).toBeGreaterThan(1000);
    expect(measured.csvBytes).toBeGreaterThan(100);
    expect(measured.floorTable.columns).toBe(10);
    expect(measured.floorTable.rows).toBeGreaterThanOrEqual(measured.reported);
    expect(measured.peakRssMB).toBeGreaterThan(0);
    const result = reportsResult(measured, { region }, false);
    expect(result.rows.map((r) => r.measure)).toEqual([
      "figures",
      "figures floor",
      "pdf",
      "pdf floor",
      "csv",
      "figures + pdf + csv",
    ]);
    for (const row of result.rows) expect(row.medianMs).toBeGreaterThan(0);
    expect(result.budgets).toEqual([]);
    const checked = reportsResult(measured).budgets;
    expect(checked.map((b) => b.limit)).toEqual([
      Math.round(REPORT_BUDGETS.figuresOverFloor * measured.floor.medianMs * 10) / 10,
      Math.round(REPORT_BUDGETS.pdfOverFloor * measured.pdfFloor.cpuMedianMs * 10) / 10,
      10_000,
      512,
    ]);
  });
});

describe("bench: console suite", () => {
  it("renders each role's home and the data pages, and splits their time from the API's", async () => {
    const table = process.env.TABLE_NAME;
    const result = await runConsoleSuite({ requests: 2, warmup: 1, budgets: false });
    expect(process.env.TABLE_NAME).toBe(table);
    expect(result.budgets).toEqual([]);
    const byPage = Object.fromEntries(result.rows.map((r) => [r.page, r]));
    expect(Object.keys(byPage)).toEqual([
      "sign-in page",
      "home, officer",
      "home, supplier",
      "home, auditor",
      "home, admin",
      "contracts list, officer",
      "contract with its balance, officer",
      "tender evaluation, officer",
      "review queue, auditor",
      "region dashboard, auditor",
    ]);
    // Pages that show data ask the API for it: the split below is measured, not assumed.
    for (const page of [
      "contracts list, officer",
      "contract with its balance, officer",
      "review queue, auditor",
    ])
      expect(byPage[page]!.apiCalls, page).toBeGreaterThanOrEqual(1);
    expect(byPage["sign-in page"]).toMatchObject({ apiCalls: 0 });
    for (const row of result.rows) {
      expect(row.renderMs).toBeGreaterThan(0);
      expect(row.totalMs).toBeGreaterThanOrEqual(row.renderMs as number);
      expect(row.htmlKB).toBeGreaterThan(0);
    }
  });

  it("counts overlapping API calls once", () => {
    expect(
      coveredMs([
        { startMs: 0, endMs: 10 },
        { startMs: 5, endMs: 12 },
        { startMs: 20, endMs: 21 },
      ]),
    ).toBe(13);
    expect(coveredMs([])).toBe(0);
  });
});
