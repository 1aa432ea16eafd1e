import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleViolation } from "../../../lib/domain/errors.js";
import {
  bsnHits,
  containsBsn,
  hasDateOrAmount,
  normaliseForScan,
  passesElevenTest,
  refuseBsn,
  refuseBsnIn,
  scanForBsn,
} from "../../../lib/domain/sroi/bsn.js";

// 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8 − 2 = 154 = 14 × 11
const VALID = "123456782";

describe("BSN 11-test", () => {
  it("accepts numbers whose weighted sum is divisible by 11", () => {
    expect(passesElevenTest(VALID)).toBe(true);
    expect(passesElevenTest("111222333")).toBe(true);
    expect(passesElevenTest("123456789")).toBe(false);
    expect(passesElevenTest("12345678")).toBe(false);
  });

  it("finds a standalone run of nine digits, also in common written forms", () => {
    expect(containsBsn(`kandidaat ${VALID} via WSP`)).toBe(true);
    expect(containsBsn(`cand-${VALID}`)).toBe(true);
    expect(containsBsn(`C2 ${VALID}`)).toBe(true);
    expect(containsBsn("1234.56.782")).toBe(true);
    expect(containsBsn("123 456 782")).toBe(true);
    expect(containsBsn("123-456-782")).toBe(true);
    expect(containsBsn("BSN 1234.56.782 (checked)")).toBe(true);
    expect(containsBsn("phone 12 3456.56.782")).toBe(false);
  });

  it("ignores longer digit runs, failing numbers and ordinary text", () => {
    expect(containsBsn(`${VALID}0`)).toBe(false);
    expect(containsBsn(`9${VALID}`)).toBe(false);
    expect(containsBsn("123456789")).toBe(false);
    expect(containsBsn("invoice 2024-001 of 3 hours, 12 people")).toBe(false);
    expect(containsBsn("C-017")).toBe(false);
  });

  it("reads amounts and dates as such, even where their nine digits pass the 11-test", () => {
    for (const bsnShaped of ["123456708", "111222333", "133202410", "202403129"])
      expect(passesElevenTest(bsnShaped.replace(/\D/g, ""))).toBe(true);
    expect(containsBsn("gefactureerd 1234567,08 excl. btw")).toBe(false);
    expect(containsBsn("bedrag € 111.222.333")).toBe(false);
    expect(containsBsn("bedrag 111.222.333,- totaal")).toBe(false);
    expect(containsBsn("gestart 13-3-2024 10 uur")).toBe(false);
    expect(containsBsn("gestart 2024-03-12 9 uur")).toBe(false);
    expect(containsBsn("kvk 00000000 — 582645980,84")).toBe(false);
    // without the amount's or the date's marks the same digits are a BSN
    expect(containsBsn("kandidaat 12345670 8")).toBe(true);
    expect(containsBsn("ref 111.222.333")).toBe(true);
    expect(containsBsn("ref 13-3-20 24 10")).toBe(true);
    expect(containsBsn("ref 582645980 84")).toBe(true);
    expect(containsBsn("1234.56.782")).toBe(true);
  });

  it("flags exactly the nine-digit runs that pass the 11-test", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.string({ maxLength: 10 }), (digits, word) => {
        const text = `ref ${digits} ${word.replace(/\d/g, "")}`;
        expect(containsBsn(text)).toBe(passesElevenTest(digits));
      }),
    );
  });
});

describe("the scan's shortcut", () => {
  it("decides as the full scan on any text: digits, separators, look-alike digits and other scripts", () => {
    const piece = fc.oneof(
      fc.stringMatching(/^[0-9]{1,9}$/),
      fc.constantFrom(" ", ".", "-", "/", ",", "€", "EUR ", ",-", "\u00a0", "\u200b", "\u00ad", "x"),
      fc.constantFrom("١٢٣", "１２３", "¹²³", "①", "⑳", "㏩", "𝟗", "ç", "é"),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(containsBsn(text)).toBe(scanForBsn(text));
      }),
      { numRuns: 2000 },
    );
    // Cases at the edge: nine ASCII digits, and eight with a character that normalises to a ninth.
    expect(containsBsn(`ref ${VALID}`)).toBe(true);
    expect(containsBsn(`ref ${VALID.slice(0, 8)}`)).toBe(false);
    expect(containsBsn(`ref ${VALID.slice(0, 8)}\uff12`)).toBe(true);
    expect(containsBsn(`ref ${VALID.slice(0, 8)}\u00b2`)).toBe(true);
  });
});

describe("refuseBsn", () => {
  it("names the field and never repeats the number", () => {
    let error: unknown;
    try {
      refuseBsn({ candidateRef: "cand-7", note: `started ${VALID}`, evidence: undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolation);
    const rv = error as RuleViolation;
    expect(rv.code).toBe("bsn-refused");
    expect(rv.message).toContain('"note"');
    expect(rv.message).not.toContain(VALID);
    expect(JSON.stringify(rv.errors)).not.toContain(VALID);
    expect(rv.errors.map((e) => e.path)).toEqual(["note"]);
  });

  it("passes clean fields", () => {
    expect(() => refuseBsn({ candidateRef: "K-2024-17", note: null })).not.toThrow();
  });
});

describe("refuseBsnIn", () => {
  const pathsOf = (value: unknown, root: string) => {
    try {
      refuseBsnIn(value, root);
      return [];
    } catch (error) {
      return (error as RuleViolation).errors.map((e) => e.path);
    }
  };

  it("scans every string at any depth and names each by its path", () => {
    const body = {
      title: "Werk",
      lines: [{ note: `kandidaat ${VALID}` }, { note: "ok" }],
      meta: { a: VALID },
    };
    expect(pathsOf(body, "body")).toEqual(["body.lines.0.note", "body.meta.a"]);
    expect(pathsOf({ title: VALID }, "")).toEqual(["title"]);
  });

  it("skips structured identifiers and numbers that are not strings", () => {
    const body = {
      vendorKvk: VALID,
      invoice: { invoiceNumber: VALID, vat: VALID },
      cpvCode: "45233140-2",
      amount: 111222333,
    };
    expect(pathsOf(body, "body")).toEqual([]);
  });

  it("scans keys, naming a key by its position and never by the number", () => {
    const body = { price: { amount: 1, currency: "EUR" }, certificates: { "co2-ladder": 3, [VALID]: 1 } };
    let error: RuleViolation | undefined;
    try {
      refuseBsnIn(body, "body");
    } catch (e) {
      error = e as RuleViolation;
    }
    expect(error?.code).toBe("bsn-refused");
    // an integer-like key comes first in a parsed object's key order
    expect(error?.errors.map((e) => e.path)).toEqual(["body.certificates.<key 0>"]);
    expect(JSON.stringify([error?.message, error?.errors])).not.toContain(VALID);
    // the key's own path stands in for it in the paths of what it holds
    expect(pathsOf({ notes: { [`kandidaat ${VALID}`]: { text: `ook ${VALID}` } } }, "body")).toEqual([
      "body.notes.<key 0>",
      "body.notes.<key 0>.text",
    ]);
    // a structured identifier's name does not hide its own key or a nested value
    expect(pathsOf({ [`${VALID} kvk`]: "x", kvk: { note: VALID } }, "")).toEqual(["<key 0>", "kvk.note"]);
  });

  it("walks deeply nested values without recursion", () => {
    let deep: unknown = `kandidaat ${VALID}`;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(bsnHits(deep, "body")).toHaveLength(1);
  });
});

/** Digit zeros of scripts a BSN could be typed in; NFKC or the scan maps each to 0-9. */
const DIGIT_ZEROS = [
  0x30, // ASCII
  0xff10, // full-width
  0x660, // Arabic-Indic
  0x6f0, // Extended Arabic-Indic (Persian)
  0x966, // Devanagari
  0x9e6, // Bengali
  0xe50, // Thai
  0x1d7ce, // mathematical bold
  0x104a0, // Osmanya (outside the BMP)
];

/** What may stand between two groups of digits; each at most three characters. */
const SEPARATORS = [
  " ",
  "  ",
  "\u00a0",
  "\u202f",
  "\u2009",
  "\u3000",
  "\t",
  "\n",
  "\r\n",
  "-",
  "\u2010",
  "\u2013",
  "\u2014",
  "\u2212",
  "\uff0d",
  " - ",
  " \u2013 ",
  ".",
  "/",
  " / ",
  "_",
  "'",
  "\u00b7",
  "\u200b",
  "\u2060",
  "\u00ad",
  "\ufeff",
  " \u200b",
];

const digitsArb = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const weighted = (d: number[]) => d.slice(0, 8).reduce((s, v, i) => s + (9 - i) * v, 0);

/** Nine digits passing the 11-test: the last digit is chosen to make the sum divisible by 11. */
const validBsn = digitsArb(8)
  .filter((d) => weighted(d) % 11 !== 10)
  .map((d) => [...d, weighted(d) % 11]);
const failingNine = digitsArb(9).filter((d) => !passesElevenTest(d.join("")));

/** Digits in random scripts with a random separator (often none) in each of the eight gaps. */
const written = (digits: fc.Arbitrary<number[]>) =>
  fc
    .record({
      digits,
      scripts: fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 9, maxLength: 9 }),
      gaps: fc.array(fc.oneof(fc.constant(""), fc.constantFrom(...SEPARATORS)), {
        minLength: 8,
        maxLength: 8,
      }),
    })
    .map(({ digits: d, scripts, gaps }) => ({
      ascii: d.join(""),
      text: d.map((v, i) => String.fromCodePoint(scripts[i]! + v) + (gaps[i] ?? "")).join(""),
    }));

/** Text around a number: anything that holds no digit once normalised, ending in a space. */
const filler = fc
  .string({ unit: "binary", maxLength: 12 })
  .filter((t) => !/\d/.test(normaliseForScan(t)) && !/(€|eur|euro)\s*$/i.test(normaliseForScan(t)))
  .map((t) => `${t} `);

describe("BSN written to slip past the scan", () => {
  it("refuses a valid BSN in any script with any separators inside any text, without repeating it", () => {
    fc.assert(
      fc.property(written(validBsn), filler, filler, ({ ascii, text }, before, after) => {
        // written with a date's or an amount's shape (12-3-2024…, …4567,8), it is read as one on purpose
        fc.pre(!hasDateOrAmount(text));
        const note = `${before}${text} ${after}`;
        expect(containsBsn(note)).toBe(true);
        let error: RuleViolation | undefined;
        try {
          refuseBsnIn({ lines: [{ note }] }, "body");
        } catch (e) {
          error = e as RuleViolation;
        }
        expect(error?.code).toBe("bsn-refused");
        expect(error?.errors.map((e) => e.path)).toEqual(["body.lines.0.note"]);
        const said = JSON.stringify([error?.message, error?.errors]);
        expect(said).not.toContain(ascii);
        expect(said).not.toContain(text);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses one as an object key, naming the key by its position", () => {
    fc.assert(
      fc.property(
        written(validBsn),
        filler,
        fc.dictionary(
          fc.string({ unit: "grapheme-ascii", maxLength: 8 }).filter((k) => !/\d/.test(k)),
          fc.nat(),
        ),
        ({ ascii, text }, before, others) => {
          fc.pre(!hasDateOrAmount(text));
          const key = `${before}${text}`;
          const certificates = { ...others, [key]: 1 };
          const position = Object.keys(certificates).indexOf(key);
          const hits = bsnHits({ certificates }, "body");
          expect(hits.map((h) => h.path)).toEqual([`body.certificates.<key ${position}>`]);
          expect(JSON.stringify(hits)).not.toContain(ascii);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const group3 = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** Money as people write it: euros up to 10 billion, with cents, a currency sign or ",-". */
const amount = fc
  .record({ euros: fc.integer({ min: 0, max: 10_000_000_000 }), cents: fc.integer({ min: 0, max: 99 }) })
  .chain(({ euros, cents }) =>
    fc.constantFrom(
      `${group3(euros, ".")},${pad(cents, 2)}`,
      `${group3(euros, ",")}.${pad(cents, 2)}`,
      `${euros}.${pad(cents, 2)}`,
      `${euros},${pad(cents, 2)}`,
      `${group3(euros, " ")},${pad(cents, 2)}`,
      `${group3(euros, "\u00a0")},${pad(cents, 2)}`,
      `€ ${group3(euros, ".")}`,
      `€${euros}`,
      `EUR ${euros}`,
      `${group3(euros, ".")},-`,
    ),
  );

/** ISO and Dutch dates (day-month-year with -, / or .). */
const date = fc
  .record({
    y: fc.integer({ min: 1900, max: 2199 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .chain(({ y, m, d }) =>
    fc.constantFrom(
      `${y}-${pad(m, 2)}-${pad(d, 2)}`,
      `${d}-${m}-${y}`,
      `${pad(d, 2)}-${pad(m, 2)}-${y}`,
      `${d}/${m}/${y}`,
      `${pad(d, 2)}.${pad(m, 2)}.${y}`,
      `${y}-${pad(m, 2)}-${pad(d, 2)}T10:30:00+01:00`,
    ),
  );

const kvk = digitsArb(8).chain((d) =>
  fc.constantFrom(d.join(""), `${d.slice(0, 4).join("")} ${d.slice(4).join("")}`),
);

/** Dutch phone numbers as written: 10 digits with the trunk 0, 11 with +31. */
const phone = fc.record({ eight: digitsArb(8), seven: digitsArb(7) }).chain(({ eight, seven }) => {
  const e = eight.join("");
  const s = seven.join("");
  return fc.constantFrom(
    `06-${e}`,
    `06 ${e.slice(0, 4)} ${e.slice(4)}`,
    `+31 6 ${e}`,
    `+31 (0)6-${e}`,
    `020-${s}`,
    `(020) ${s.slice(0, 3)} ${s.slice(3)}`,
    `+31 20 ${s.slice(0, 3)} ${s.slice(3, 5)} ${s.slice(5)}`,
  );
});

// Each word has a letter: a bare dash between two numbers joins them into one (as the scan means to),
// so "51602561 — 2 …" would be a nine-digit number that may pass the 11-test.
const word = fc.constantFrom(
  "op",
  "bedrag",
  "tel.",
  "kvk",
  "datum",
  "ref",
  "uur",
  "en",
  "(zie",
  "factuur:",
  "— zie",
);

describe("ordinary numbers are not refused", () => {
  it("accepts amounts, dates, KvK numbers, phone numbers and nine digits failing the 11-test, in text and keys", () => {
    const item = fc.oneof(
      amount,
      date,
      kvk,
      phone,
      written(failingNine).map((w) => w.text),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(word, item), { minLength: 1, maxLength: 6 }), (parts) => {
        const note = parts.map(([w, i]) => `${w} ${i}`).join(" ");
        expect(bsnHits({ note, byKey: { [note]: 1 } }, "body")).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
