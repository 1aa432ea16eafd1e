/**
 * Benchmark: a 500-row CSV upload of realisation entries (POST /v1/contracts/{id}/entries/import)
 * through the deployed handler, on an in-process dynalite; once as is and once with every DynamoDB call
 * delayed by 10 ms (roughly a call's round trip in AWS). Prints a table and JSON; run alone with
 * `npx tsx bench/upload.ts` (exit 1 when a budget is missed), or call `benchUpload()`.
 *
 * The database: DYNAMODB_ENDPOINT when set (a runner that started one), else a dynalite of its own,
 * closed at the end; always a table of its own, with the demo data, and a fresh contract and
 * candidates per run. The shared client takes its endpoint when lib/store/client.ts first loads, so a
 * runner that times several benchmarks in one process sets DYNAMODB_ENDPOINT before the first.
 */
import "../lib/local/quiet-sdk.js";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { RecordedCall } from "../lib/store/call-counter.js";
import { BENCH_SIGNING_KEY, withEnv } from "./database.js";

export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  budget?: number;
  ok?: boolean;
  /** DynamoDB calls of one upload (the median run's). */
  calls?: number;
  /**
   * Median CPU time of the process per upload, dynalite's included: on a busy machine the wall clock
   * also counts other processes, this much less.
   */
  cpuMs?: number;
  /**
   * The least the upload's calls could cost: each run's calls replayed bare right after it
   * (bench/upload-floor.ts); median of the runs.
   */
  floor?: { what: string; median: number };
}

export const ROWS = 500;
/** The added latency of every DynamoDB call in the second case. */
export const LATENCY_MS = 10;
/**
 * Budgets: well under a second locally; with latency under a third of the contracts function's 10 s
 * timeout (infra/constructs/area-function.ts), so a slow moment in AWS still finishes.
 */
export const BUDGET_LOCAL_MS = 1000;
export const BUDGET_LATENCY_MS = 3000;

const NOW = new Date("2026-07-01T12:00:00Z");
const OFFICER_ORG = "gm-zwolle";
const SUPPLIER_ORG = "sup-groenwerk-twente";

/**
 * ROWS rows for many candidates: most have one row, every fifth a second one right after it (its months
 * count after the first's, and in the 12-month block pass its maximum), in four blocks of three kinds;
 * the employment rows also claim FTE across the supplier's contracts.
 */
export function uploadCsv(tag: string, rows = ROWS): string {
  const lines = ["blockId;candidateRef;startDate;endDate;fte;period"];
  const blocks = [
    ["pwet-gt-2y", "0,5"],
    ["ww-lt-1y", "0,8"],
    ["work-experience", ""],
    ["bbl-1-2", ""],
  ] as const;
  for (let n = 0; lines.length <= rows; n++) {
    const [block, fte] = blocks[n % blocks.length]!;
    const ref = `${tag}-${n}`;
    lines.push(`${block};${ref};2025-01-01;2025-10-31;${fte};2025`);
    if (n % 5 === 0 && lines.length <= rows) lines.push(`${block};${ref};2025-11-01;2026-02-28;${fte};2025`);
  }
  return `${lines.join("\n")}\n`;
}

/** 0 → A, 25 → Z, 26 → AA, … */
const letters = (n: number): string =>
  (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(65 + (n % 26));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchUpload(
  options: { runs?: number; rows?: number } = {},
): Promise<{ figures: Figure[] }> {
  const runs = options.runs ?? 5;
  const rows = options.rows ?? ROWS;
  const { ensureTable, startDynalite } = await import("../lib/local/dynalite.js");
  const own = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynalite();
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? own!.endpoint;
  const restoreEnv = withEnv({
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? "local",
    TABLE_NAME: `bench-upload-${randomUUID()}`,
    DEV_SIGNING_KEY: process.env.DEV_SIGNING_KEY ?? BENCH_SIGNING_KEY,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT",
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? "true",
  });
  // The shared client reads DYNAMODB_ENDPOINT when its module loads: only now.
  const { db } = await import("../lib/store/client.js");
  const { installCallCounter } = await import("../lib/store/call-counter.js");
  const { clock } = await import("../lib/http/clock.js");
  const { invoke } = await import("../functions/local.js");
  const { toApiGatewayEvent } = await import("../lib/local/event.js");
  const { mintToken } = await import("../lib/local/tokens.js");
  const { seedDemoData } = await import("../lib/seed/index.js");
  const { replayBare } = await import("./upload-floor.js");

  const counter = installCallCounter(db);
  try {
    await ensureTable(endpoint, process.env.TABLE_NAME!);
    clock.set(NOW);
    await seedDemoData(NOW);
    const key = process.env.DEV_SIGNING_KEY!;
    const officer = await mintToken({ role: "officer", org: OFFICER_ORG }, key);
    const supplier = await mintToken({ role: "supplier", org: SUPPLIER_ORG }, key);
    const send = async (method: string, url: string, token: string, body: string, type: string) => {
      const headers = {
        authorization: `Bearer ${token}`,
        "content-type": type,
        "idempotency-key": randomUUID(),
      };
      const result = await invoke(toApiGatewayEvent({ method, url, headers, body }));
      return { status: result.statusCode, body: result.body ?? "" };
    };

    /** One upload on a fresh contract: its time and DynamoDB calls (the contract's set-up not counted). */
    let uploads = 0;
    const uploadOnce = async () => {
      // Fresh candidates per run (their FTE claims span the supplier's contracts), named without digits
      // that a BSN scan could take for one.
      const tag = `RUN${letters(uploads++)}`;
      const registered = await send(
        "POST",
        "/v1/contracts",
        officer,
        JSON.stringify({
          reference: `BENCH-${tag}`,
          title: "Benchmark upload",
          supplierId: SUPPLIER_ORG,
          type: "services",
          value: { amount: 2_000_000, currency: "EUR" },
          startDate: "2025-01-01",
          endDate: "2026-12-31",
        }),
        "application/json",
      );
      if (registered.status !== 201) throw new Error(`contract not registered: ${registered.body}`);
      const contractId = JSON.parse(registered.body).id as string;
      const csv = uploadCsv(tag, rows);
      const cpu = process.cpuUsage();
      const began = performance.now();
      const { result: res, calls } = await counter.counted(() =>
        send("POST", `/v1/contracts/${contractId}/entries/import`, supplier, csv, "text/csv"),
      );
      const ms = performance.now() - began;
      const { user, system } = process.cpuUsage(cpu);
      if (res.status !== 200) throw new Error(`upload answered ${res.status}: ${res.body.slice(0, 500)}`);
      const created = JSON.parse(res.body).results.length;
      if (created !== rows) throw new Error(`upload created ${created} of ${rows} rows`);
      return { ms, calls, cpuMs: (user + system) / 1000 };
    };

    const replay = (calls: RecordedCall[], run: number) =>
      replayBare(calls, process.env.TABLE_NAME!, `BENCH-FLOOR#${run}`);
    /** `runs` uploads; with `floorTimes`, each upload's calls replayed bare right after it. */
    const measure = async (
      name: string,
      latency: number,
      budget: number,
      floorTimes?: number[],
    ): Promise<Figure> => {
      const samples: { ms: number; calls: RecordedCall[]; cpuMs: number }[] = [];
      for (let i = 0; i < runs; i++) {
        counter.latencyMs = latency;
        const sample = await uploadOnce();
        samples.push(sample);
        counter.latencyMs = 0;
        if (floorTimes) floorTimes.push(await replay(sample.calls, samples.length));
      }
      const times = samples.map((s) => s.ms);
      const mid = median(times);
      const medianRun = samples.reduce((a, b) => (Math.abs(b.ms - mid) < Math.abs(a.ms - mid) ? b : a));
      return {
        name,
        unit: "ms",
        median: round(mid),
        min: round(Math.min(...times)),
        max: round(Math.max(...times)),
        budget,
        ok: mid <= budget,
        calls: medianRun.calls.length,
        cpuMs: round(median(samples.map((s) => s.cpuMs))),
      };
    };

    // Warm-up, not measured: module loading and JIT, of the upload and of the replay.
    await replay((await uploadOnce()).calls, 0);
    const floorTimes: number[] = [];
    const local = await measure(`upload ${rows} rows`, 0, BUDGET_LOCAL_MS, floorTimes);
    const floor = {
      what: `its ${local.calls} calls replayed bare`,
      median: round(median(floorTimes)),
    };
    const figures = [
      { ...local, floor },
      await measure(`upload ${rows} rows, ${LATENCY_MS} ms per DynamoDB call`, LATENCY_MS, BUDGET_LATENCY_MS),
    ];
    return { figures };
  } finally {
    counter.remove();
    clock.reset();
    restoreEnv();
    await own?.close();
  }
}

function table(figures: Figure[]): string {
  const header = ["name", "median", "min", "max", "budget", "calls", "cpu", "ok"];
  const rows = figures.map((f) => [
    f.name,
    `${f.median} ${f.unit}`,
    `${f.min} ${f.unit}`,
    `${f.max} ${f.unit}`,
    f.budget === undefined ? "" : `${f.budget} ${f.unit}`,
    String(f.calls ?? ""),
    f.cpuMs === undefined ? "" : `${f.cpuMs} ms`,
    f.ok === undefined ? "" : f.ok ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
  const { figures } = await benchUpload(runs ? { runs } : {});
  console.log(table(figures));
  console.log(JSON.stringify({ bench: "upload", figures }, null, 2));
  if (figures.some((f) => f.ok === false)) process.exitCode = 1;
}
