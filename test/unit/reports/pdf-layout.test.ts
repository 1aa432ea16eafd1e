import fc from "fast-check";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { reportFonts } from "../../../lib/reports/fonts.js";
import { layoutWordsByCharacter } from "../../../lib/reports/pdf-layout.js";

interface Run {
  glyphs: { id: number }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
interface Font {
  layoutRun(text: string): Run;
  layoutCached(text: string): Run;
  layout(text: string): Run;
}

/** A document with the report's two fonts, the words laid out by character; its font for `name`. */
function fontOf(name: "regular" | "bold"): Font {
  const doc = new PDFDocument({ font: null as unknown as string, fontLayoutCache: true });
  layoutWordsByCharacter(doc);
  doc.registerFont(name, reportFonts()[name]);
  doc.font(name);
  return (doc as unknown as { _font: Font })._font;
}

const comparable = (run: Run) => ({
  glyphs: run.glyphs.map((g) => g.id),
  positions: run.positions,
  advanceWidth: run.advanceWidth,
});

// What reports hold: Dutch letters with their diacritics, digits, amounts, punctuation, the euro sign.
const character = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-+%€()/'\":;&ëéèêïíóöüúàäçñĳÉÖ ".split(
    "",
  ),
);
const text = fc.array(character, { minLength: 1, maxLength: 24 }).map((cs) => cs.join(""));

describe("report PDF: words laid out from their characters", () => {
  it("gives the glyphs, positions and width the font library gives for the whole word", () => {
    for (const name of ["regular", "bold"] as const) {
      const font = fontOf(name);
      fc.assert(
        fc.property(text, (t) => {
          // layoutRun is the font library's own layout of the text, uncached.
          expect(comparable(font.layoutCached(t))).toEqual(comparable(font.layoutRun(t)));
          expect(comparable(font.layout(t))).toEqual(comparable(font.layoutRun(t)));
        }),
        { numRuns: 300 },
      );
    }
  });

  it("asks the font library for single characters only, each once, and keeps a word once put together", () => {
    const font = fontOf("regular");
    const asked: string[] = [];
    const byLibrary = font.layoutRun.bind(font);
    font.layoutRun = (t) => {
      asked.push(t);
      return byLibrary(t);
    };
    const first = font.layoutCached("1.234.567,89");
    expect(font.layoutCached("1.234.567,89")).toBe(first);
    expect(first.glyphs).toHaveLength(12);
    font.layoutCached("9.876,54");
    expect(asked).toEqual(["1", ".", "2", "3", "4", "5", "6", "7", ",", "8", "9"]);
  });
});
