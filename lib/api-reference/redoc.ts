import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { REDOC_BUNDLED_NOTICES, REDOC_LICENCE, REDOC_PACKAGE, REDOC_SCRIPT } from "./redoc-files.js";

/**
 * Where the `redoc` package's files are: in a function bundle, `redoc/` beside the entry file (or one
 * folder up, from a chunk); from the sources (tsx, vitest, `npm start`), the installed package.
 */
function packageFolder(): string {
  for (const candidate of [`./${REDOC_PACKAGE}/`, `../${REDOC_PACKAGE}/`]) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(dir + REDOC_SCRIPT)) return dir;
  }
  try {
    return `${dirname(createRequire(import.meta.url).resolve(`${REDOC_PACKAGE}/package.json`))}/`;
  } catch {
    throw new Error(
      `Redoc's script not found in ./${REDOC_PACKAGE}/ or ../${REDOC_PACKAGE}/ beside ${import.meta.url}, nor installed: copy its files next to the bundle (infra/bundling.ts)`,
    );
  }
}

let folder: string | undefined;
function read(file: string): Buffer {
  folder ??= packageFolder();
  return readFileSync(folder + file);
}

let script: Buffer | undefined;
let gzipped: Buffer | undefined;

/** The script, byte for byte as the package ships it; read once per process. */
export const redocScript = (): Buffer => (script ??= read(REDOC_SCRIPT));

/** The script gzip-compressed (a quarter of its size), compressed on first use. */
export const redocScriptGzipped = (): Buffer => (gzipped ??= gzipSync(redocScript(), { level: 9 }));

/** Redoc's MIT licence followed by the notices of the libraries its script bundles. */
export const redocNotices = (): string =>
  `${read(REDOC_LICENCE).toString("utf8").trim()}\n\n${read(REDOC_BUNDLED_NOTICES).toString("utf8")}`;
