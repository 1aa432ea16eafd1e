/**
 * The report font, Noto Sans (latin subset: Dutch diacritics, €), shipped in ./fonts/ with its
 * licence (SIL Open Font Licence 1.1, fonts/OFL.txt). Found relative to this module, so it loads from
 * the sources (tsx, vitest) and from a bundle: a bundler must copy lib/reports/fonts/ to `fonts/`
 * beside the bundle's entry file. Code split into chunks/ finds it one folder up.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";

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

/** Both fonts as TrueType data, read once per process. */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  if (loaded === undefined) {
    const dir = fontDirectory();
    loaded = {
      regular: sfntFromWoff(readFileSync(dir + FONT_FILES.regular)),
      bold: sfntFromWoff(readFileSync(dir + FONT_FILES.bold)),
    };
  }
  return loaded;
}

/**
 * OpenType layout tables, left out: without them the font library maps characters to glyphs
 * directly instead of running its shaping engine for every distinct word (every amount in a table:
 * most of a large report's time). What is lost is kerning and the fi/fl ligatures; accented letters
 * are single characters in the font (text is NFC-normalised before it is drawn).
 */
const DROPPED = new Set(["GSUB", "GPOS", "GDEF"]);

/**
 * The TrueType font inside a WOFF 1.0 file, tables inflated once (given the WOFF itself, the font
 * library inflates a table on every read of it, for every glyph), without the layout tables.
 */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("not a WOFF 1.0 font");
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    if (DROPPED.has(woff.toString("latin1", entry, entry + 4))) continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compLength);
    tables.push({
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: compLength < origLength ? inflateSync(stored) : stored,
    });
  }
  const count = tables.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(count * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    header.writeUInt32BE(table.tag, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = (table.data.length + 3) & ~3;
    parts.push(table.data, Buffer.alloc(padded - table.data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}
