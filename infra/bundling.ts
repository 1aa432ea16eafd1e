import { execFileSync } from "node:child_process";
import { cpSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";
import { REDOC_FILES, REDOC_PACKAGE } from "../lib/api-reference/redoc-files.js";

/** The repository root: entries, node_modules and aliased modules are resolved from here. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Lets CommonJS dependencies that call `require` (for Node built-ins) work inside an ESM bundle.
 * The import is aliased so it cannot collide with a bundled module's own top-level names.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __impactCreateRequire } from 'node:module'; const require = __impactCreateRequire(import.meta.url);";

/** The file Lambda loads (handler `index.handler`); the rest of a bundle lives in CHUNK_DIR. */
export const BUNDLE_FILE = "index.mjs";
export const CHUNK_DIR = "chunks";

/**
 * THE esbuild options of every function: used by the functions in infra/ (AreaFunction bundles with
 * esbuild's API, not a command line), by the bundle test (test/infra/bundles.test.ts), which imports
 * each result under Node, and by the bench (bench/bundles.ts). Change bundling here only.
 *
 * ESM with code splitting: index.mjs holds the area's router and what every request uses (the
 * middy stack, auth, zod, the DynamoDB client, Powertools); each route's module, which the router
 * imports on the route's first request, and what the AWS SDK imports on demand (credential
 * providers other than the environment's) are files under chunks/, read only when needed. Code
 * two of them share is in a shared chunk, never twice. The AWS SDK is bundled too (tree-shaken,
 * pinned by the lock file) instead of the runtime's copy, with the environment's credentials as its
 * only credential source (lib/store/env-credentials.ts: that is where Lambda puts them). Source maps
 * carry file names and lines, not the sources themselves: half the asset size.
 */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    splitting: true,
    outdir,
    entryNames: "index",
    chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
    outExtension: { ".js": ".mjs" },
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: CREATE_REQUIRE_BANNER },
    alias: { "@aws-sdk/credential-provider-node": join(ROOT, "lib", "store", "env-credentials.ts") },
    absWorkingDir: ROOT,
    logLevel: "silent",
  };
}

/** The background job worker's Lambda entry (an SQS event handler, not a router). */
export const WORKER_ENTRY = join("functions", "jobs", "worker.ts");

/**
 * Files a bundle needs beside its code: the report fonts, which the PDF renderer reads from `fonts/`;
 * Redoc's script and its licence notices, which the API reference routes serve from `redoc/`.
 */
export interface BundleAsset {
  /** A folder or file of the repository. */
  from: string;
  /** Its place in the bundle folder. */
  to: string;
}
export const REPORT_FONTS: BundleAsset = { from: join("lib", "reports", "fonts"), to: "fonts" };

/** The installed package's files, at the same places under `redoc/` (a dev dependency: bundling runs where it is installed). */
export const REDOC_ASSETS: readonly BundleAsset[] = REDOC_FILES.map((file) => ({
  from: join("node_modules", REDOC_PACKAGE, file),
  to: join(REDOC_PACKAGE, file),
}));

/** What each area's function carries beside its code (lib/api-reference/redoc.ts reads `redoc/`). */
export const AREA_ASSETS: Readonly<Record<string, readonly BundleAsset[]>> = { platform: REDOC_ASSETS };
export const areaAssets = (area: string): readonly BundleAsset[] => AREA_ASSETS[area] ?? [];

/** Copies a bundle's assets into its output folder (after esbuild wrote the code there); a missing one fails. */
export function copyAssets(assets: readonly BundleAsset[], outdir: string): void {
  for (const asset of assets) cpSync(join(ROOT, asset.from), join(outdir, asset.to), { recursive: true });
}

/** Where an area's Lambda entry lives (relative to the repository root). */
export const areaEntry = (area: string): string => join("functions", area, "handler.ts");

/** The web console's Lambda entry: every /console/ page (lib/console/), with the API's handlers in-process. */
export const CONSOLE_ENTRY = join("functions", "console", "handler.ts");

/** Where the console's built assets (content-hashed files and manifest.json) lie in its bundle. */
export const CONSOLE_ASSETS_FOLDER = "console-assets";
/** The same folder as the function sees it (CONSOLE_ASSETS_DIR): Lambda unpacks a bundle into /var/task. */
export const CONSOLE_ASSETS_DIR = `/var/task/${CONSOLE_ASSETS_FOLDER}`;

/** The console's asset build (`buildConsoleAssets(outDir)` of lib/console/assets/build.ts) as a command. */
export const CONSOLE_ASSETS_SCRIPT = join("lib", "console", "assets", "cli.ts");

/**
 * Builds the console's assets into `console-assets/` of a bundle folder, after esbuild wrote the code.
 * A child process through tsx: CDK's local bundling is synchronous, the asset build is not, and the
 * build reads the TypeScript browser scripts. A failed build fails the synthesis.
 */
export function buildConsoleAssetsInto(outdir: string, script: string = CONSOLE_ASSETS_SCRIPT): void {
  execFileSync(
    process.execPath,
    ["--import", "tsx", join(ROOT, script), join(outdir, CONSOLE_ASSETS_FOLDER)],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}
