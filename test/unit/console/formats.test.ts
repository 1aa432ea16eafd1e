import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../../lib/console/forms.js";
import {
  centsOf,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  LANGS,
} from "../../../lib/console/i18n.js";

describe("formats in each language", () => {
  it("writes money the Dutch way by default and the English way by choice", () => {
    expect(formatMoney(123_456_789, "nl")).toBe("€ 1.234.567,89");
    expect(formatMoney(123_456_789, "en")).toBe("€1,234,567.89");
    expect(formatMoney(0, "nl")).toBe("€ 0,00");
    expect(formatMoney(-5, "nl")).toBe("€ -0,05");
    expect(formatMoney(-5, "en")).toBe("-€0.05");
  });

  it("writes shares, numbers and dates in the language's format, dates in Amsterdam time", () => {
    expect(formatPercent(0.621, "nl")).toBe("62,1%");
    expect(formatPercent(0.621, "en")).toBe("62.1%");
    expect(formatNumber(1234.567, "nl")).toBe("1.234,57");
    expect(formatNumber(1234.567, "en")).toBe("1,234.57");
    expect(formatDate("2026-05-15", "nl")).toBe("15 mei 2026");
    expect(formatDate("2026-05-15", "en")).toBe("15 May 2026");
    // 23:30 UTC on New Year's Eve is already the next year in Amsterdam.
    expect(formatDate("2026-12-31T23:30:00Z", "nl")).toBe("1 januari 2027");
    expect(formatDateTime("2026-05-15T12:30:00Z", "nl")).toBe("15 mei 2026 om 14:30");
    expect(formatDateTime("2026-01-15T12:30:00Z", "en")).toBe("15 January 2026 at 13:30");
  });

  it("turns the API's euros into cents, half away from zero", () => {
    expect(centsOf(1250.5)).toBe(125_050);
    expect(centsOf(19.99)).toBe(1999);
    expect(centsOf(0.285)).toBe(29);
    expect(centsOf(-1.005)).toBe(-101);
    expect(centsOf(0)).toBe(0);
  });

  it("gives back the cents of every amount the API can send (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), (cents) => {
        expect(centsOf(cents / 100)).toBe(cents);
      }),
    );
  });

  it("writes every amount of cents exactly: the digits read back to the same cents (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 13), max: 10 ** 13 }),
        fc.constantFrom(...LANGS),
        (cents, lang) => {
          const text = formatMoney(cents, lang);
          expect(text.startsWith(cents < 0 ? (lang === "nl" ? "€ -" : "-€") : "€")).toBe(true);
          const digits = text.replace(/[^\d]/g, "");
          expect(BigInt(digits)).toBe(BigInt(Math.abs(cents)));
          expect(parseDecimal(text, lang)).toBeCloseTo(cents / 100, 2);
        },
      ),
    );
  });
});

describe("numbers as typed", () => {
  it("reads both languages' ways of writing a number", () => {
    const cases: [string, "nl" | "en", number | undefined][] = [
      ["1.234,56", "nl", 1234.56],
      ["1234,56", "nl", 1234.56],
      ["1.234.567,89", "nl", 1_234_567.89],
      ["€ 1.000", "nl", 1000],
      ["-3,5", "nl", -3.5],
      ["1.234", "nl", 1234],
      ["1234.56", "nl", 1234.56],
      ["12.5", "nl", 12.5],
      ["1,234.56", "en", 1234.56],
      ["1,234", "en", 1234],
      ["1,5", "en", 1.5],
      [" 42 ", "en", 42],
      ["", "nl", undefined],
      ["   ", "en", undefined],
    ];
    for (const [text, lang, value] of cases)
      expect(parseDecimal(text, lang), `${text} (${lang})`).toBe(value);
  });

  it("answers NaN for text that is no number, so the API names the field", () => {
    for (const text of ["abc", "1,2,3", "1.23.4", "--1", "1e5", "12,", ",5", "1.2,3,4", "-"])
      expect(parseDecimal(text, "nl"), text).toBeNaN();
    for (const text of ["1.2.3", "12,34,5", "1,23.4", "twelve"])
      expect(parseDecimal(text, "en"), text).toBeNaN();
  });

  it("reads back whatever the console writes, in either language (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 11), max: 10 ** 11 }),
        fc.constantFrom(...LANGS),
        (hundredths, lang) => {
          const value = hundredths / 100;
          expect(parseDecimal(formatNumber(value, lang), lang)).toBe(value);
        },
      ),
    );
  });
});
