/**
 * npm run synthetic-region [-- --municipalities 55 --suppliers 400 --contracts 5000 --entries 200000
 * --seed 20260715]: a synthetic region (bench/synthetic/region.ts) in a persisted dynalite under
 * .data/bench/synthetic-region-v<generator version>-<hash of the options>/, generated once and reused
 * while its completion marker is there (an interrupted generation runs again over what it left: every
 * item is the same again). Progress on stderr; what was written, as JSON, on stdout. The reports
 * benchmark (bench/reports.ts) runs this first.
 */
import "../lib/local/quiet-sdk.js";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startDynaliteProcess, withEnv } from "./database.js";
import {
  FULL_SIZE,
  GENERATOR_VERSION,
  type SyntheticRegion,
  type SyntheticRegionOptions,
} from "./synthetic/options.js";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SYNTHETIC_TABLE = "synthetic-region";

/** The folder of a region's cached database: the generator's version and a hash of its options. */
export function regionFolder(options: SyntheticRegionOptions): string {
  const hash = createHash("sha256").update(JSON.stringify(options)).digest("hex").slice(0, 10);
  return `${PROJECT_ROOT}.data/bench/synthetic-region-v${GENERATOR_VERSION}-${hash}`;
}

/** The environment the service's modules read, pointed at a cached region's dynalite. */
export const regionEnv = (endpoint: string) => ({
  DYNAMODB_ENDPOINT: endpoint,
  AWS_REGION: process.env.AWS_REGION ?? "local",
  TABLE_NAME: SYNTHETIC_TABLE,
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT",
  POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? "true",
});

/**
 * The region of `options` in its cached folder: reused when complete, generated otherwise. Loads the store
 * client, so it runs in a process of its own (the client takes its endpoint when it first loads).
 */
export async function ensureSyntheticRegion(
  options: SyntheticRegionOptions,
  log: (line: string) => void,
): Promise<{ folder: string; region: SyntheticRegion; generated: boolean }> {
  const folder = regionFolder(options);
  mkdirSync(folder, { recursive: true });
  const dynamo = await startDynaliteProcess({ path: folder });
  const restore = withEnv(regionEnv(dynamo.endpoint));
  try {
    const { ensureTable } = await import("../lib/local/dynalite.js");
    const { completedRegion, generateSyntheticRegion } = await import("./synthetic/region.js");
    await ensureTable(dynamo.endpoint, SYNTHETIC_TABLE);
    const found = await completedRegion(options);
    if (found) {
      log(`synthetic region reused from ${folder} (generated in ${found.seconds} s)`);
      return { folder, region: found, generated: false };
    }
    log(`generating the synthetic region into ${folder}`);
    const region = await generateSyntheticRegion(options, log);
    log(`generated in ${region.seconds} s: ${region.counts.items} items`);
    return { folder, region, generated: true };
  } finally {
    restore();
    await dynamo.close();
  }
}

/** The options from the command line, the full size where absent. */
export function optionsFromArgs(args: string[]): SyntheticRegionOptions {
  const { values } = parseArgs({
    args,
    options: {
      municipalities: { type: "string" },
      suppliers: { type: "string" },
      contracts: { type: "string" },
      entries: { type: "string" },
      seed: { type: "string" },
    },
  });
  const number = (name: keyof typeof values, fallback: number) => {
    const text = values[name];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`--${name} takes a whole number, not ${text}`);
    return n;
  };
  const options = {
    ...FULL_SIZE,
    municipalities: number("municipalities", FULL_SIZE.municipalities),
    suppliers: number("suppliers", FULL_SIZE.suppliers),
    contracts: number("contracts", FULL_SIZE.contracts),
    entries: number("entries", FULL_SIZE.entries),
    seed: number("seed", FULL_SIZE.seed),
  };
  if (options.municipalities < 1 || options.suppliers < 1)
    throw new RangeError("a region has one municipality and one supplier at least");
  if (options.contracts < options.municipalities)
    throw new RangeError("every municipality has a contract: --contracts ≥ --municipalities");
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { folder, region, generated } = await ensureSyntheticRegion(
    optionsFromArgs(process.argv.slice(2)),
    (line) => console.error(line),
  );
  console.log(JSON.stringify({ folder, generated, ...region }));
}
