import { resolve } from "node:path";

/**
 * `tsx infra/console-assets.ts <folder>`: writes the console's assets (content-hashed files and
 * manifest.json) into the folder, as the console function's bundling does (infra/bundling.ts).
 */
interface AssetBuild {
  buildConsoleAssets(outDir: string): Promise<unknown>;
}

// By a path held in a variable: the build module belongs to the console's asset pipeline.
const BUILD_MODULE = "../lib/console/assets/build.js";

const outDir = process.argv[2];
if (!outDir) {
  console.error("Usage: tsx infra/console-assets.ts <output folder>");
  process.exit(2);
}
const { buildConsoleAssets } = (await import(BUILD_MODULE)) as AssetBuild;
await buildConsoleAssets(resolve(outDir));
