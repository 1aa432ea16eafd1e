/**
 * npm run bench: runs every benchmark suite, prints each one's table and budgets, and writes the
 * figures to bench/results.json (not committed). Exits 1 when a budget is missed (or a suite fails),
 * with the margins printed. `npm run bench -- api upload` runs the suites named.
 *
 *   engine   scoring and valuation against a plain-loop floor (CPU time)           bench/engine.ts
 *   api      latency, throughput and DynamoDB calls per request of five routes     bench/api.ts
 *   upload   a 500-row CSV upload of realisation entries                           bench/upload.ts
 *   bundles  Lambda bundle sizes and import times against a floor bundle           bench/bundles.ts
 *   console  console pages: server render time beyond the API calls they make        bench/console.ts
 *   reports  a region report (figures, PDF, CSV) on the cached synthetic region     bench/reports.ts
 *
 * The suites that drive the handlers share one dynalite, in a child process, started before anything
 * loads the store client (it reads DYNAMODB_ENDPOINT once); each uses a table of its own. The reports
 * suite runs in processes of its own, on its own persisted dynalite (the cached region).
 */
import "../lib/local/quiet-sdk.js";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { startDynaliteProcess } from "./database.js";
import { report, type SuiteResult } from "./suite.js";

interface Suite {
  name: string;
  /** Drives the handlers against a database. */
  database: boolean;
  run(): Promise<SuiteResult>;
}

// Imported when run: the engine's workload and the handlers load the store client.
const SUITES: Suite[] = [
  {
    name: "engine",
    database: false,
    run: async () => (await import("./engine.js")).runEngineSuite(),
  },
  {
    name: "api",
    database: true,
    run: async () => (await import("./api.js")).runApiSuite(),
  },
  {
    name: "upload",
    database: true,
    run: async () => {
      const { uploadResult } = await import("./figures.js");
      return uploadResult((await (await import("./upload.js")).benchUpload()).figures);
    },
  },
  {
    name: "bundles",
    database: false,
    run: async () => {
      const { bundlesResult } = await import("./figures.js");
      return bundlesResult((await (await import("./bundles.js")).benchBundles()).figures);
    },
  },
  {
    name: "console",
    database: true,
    run: async () => (await import("./console.js")).runConsoleSuite(),
  },
  {
    name: "reports",
    database: false,
    run: async () => (await import("./reports.js")).runReportsSuite(),
  },
];

// Before any suite loads the handlers: no request log lines nor metric documents (their output would
// be measured too). POWERTOOLS_LOG_LEVEL=INFO to see them.
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";

const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

async function main(): Promise<void> {
  const began = performance.now();
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(", ")}; the suites: ${SUITES.map((s) => s.name).join(", ")}`);
    process.exitCode = 2;
    return;
  }
  const chosen = SUITES.filter((s) => only.length === 0 || only.includes(s.name));
  const loadBefore = loadavg();
  const dynamo =
    chosen.some((s) => s.database) && !process.env.DYNAMODB_ENDPOINT
      ? await startDynaliteProcess()
      : undefined;
  if (dynamo) process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;

  const results: (SuiteResult & { seconds: number })[] = [];
  const failed: { suite: string; error: string }[] = [];
  try {
    for (const suite of chosen) {
      const start = performance.now();
      try {
        const result = await suite.run();
        const took = seconds(performance.now() - start);
        console.log(`${report(result)}\n(${suite.name}: ${took} s)\n`);
        results.push({ ...result, seconds: took });
      } catch (error) {
        console.error(`== ${suite.name} FAILED\n${(error as Error).stack ?? error}\n`);
        failed.push({ suite: suite.name, error: String((error as Error).message ?? error) });
      }
    }
  } finally {
    await dynamo?.close();
  }

  const budgets = results.flatMap((r) => r.budgets);
  const missed = budgets.filter((b) => !b.met);
  const total = seconds(performance.now() - began);
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        // A busy machine (load above the cores) slows every figure: read them with it.
        loadAverage: { before: round2(loadBefore), after: round2(loadavg()) },
        seconds: total,
        suites: results,
        failed,
        budgetsMissed: missed.map((b) => ({
          name: b.name,
          measured: b.measured,
          limit: b.limit,
          margin: b.margin,
        })),
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    [
      `${budgets.length - missed.length} of ${budgets.length} budgets met; figures in ${RESULTS}`,
      ...missed.map((b) => `MISSED  ${b.name}: ${b.measured} of ${b.limit} ${b.unit}, margin ${b.margin}`),
      ...failed.map((f) => `FAILED  suite ${f.suite}: ${f.error}`),
      `${cpus().length} CPUs, load average ${round2(loadBefore).join(" ")} before, ${round2(loadavg()).join(" ")} after; total ${total} s`,
    ].join("\n"),
  );
  if (missed.length > 0 || failed.length > 0) process.exitCode = 1;
}

const round2 = (values: number[]) => values.map((v) => Number(v.toFixed(2)));

await main();
