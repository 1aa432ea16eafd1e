import { join } from "node:path";
import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import type { BuildOptions } from "esbuild";

/**
 * Lets CommonJS dependencies that call `require` (for Node built-ins) work inside an ESM bundle.
 * The import is aliased so it cannot collide with a bundled module's own top-level names.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __impactCreateRequire } from 'node:module'; const require = __impactCreateRequire(import.meta.url);";

/**
 * THE esbuild options of every function: used by the NodejsFunctions in infra/ and by the bundle
 * test (test/infra/bundles.test.ts), which builds each area with `esbuildOptions` below and imports
 * the result under Node. Change bundling here only, so the test keeps proving what is deployed.
 */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: "node22",
  mainFields: ["module", "main"],
  minify: true,
  sourceMap: true,
  // Maps carry file names and lines, not the sources themselves: half the asset size.
  sourcesContent: false,
  banner: CREATE_REQUIRE_BANNER,
  // Bundle the AWS SDK too (tree-shaken, pinned by the lock file) instead of the runtime's copy.
  externalModules: [],
} as const satisfies BundlingOptions;

/** The bundle file CDK writes for ESM output (its handler is then `index.handler`). */
export const BUNDLE_FILE = "index.mjs";

/**
 * esbuild's JS-API options equivalent to the command line aws-lambda-nodejs runs for BUNDLING
 * (`esbuild --bundle <entry> --target=… --platform=node --format=esm --outfile=<dir>/index.mjs
 * --minify --sourcemap --sources-content=false --banner:js=… --main-fields=…`).
 */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: BUNDLING.target,
    format: BUNDLING.format,
    outfile: join(outdir, BUNDLE_FILE),
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    banner: { js: BUNDLING.banner },
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.externalModules],
    logLevel: "silent",
  };
}

/** Where an area's Lambda entry lives (relative to the repository root). */
export const areaEntry = (area: string): string => join("functions", area, "handler.ts");
