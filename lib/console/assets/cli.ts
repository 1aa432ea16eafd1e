import { resolve } from "node:path";
import { buildConsoleAssets } from "./build.js";

/**
 * `tsx lib/console/assets/cli.ts <outDir>`: writes the console's built assets and manifest into
 * `outDir` (what a deployment bundles next to the console function, as CONSOLE_ASSETS_DIR).
 */
const outDir = process.argv[2];
if (!outDir) {
  console.error("usage: tsx lib/console/assets/cli.ts <outDir>");
  process.exit(2);
}
const manifest = await buildConsoleAssets(resolve(outDir));
console.log(`console assets in ${resolve(outDir)}: ${Object.keys(manifest.files).join(", ")}`);
