import { type Asset, type BuiltAssets, buildAssetsInMemory, readBuiltAssets } from "./build.js";

export type { Asset } from "./build.js";

/**
 * The console's static files under content-hashed names (`/console/assets/console.<hash>.css`), so
 * browsers may keep them a year: a new deployment changes the name, never the file behind it.
 * A deployed function reads the folder the build wrote (CONSOLE_ASSETS_DIR); locally and in tests
 * they are built in memory on first use.
 */
let built: BuiltAssets | undefined;

function load(): BuiltAssets {
  if (!built) {
    const dir = process.env.CONSOLE_ASSETS_DIR;
    built = dir ? readBuiltAssets(dir) : buildAssetsInMemory();
  }
  return built;
}

export const ASSET_PATH = "/console/assets";

export const stylesheetUrl = (): string => `${ASSET_PATH}/${load().manifest.stylesheet}`;

export const faviconUrl = (): string => `${ASSET_PATH}/${load().manifest.favicon}`;

/**
 * The URL of a browser script, `lib/console/scripts/<name>.ts`, for
 * `<script type="module" src={scriptUrl(name)} defer></script>`; an unknown name fails loudly.
 */
export function scriptUrl(name: string): string {
  const file = load().manifest.scripts[name];
  if (!file) throw new Error(`no console script "${name}" (lib/console/scripts/${name}.ts)`);
  return `${ASSET_PATH}/${file}`;
}

export const assetNamed = (name: string): Asset | undefined => load().files.get(name);
