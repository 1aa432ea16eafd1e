/**
 * Words laid out from their characters. The report's fonts carry no layout tables (fonts.ts): no
 * kerning, ligatures or mark positioning, so a word's glyphs and advances are those of its characters,
 * one after another. pdfkit asks the font library to lay out every distinct word (every amount in a
 * table is one), which costs more than drawing it; here each character is laid out once per document
 * and a word is put together from them. The same glyphs and widths, so the same bytes.
 */

/** What pdfkit keeps of a laid-out run (its EmbeddedFont's layoutCached). */
interface Run {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}

interface LayoutFont {
  layoutCached?: (text: string) => Run;
  layoutCache?: Record<string, Run>;
}

const patched = new WeakSet<object>();

function layoutByCharacter(font: LayoutFont): void {
  if (patched.has(font)) return;
  patched.add(font);
  const byFontLibrary = font.layoutCached?.bind(font);
  const cache = font.layoutCache;
  // A standard font (no layout of its own) or pdfkit without its cache: left as pdfkit has it.
  if (byFontLibrary === undefined || cache === undefined) return;
  font.layoutCached = (text: string): Run => {
    const cached = cache[text];
    if (cached !== undefined) return cached;
    const characters = Array.from(text);
    if (characters.length <= 1) return byFontLibrary(text);
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    for (const character of characters) {
      const run = byFontLibrary(character);
      glyphs.push(...run.glyphs);
      positions.push(...run.positions);
      advanceWidth += run.advanceWidth;
    }
    const run = { glyphs, positions, advanceWidth };
    cache[text] = run;
    return run;
  };
}

/** Every font `doc` selects from now on lays out words from their characters. */
export function layoutWordsByCharacter(doc: PDFKit.PDFDocument): void {
  const select = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  (doc as unknown as { font: (...args: unknown[]) => PDFKit.PDFDocument }).font = (...args) => {
    select(...args);
    layoutByCharacter((doc as unknown as { _font: LayoutFont })._font);
    return doc;
  };
}
