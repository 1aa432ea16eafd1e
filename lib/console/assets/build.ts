import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * The console's static files, built once: the stylesheet (Utrecht design tokens, the Utrecht component
 * CSS, the neutral theme, minified), every browser script in `lib/console/scripts/*.ts` (bundled for the
 * browser, minified) and the favicon, each under a content-hashed name so browsers may keep it a year.
 * At deployment `buildConsoleAssets(dir)` writes them with a manifest; locally they are built in memory.
 */
export interface Asset {
  name: string;
  bytes: Buffer;
  gzipped: Buffer;
  contentType: string;
}

/** What the handler needs to find the files again: the hashed name of each logical asset. */
export interface AssetManifest {
  stylesheet: string;
  favicon: string;
  /** Script name (the file's name in lib/console/scripts without `.ts`) → hashed file name. */
  scripts: Record<string, string>;
  /** Every file with its content type. */
  files: Record<string, string>;
}

export interface BuiltAssets {
  manifest: AssetManifest;
  files: Map<string, Asset>;
}

export const MANIFEST_FILE = "manifest.json";

const CSS = "text/css; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
const SVG = "image/svg+xml";

const here = fileURLToPath(new URL(".", import.meta.url));
const scriptsDir = fileURLToPath(new URL("../scripts/", import.meta.url));
const require = createRequire(import.meta.url);

/**
 * esbuild, loaded only when building: a deployed function reads the built folder and never needs it
 * (a plain `require` through createRequire keeps bundlers from pulling it in).
 */
function esbuild(): typeof import("esbuild") {
  return require("esbuild");
}

function hashed(base: string, extension: string, bytes: Buffer, contentType: string): Asset {
  const hash = createHash("sha256").update(bytes).digest("base64url").slice(0, 12);
  return { name: `${base}.${hash}.${extension}`, bytes, gzipped: gzipSync(bytes, { level: 9 }), contentType };
}

/**
 * The stylesheet: tokens, components, then our theme; a municipality's own theme (CONSOLE_THEME_CSS,
 * a CSS file setting the same custom properties and classes) comes last and wins.
 */
function stylesheet(): Buffer {
  const parts = [
    require.resolve("@utrecht/design-tokens/dist/index.css"),
    require.resolve("@utrecht/component-library-css/dist/index.css"),
    join(here, "theme.css"),
    ...(process.env.CONSOLE_THEME_CSS ? [process.env.CONSOLE_THEME_CSS] : []),
  ];
  const source = parts.map((file) => readFileSync(file, "utf8")).join("\n");
  const { code } = esbuild().transformSync(source, { loader: "css", minify: true, legalComments: "none" });
  return Buffer.from(code, "utf8");
}

/** The browser scripts' names: each `lib/console/scripts/<name>.ts` (not tests or declarations). */
export function scriptNames(): string[] {
  return readdirSync(scriptsDir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.includes(".test."))
    .map((file) => basename(file, ".ts"))
    .sort();
}

/** One bundle per script, for browsers of the last few years, as an ES module (`<script type="module">`). */
function scripts(): Map<string, Buffer> {
  const names = scriptNames();
  if (!names.length) return new Map();
  const result = esbuild().buildSync({
    entryPoints: names.map((name) => join(scriptsDir, `${name}.ts`)),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    outdir: "/out",
    entryNames: "[name]",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return new Map(result.outputFiles.map((file) => [basename(file.path, ".js"), Buffer.from(file.contents)]));
}

/** Every asset in memory: what the local server and the tests use, and what the deployment writes out. */
export function buildAssetsInMemory(): BuiltAssets {
  const files = new Map<string, Asset>();
  const add = (asset: Asset) => {
    files.set(asset.name, asset);
    return asset.name;
  };
  const css = add(hashed("console", "css", stylesheet(), CSS));
  const favicon = add(hashed("favicon", "svg", readFileSync(join(here, "favicon.svg")), SVG));
  const scriptFiles: Record<string, string> = {};
  for (const [name, bytes] of scripts()) scriptFiles[name] = add(hashed(name, "js", bytes, JS));
  return {
    manifest: {
      stylesheet: css,
      favicon,
      scripts: scriptFiles,
      files: Object.fromEntries([...files.values()].map((a) => [a.name, a.contentType])),
    },
    files,
  };
}

/**
 * Writes every asset, its gzipped twin (`<name>.gz`) and `manifest.json` into `outDir`; a deployed
 * console function points CONSOLE_ASSETS_DIR at that folder.
 */
export async function buildConsoleAssets(outDir: string): Promise<AssetManifest> {
  const { manifest, files } = buildAssetsInMemory();
  mkdirSync(outDir, { recursive: true });
  for (const asset of files.values()) {
    writeFileSync(join(outDir, asset.name), asset.bytes);
    writeFileSync(join(outDir, `${asset.name}.gz`), asset.gzipped);
  }
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads a folder `buildConsoleAssets` wrote. */
export function readBuiltAssets(dir: string): BuiltAssets {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as AssetManifest;
  const files = new Map<string, Asset>();
  for (const [name, contentType] of Object.entries(manifest.files)) {
    const bytes = readFileSync(join(dir, name));
    let gzipped: Buffer;
    try {
      gzipped = readFileSync(join(dir, `${name}.gz`));
    } catch {
      gzipped = gzipSync(bytes, { level: 9 });
    }
    files.set(name, { name, bytes, gzipped, contentType });
  }
  return { manifest, files };
}
