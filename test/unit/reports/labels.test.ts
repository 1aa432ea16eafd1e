import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MONTH_TICKS } from "../../../lib/domain/sroi/months.js";
import { FTE_SCALE } from "../../../lib/contracts/entries/model.js";
import { DUTCH, ENGLISH, fixed, roundedQuotient } from "../../../lib/reports/format.js";
import { labelsFor } from "../../../lib/reports/labels.js";

const nl = labelsFor("nl");
const en = labelsFor("en");
const TICKS = Number(MONTH_TICKS);

describe("report number formats", () => {
  it("money in Dutch and English, negative amounts and small ones", () => {
    expect(nl.money(123456789)).toBe("€ 1.234.567,89");
    expect(en.money(123456789)).toBe("€1,234,567.89");
    expect(nl.money(-123456)).toBe("€ -1.234,56");
    expect(en.money(-123456)).toBe("-€1,234.56");
    expect(nl.money(5)).toBe("€ 0,05");
    expect(en.money(0)).toBe("€0.00");
    expect(nl.money(100000)).toBe("€ 1.000,00");
    expect(nl.amount(-98765432100)).toBe("-987.654.321,00");
    expect(nl.moneyChange(2500)).toBe("€ +25,00");
    expect(en.moneyChange(-2500)).toBe("-€25.00");
    expect(nl.moneyChange(0)).toBe("€ 0,00");
  });

  it("the largest safe amount keeps every digit", () => {
    expect(nl.money(Number.MAX_SAFE_INTEGER)).toBe("€ 90.071.992.547.409,91");
  });

  it("grouping agrees with Intl's English format (checked here, never used by the renderer)", () => {
    const intl = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (cents) => {
        const text = fixed(cents, 2, ENGLISH);
        expect(text).toBe(intl.format(cents / 100));
        expect(fixed(cents, 2, DUTCH)).toBe(
          text.replaceAll(",", "#").replaceAll(".", ",").replaceAll("#", "."),
        );
      }),
    );
  });

  it("counts and their changes", () => {
    expect(nl.count(1234567)).toBe("1.234.567");
    expect(en.count(1234567)).toBe("1,234,567");
    expect(nl.countChange(3)).toBe("+3");
    expect(nl.countChange(-1200)).toBe("-1.200");
    expect(nl.countChange(0)).toBe("0");
  });

  it("percentages with one decimal, a dash for none, changes in points", () => {
    expect(nl.percent(12.5)).toBe("12,5 %");
    expect(en.percent(12.5)).toBe("12.5%");
    expect(nl.percent(100)).toBe("100,0 %");
    expect(en.percent(0.1)).toBe("0.1%");
    expect(nl.percent(null)).toBe("–");
    expect(nl.pointsChange(2.5)).toBe("+2,5 %-punt");
    expect(en.pointsChange(-0.3)).toBe("-0.3 pp");
  });

  it("months and FTE-months from ticks, two decimals, rounded half away from zero", () => {
    expect(nl.months(TICKS * 3)).toBe("3,00");
    expect(en.months(TICKS * 1234 + TICKS / 2)).toBe("1,234.50");
    // 17/31 of a month = 0.548…
    expect(nl.months((TICKS / 31) * 17)).toBe("0,55");
    // half a hundredth rounds away from zero
    expect(roundedQuotient(5n, 1000n)).toBe(0n);
    expect(roundedQuotient(5n, 10n)).toBe(1n);
    expect(roundedQuotient(-5n, 10n)).toBe(-1n);
    expect(roundedQuotient(-4n, 10n)).toBe(0n);
    expect(nl.monthsChange(-TICKS)).toBe("-1,00");
    expect(nl.monthsChange(TICKS)).toBe("+1,00");
    // 0.8 FTE for 6 months = 4.8 FTE-months
    const units = Number((FTE_SCALE * 8n) / 10n) * TICKS * 6;
    expect(nl.fteMonths(units)).toBe("4,80");
    expect(en.fteMonthsChange(units)).toBe("+4.80");
  });

  it("dates and periods of whole months", () => {
    expect(nl.date("2026-06-30")).toBe("30 juni 2026");
    expect(en.date("2026-06-30")).toBe("30 June 2026");
    expect(nl.date("2026-03-01")).toBe("1 maart 2026");
    expect(nl.period({ from: "2026-01", to: "2026-06" })).toBe("januari–juni 2026");
    expect(en.period({ from: "2026-01", to: "2026-06" })).toBe("January–June 2026");
    expect(nl.period({ from: "2025-11", to: "2026-04" })).toBe("november 2025–april 2026");
    expect(en.period({ from: "2026-07", to: "2026-07" })).toBe("July 2026");
  });

  it("page footers", () => {
    expect(nl.pageOf(1, 12)).toBe("pagina 1 van 12");
    expect(en.pageOf(3, 4)).toBe("page 3 of 4");
  });

  it("every label is there in both languages, and differs where the language does", () => {
    for (const key of Object.keys(nl.words) as (keyof typeof nl.words)[]) {
      expect(nl.words[key], key).not.toBe("");
      expect(en.words[key], key).not.toBe("");
    }
    expect(Object.keys(en.words).sort()).toEqual(Object.keys(nl.words).sort());
    expect(nl.tag).toBe("nl-NL");
    expect(en.tag).toBe("en-GB");
  });
});
