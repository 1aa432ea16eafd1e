/**
 * The report font, Noto Sans (latin subset: Dutch diacritics, €), shipped in ./fonts/ with its
 * licence (SIL Open Font Licence 1.1, fonts/OFL.txt). Found relative to this module, so it loads from
 * the sources (tsx, vitest) and from a bundle: a bundler must copy lib/reports/fonts/ to `fonts/`
 * beside the bundle's entry file. Code split into chunks/ finds it one folder up.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FONT_FILES = {
  regular: "noto-sans-latin-400-normal.woff",
  bold: "noto-sans-latin-700-normal.woff",
} as const;

const CANDIDATES = ["./fonts/", "../fonts/"];

let loaded: { regular: Buffer; bold: Buffer } | undefined;

function fontDirectory(): string {
  for (const candidate of CANDIDATES) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(dir + FONT_FILES.regular)) return dir;
  }
  throw new Error(
    `report fonts not found in ${CANDIDATES.join(" or ")} beside ${import.meta.url}: copy lib/reports/fonts/ next to the bundle`,
  );
}

/** Both font files, read once per process. */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  if (loaded === undefined) {
    const dir = fontDirectory();
    loaded = { regular: readFileSync(dir + FONT_FILES.regular), bold: readFileSync(dir + FONT_FILES.bold) };
  }
  return loaded;
}
