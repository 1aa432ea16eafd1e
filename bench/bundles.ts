/**
 * Cold-start bench of the Lambda function bundles: builds every area's function with the esbuild
 * options CDK deploys (infra/bundling.ts) and a floor bundle (bench/floor-entry.ts: the DynamoDB
 * client, lib-dynamodb and the Powertools utilities every function loads anyway), then imports each
 * bundle in fresh `node` processes with a Lambda-like environment. Budgets, against the floor measured
 * in the same run: a function bundle is at most the floor + 200 KB, and imports in at most 1.2× the
 * floor's median time. KB = 1,024 bytes.
 *
 * Run alone with `npx tsx bench/bundles.ts` (table, then JSON; exit code 1 when a budget is missed),
 * or call `benchBundles()`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { areaEntry, BUNDLE_FILE, esbuildOptions } from "../infra/bundling.js";
import { PROJECT_ROOT } from "../infra/constructs/area-function.js";
import { servedAreas } from "../infra/stacks/api-stack.js";

export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  /** The floor bundle's value of the same figure, when the figure has a budget. */
  floor?: number;
  budget?: number;
  ok?: boolean;
}

export const BUDGETS = {
  /** A function bundle may add this much to the floor bundle. */
  extraKB: 200,
  /** A function bundle's median import time, as a multiple of the floor's. */
  importRatio: 1.2,
} as const;

const KB = 1024;
const FLOOR = "floor";
const DEFAULT_RUNS = 7;

/** As in Lambda (infra/constructs/area-function.ts): tracing on, source maps on, no credentials. */
const LAMBDA_LIKE_ENV = {
  PATH: process.env.PATH ?? "",
  NODE_OPTIONS: "--enable-source-maps",
  AWS_REGION: "eu-west-1",
  AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
  AWS_LAMBDA_FUNCTION_NAME: "bundle-bench",
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_EC2_METADATA_DISABLED: "true",
  // Lambda runs Node 22; here the SDK would print its Node 20 end-of-support warning (lib/local/quiet-sdk.ts).
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  TABLE_NAME: "impact-procurement-bundle-bench",
  AUTH_ISSUER: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bundlebench",
  AUTH_AUDIENCE: "bundle-bench-client",
  POWERTOOLS_SERVICE_NAME: "impact-procurement",
  POWERTOOLS_METRICS_NAMESPACE: "ImpactProcurement",
  POWERTOOLS_LOG_LEVEL: "INFO",
};

/**
 * Runs in the child: the bundle's import alone, without Node's own start, as elapsed time and as CPU
 * time of the process (all its threads). The budget is on elapsed time; CPU time varies less when
 * other processes compete for the machine, so it helps to tell a regression from a busy machine.
 */
const CHILD = `
const [cpu, started] = [process.cpuUsage(), performance.now()];
await import(process.argv[1]);
const ms = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000 }));
`;

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
}

interface Timing {
  ms: number;
  cpuMs: number;
}

async function buildBundles(outdir: string): Promise<Bundle[]> {
  const entries: [string, string][] = [
    [FLOOR, join(PROJECT_ROOT, "bench", "floor-entry.ts")],
    ...servedAreas().map((area): [string, string] => [area, join(PROJECT_ROOT, areaEntry(area))]),
  ];
  return Promise.all(
    entries.map(async ([name, entry]) => {
      await build({ ...esbuildOptions(entry, join(outdir, name)), absWorkingDir: PROJECT_ROOT });
      const file = join(outdir, name, BUNDLE_FILE);
      const code = readFileSync(file);
      return { name, file, bytes: code.length, gzipBytes: gzipSync(code).length };
    }),
  );
}

const run = promisify(execFile);

async function timeImport(bundle: Bundle, cwd: string): Promise<Timing> {
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "-e", CHILD, pathToFileURL(bundle.file).href],
    // Away from the repository: the bundle must not resolve anything from node_modules.
    { env: LAMBDA_LIKE_ENV, cwd, timeout: 30_000 },
  );
  const timing = JSON.parse(stdout.trim().split("\n").at(-1) || "null") as Timing | null;
  if (!Number.isFinite(timing?.ms))
    throw new Error(`${bundle.name}: no import time in ${JSON.stringify(stdout)}`);
  return timing!;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 10) / 10;

const fixed = (name: string, unit: string, value: number): Figure => {
  const v = round(value);
  return { name, unit, median: v, min: v, max: v };
};

const spread = (name: string, unit: string, values: readonly number[]): Figure => ({
  name,
  unit,
  median: round(median(values)),
  min: round(Math.min(...values)),
  max: round(Math.max(...values)),
});

function figuresOf(bundles: readonly Bundle[], timings: ReadonlyMap<string, Timing[]>): Figure[] {
  const floor = bundles.find((b) => b.name === FLOOR)!;
  const floorKB = round(floor.bytes / KB);
  const floorMs = round(median(timings.get(FLOOR)!.map((t) => t.ms)));
  return bundles.flatMap((bundle): Figure[] => {
    const runs = timings.get(bundle.name)!;
    const size = fixed(`bundles.${bundle.name}.size`, "KB", bundle.bytes / KB);
    const gzip = fixed(`bundles.${bundle.name}.gzip`, "KB", bundle.gzipBytes / KB);
    const imported = spread(
      `bundles.${bundle.name}.import`,
      "ms",
      runs.map((t) => t.ms),
    );
    const cpu = spread(
      `bundles.${bundle.name}.importCpu`,
      "ms",
      runs.map((t) => t.cpuMs),
    );
    if (bundle.name === FLOOR) return [size, gzip, imported, cpu];
    const sizeBudget = round(floorKB + BUDGETS.extraKB);
    const importBudget = round(floorMs * BUDGETS.importRatio);
    return [
      { ...size, floor: floorKB, budget: sizeBudget, ok: size.median <= sizeBudget },
      gzip,
      { ...imported, floor: floorMs, budget: importBudget, ok: imported.median <= importBudget },
      cpu,
    ];
  });
}

/**
 * Builds the bundles into a temporary folder (removed afterwards) and imports each `runs` times, in
 * rounds over all bundles so that the machine's load drifts alike for every bundle; a first round
 * that only warms the file cache is not counted.
 */
export async function benchBundles(options: { runs?: number } = {}): Promise<{ figures: Figure[] }> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const outdir = mkdtempSync(join(tmpdir(), "impact-bench-bundles-"));
  try {
    const bundles = await buildBundles(outdir);
    const timings = new Map(bundles.map((b) => [b.name, [] as Timing[]]));
    for (const bundle of bundles) await timeImport(bundle, outdir);
    for (let round = 0; round < runs; round++) {
      for (const bundle of bundles) timings.get(bundle.name)!.push(await timeImport(bundle, outdir));
    }
    return { figures: figuresOf(bundles, timings) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** One row per bundle: sizes, import times, and each budget with its margin (+ = room left). */
export function table(figures: readonly Figure[]): string {
  const names = [...new Set(figures.map((f) => f.name.split(".")[1]!))];
  const of = (name: string, what: string) => figures.find((f) => f.name === `bundles.${name}.${what}`)!;
  const budget = (f: Figure, unit: string) => {
    if (f.budget === undefined) return "";
    const margin = round(f.budget - f.median);
    return `${f.ok ? "ok" : "MISSED"} ≤ ${f.budget} ${unit} (${margin >= 0 ? "+" : ""}${margin})`;
  };
  const header = ["bundle", "size KB", "gzip KB", "import ms median (min–max)", "CPU ms median"];
  const rows = [
    [...header, "size budget (margin)", "import budget (margin)"],
    ...names.map((name) => {
      const [size, imported] = [of(name, "size"), of(name, "import")];
      return [
        name,
        String(size.median),
        String(of(name, "gzip").median),
        `${imported.median} (${imported.min}–${imported.max})`,
        String(of(name, "importCpu").median),
        budget(size, "KB"),
        budget(imported, "ms"),
      ];
    }),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  return rows.map((row) => line(row).trimEnd()).join("\n");
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const { figures } = await benchBundles();
  console.log(table(figures));
  console.log(JSON.stringify({ figures }, null, 2));
  if (figures.some((f) => f.ok === false)) process.exitCode = 1;
}
