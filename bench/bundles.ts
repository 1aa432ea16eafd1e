/**
 * Cold-start bench of the Lambda function bundles: builds every area's function with the esbuild
 * options CDK deploys (infra/bundling.ts) and a floor bundle (bench/floor-entry.ts: the DynamoDB
 * client, lib-dynamodb and the Powertools utilities every function loads anyway), then imports each
 * bundle in fresh `node` processes with a Lambda-like environment. Budgets, against the floor measured
 * in the same run: a function's initial load is at most the floor's + 200 KB, and imports in at most
 * 1.2× the floor's median time. KB = 1,024 bytes.
 *
 * Bundles are split (index.mjs plus chunks/): "initial" is what importing index.mjs loads (recorded
 * by a module hook in a separate, untimed run), "total" every file of the bundle. The router loads a
 * route's module on the route's first request, so each area also reports its cold start as a first
 * request sees it: the import plus the loading of its heaviest route (the most code beyond the
 * initial load), timed in the same process.
 *
 * Run alone with `npx tsx bench/bundles.ts` (table, then JSON; exit code 1 when a budget is missed),
 * or call `benchBundles()`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { areaEntry, BUNDLE_FILE, esbuildOptions } from "../infra/bundling.js";
import { rotated } from "./suite.js";
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
const DEFAULT_RUNS = 11;

/** As in Lambda (infra/constructs/area-function.ts): tracing on, source maps on, no credentials. */
export const LAMBDA_LIKE_ENV = {
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
 * time of the process (all its threads); then, if given, the import of a route's chunk, as the
 * router's first request for it does. The budget is on elapsed time; CPU time varies less when other
 * processes compete for the machine, so it helps to tell a regression from a busy machine.
 */
const CHILD = `
const time = async (url) => {
  const [cpu, started] = [process.cpuUsage(), performance.now()];
  await import(url);
  const { user, system } = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (user + system) / 1000 };
};
const entry = await time(process.argv[1]);
const route = process.argv[2] ? await time(process.argv[2]) : undefined;
console.log(JSON.stringify({ ...entry, route }));
`;

/** Runs in the child of the untimed run: writes each file Node loads to the file named in `data`. */
const LOAD_HOOK = `
import { appendFileSync } from "node:fs";
let log;
export function initialize(file) { log = file; }
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(log, url + "\\n");
  return next(url, context);
}
`;
const RECORDER = `
import { register } from "node:module";
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(LOAD_HOOK)}`)}, { data: process.argv[1] });
await import(process.argv[2]);
if (process.argv[3]) await import(process.argv[3]);
`;

interface Bundle {
  name: string;
  dir: string;
  /** Bytes of each code file (.mjs), by path relative to the bundle's folder. */
  files: Map<string, { bytes: number; gzipBytes: number }>;
  /** Code files loaded by importing index.mjs. */
  initial: string[];
  /** The route whose chunk loads the most code beyond the initial load, and the files it adds. */
  heaviestRoute?: { module: string; chunk: string; adds: string[] };
}

interface Timing {
  ms: number;
  cpuMs: number;
  route?: { ms: number; cpuMs: number };
}

async function buildBundles(outdir: string): Promise<Bundle[]> {
  const entries: [string, string][] = [
    [FLOOR, join(PROJECT_ROOT, "bench", "floor-entry.ts")],
    ...servedAreas().map((area): [string, string] => [area, join(PROJECT_ROOT, areaEntry(area))]),
  ];
  const built = await Promise.all(
    entries.map(async ([name, entry]) => {
      const dir = join(outdir, name);
      const { metafile } = await build({ ...esbuildOptions(entry, dir), metafile: true });
      return { name, dir, metafile };
    }),
  );
  const bundles: Bundle[] = [];
  // One at a time: the recording runs are not timed, but should not disturb each other either.
  for (const { name, dir, metafile } of built) {
    const files = new Map<string, { bytes: number; gzipBytes: number }>();
    for (const output of Object.keys(metafile.outputs).filter((o) => o.endsWith(".mjs"))) {
      const code = readFileSync(join(PROJECT_ROOT, output));
      files.set(relative(dir, join(PROJECT_ROOT, output)), {
        bytes: code.length,
        gzipBytes: gzipSync(code).length,
      });
    }
    const initial = await loadedFiles(dir, outdir);
    const route = name === FLOOR ? undefined : heaviestRoute(metafile, dir, name, new Set(initial));
    const adds = route
      ? (await loadedFiles(dir, outdir, route.chunk)).filter((f) => !initial.includes(f))
      : [];
    bundles.push({ name, dir, files, initial, ...(route ? { heaviestRoute: { ...route, adds } } : {}) });
  }
  return bundles;
}

/** The code files (relative to the bundle folder) that importing index.mjs, then `chunk`, loads. */
async function loadedFiles(dir: string, cwd: string, chunk?: string): Promise<string[]> {
  const log = join(cwd, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const urls = [BUNDLE_FILE, ...(chunk ? [chunk] : [])].map((f) => pathToFileURL(join(dir, f)).href);
  await run(process.execPath, ["--input-type=module", "-e", RECORDER, log, ...urls], {
    env: LAMBDA_LIKE_ENV,
    cwd,
    timeout: 30_000,
  });
  const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
  rmSync(log);
  return [...new Set(loaded.map((url) => relative(dir, fileURLToPath(url))))].sort();
}

/**
 * The area's route module whose chunk, with the chunks it imports, adds the most bytes to the
 * initial load (read from esbuild's metafile; the timed runs then load it as the router would).
 */
function heaviestRoute(metafile: Metafile, dir: string, area: string, initial: ReadonlySet<string>) {
  const rel = (output: string) => relative(dir, join(PROJECT_ROOT, output));
  const outputs = metafile.outputs;
  const closure = (output: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(output)) return seen;
    seen.add(output);
    for (const i of outputs[output]!.imports)
      if (i.kind === "import-statement" && outputs[i.path]) closure(i.path, seen);
    return seen;
  };
  const added = (output: string) =>
    [...closure(output)].filter((o) => !initial.has(rel(o))).reduce((sum, o) => sum + outputs[o]!.bytes, 0);
  const routes = Object.entries(outputs).filter(
    ([, o]) => o.entryPoint?.startsWith(`functions/${area}/`) && !o.entryPoint.endsWith("/handler.ts"),
  );
  const [chunk, output] = routes.reduce((a, b) => (added(b[0]) > added(a[0]) ? b : a));
  return { module: output.entryPoint!, chunk: rel(chunk) };
}

const run = promisify(execFile);

async function timeImport(bundle: Bundle, cwd: string): Promise<Timing> {
  const url = (file: string) => pathToFileURL(join(bundle.dir, file)).href;
  const route = bundle.heaviestRoute ? [url(bundle.heaviestRoute.chunk)] : [];
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "-e", CHILD, url(BUNDLE_FILE), ...route],
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

const sum = (bundle: Bundle, files: readonly string[], what: "bytes" | "gzipBytes") =>
  files.reduce((total, file) => total + bundle.files.get(file)![what], 0);

function figuresOf(bundles: readonly Bundle[], timings: ReadonlyMap<string, Timing[]>): Figure[] {
  const floor = bundles.find((b) => b.name === FLOOR)!;
  const floorKB = round(sum(floor, floor.initial, "bytes") / KB);
  const floorMs = round(median(timings.get(FLOOR)!.map((t) => t.ms)));
  return bundles.flatMap((bundle): Figure[] => {
    const runs = timings.get(bundle.name)!;
    const name = (what: string) => `bundles.${bundle.name}.${what}`;
    const all = [...bundle.files.keys()];
    const size = fixed(name("size"), "KB", sum(bundle, bundle.initial, "bytes") / KB);
    const sizes = [
      fixed(name("gzip"), "KB", sum(bundle, bundle.initial, "gzipBytes") / KB),
      fixed(name("sizeTotal"), "KB", sum(bundle, all, "bytes") / KB),
      fixed(name("files"), "files", all.length),
    ];
    const imported = spread(
      name("import"),
      "ms",
      runs.map((t) => t.ms),
    );
    const cpu = spread(
      name("importCpu"),
      "ms",
      runs.map((t) => t.cpuMs),
    );
    if (bundle.name === FLOOR) return [size, ...sizes, imported, cpu];
    const sizeBudget = round(floorKB + BUDGETS.extraKB);
    const importBudget = round(floorMs * BUDGETS.importRatio);
    const route = bundle.heaviestRoute!;
    const cold = [
      fixed(name("firstRequestSize"), "KB", sum(bundle, [...bundle.initial, ...route.adds], "bytes") / KB),
      spread(
        name("firstRequest"),
        "ms",
        runs.map((t) => t.ms + t.route!.ms),
      ),
      spread(
        name("firstRequestCpu"),
        "ms",
        runs.map((t) => t.cpuMs + t.route!.cpuMs),
      ),
    ];
    return [
      { ...size, floor: floorKB, budget: sizeBudget, ok: size.median <= sizeBudget },
      ...sizes,
      { ...imported, floor: floorMs, budget: importBudget, ok: imported.median <= importBudget },
      cpu,
      ...cold,
    ];
  });
}

/**
 * Builds the bundles into a temporary folder (removed afterwards) and imports each `runs` times, in
 * rounds over all bundles, each round starting one bundle later, so that the machine's load drifts
 * alike for every bundle; a first round that only warms the file cache is not counted.
 */
export async function benchBundles(
  options: { runs?: number } = {},
): Promise<{ figures: Figure[]; heaviestRoutes: Record<string, string>; loadAverage: number[] }> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const outdir = mkdtempSync(join(tmpdir(), "impact-bench-bundles-"));
  try {
    const bundles = await buildBundles(outdir);
    const timings = new Map(bundles.map((b) => [b.name, [] as Timing[]]));
    for (const bundle of bundles) await timeImport(bundle, outdir);
    for (let round = 0; round < runs; round++) {
      for (const bundle of rotated(bundles, round))
        timings.get(bundle.name)!.push(await timeImport(bundle, outdir));
    }
    const heaviestRoutes = Object.fromEntries(
      bundles.flatMap((b) => (b.heaviestRoute ? [[b.name, b.heaviestRoute.module]] : [])),
    );
    // A busy machine (load above the cores) slows every figure: read them with it.
    const loadAverage = loadavg().map((l) => Number(l.toFixed(2)));
    return { figures: figuresOf(bundles, timings), heaviestRoutes, loadAverage };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** One row per bundle: sizes, import times, and each budget with its margin (+ = room left). */
export function table(figures: readonly Figure[]): string {
  const names = [...new Set(figures.map((f) => f.name.split(".")[1]!))];
  const of = (name: string, what: string) => figures.find((f) => f.name === `bundles.${name}.${what}`);
  const budget = (f: Figure, unit: string) => {
    if (f.budget === undefined) return "";
    const margin = round(f.budget - f.median);
    return `${f.ok ? "ok" : "MISSED"} ≤ ${f.budget} ${unit} (${margin >= 0 ? "+" : ""}${margin})`;
  };
  const header = [
    "bundle",
    "initial KB (gzip)",
    "total KB (files)",
    "import ms median (min–max)",
    "CPU ms",
    "first request ms (CPU ms, KB)",
    "size budget (margin)",
    "import budget (margin)",
  ];
  const rows = [
    header,
    ...names.map((name) => {
      const [size, imported] = [of(name, "size")!, of(name, "import")!];
      const first = of(name, "firstRequest");
      return [
        name,
        `${size.median} (${of(name, "gzip")!.median})`,
        `${of(name, "sizeTotal")!.median} (${of(name, "files")!.median})`,
        `${imported.median} (${imported.min}–${imported.max})`,
        String(of(name, "importCpu")!.median),
        first
          ? `${first.median} (${of(name, "firstRequestCpu")!.median}, ${of(name, "firstRequestSize")!.median})`
          : "",
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
  const result = await benchBundles();
  console.log(table(result.figures));
  console.log(
    `heaviest routes: ${JSON.stringify(result.heaviestRoutes)}; load average ${result.loadAverage}`,
  );
  console.log(JSON.stringify(result, null, 2));
  if (result.figures.some((f) => f.ok === false)) process.exitCode = 1;
}
