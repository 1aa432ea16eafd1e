import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { make } from "../../../lib/domain/exact.js";
import type { Catalogue } from "../../../lib/domain/sroi/catalogue.js";
import { monthsBetween } from "../../../lib/domain/sroi/months.js";
import { type ValuationLine, valuateExact, valuateLines } from "../../../lib/domain/sroi/valuation.js";
import { referenceCatalogues } from "../../../lib/sroi/reference-data.js";

/** A shipped catalogue by id (the seed's own list, as the seed and the engine read it). */
const referenceCatalogue = (id: string): Catalogue => referenceCatalogues.find((c) => c.id === id)!;

const oost = referenceCatalogue("oost-nederland");
const utrecht = referenceCatalogue("utrecht");
const rijnvicus = referenceCatalogue("rijnvicus");

const one = (catalogue: Catalogue, line: ValuationLine) => valuateLines(catalogue, [line]).lines[0]!;

function fieldErrors(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput);
    return (e as InvalidInput).errors;
  }
  throw new Error("expected InvalidInput");
}

describe("Oost-Nederland worked rules (lib/domain/sroi/README.md, Valuation)", () => {
  it("Participatiewet > 2 years: EUR 40,000/yr × FTE × months / 12", () => {
    const line = one(oost, { blockId: "pwet-gt-2y", fte: 0.8, months: 18 });
    expect(line.valueCents).toBe(4_800_000);
    expect(line.formula).toBe("40000 × 0.8 × 18/12");
    expect(line).toMatchObject({ kind: "employment", reportedMonths: 18, countedMonths: 18 });
    expect(line.targetGroup).toBe("Participatiewet, more than 2 years on benefit");
  });

  it("counts at most 2 years for Participatiewet > 2 years; months beyond are shown, not counted", () => {
    const line = one(oost, { blockId: "pwet-gt-2y", fte: 1, months: 30 });
    expect(line.valueCents).toBe(8_000_000);
    expect(line.reportedMonths).toBe(30);
    expect(line.countedMonths).toBe(24);
    expect(line.formula).toContain("30 months reported");
  });

  it("WW < 1 year: EUR 10,000/yr for at most 1 year", () => {
    expect(one(oost, { blockId: "ww-lt-1y", fte: 1, months: 12 }).valueCents).toBe(1_000_000);
    expect(one(oost, { blockId: "ww-lt-1y", fte: 1, months: 18 }).valueCents).toBe(1_000_000);
    expect(one(oost, { blockId: "ww-lt-1y", fte: 0.5, months: 6 }).valueCents).toBe(250_000);
  });

  it("register groups: EUR 40,000/yr for the whole contract (no maximum)", () => {
    const line = one(oost, { blockId: "register", fte: 1, months: 48 });
    expect(line.valueCents).toBe(16_000_000);
    expect(line.countedMonths).toBe(48);
  });

  it("work-experience place: EUR 750 per month, fractional months allowed", () => {
    expect(one(oost, { blockId: "work-experience", months: 6 }).valueCents).toBe(450_000);
    expect(one(oost, { blockId: "work-experience", months: 2.5 }).valueCents).toBe(187_500);
    expect(one(oost, { blockId: "work-experience", months: 6 }).formula).toBe("750 × 6");
  });

  it("BBL level 1-2: EUR 20,000 per learning year", () => {
    expect(one(oost, { blockId: "bbl-1-2", months: 12 }).valueCents).toBe(2_000_000);
    expect(one(oost, { blockId: "bbl-1-2", months: 9 }).valueCents).toBe(1_500_000);
  });

  it("values months from dates exactly and rounds once per line, half away from zero", () => {
    // 1-10 January = 10/31 month: 40000 × 1 × (10/31)/12 = 1075.2688… → 1075.27
    const { lines } = valuateExact(oost, [
      { blockId: "pwet-gt-2y", fte: 1, months: monthsBetween("2024-01-01", "2024-01-10") },
    ]);
    expect(lines[0]!.valueCents).toBe(107_527);
    expect(lines[0]!.formula).toBe("40000 × 1 × (10/31)/12 = 100000/93 → 1075.27");
    expect(lines[0]!.countedMonthsExact).toEqual(make(10n, 31n));
  });

  it("sums rounded lines into the total and names the catalogue version", () => {
    const v = valuateLines(oost, [
      { blockId: "pwet-gt-2y", fte: 0.8, months: 18 },
      { blockId: "work-experience", months: 6 },
      { blockId: "ww-lt-1y", fte: 1, months: 18 },
    ]);
    expect(v.totalCents).toBe(4_800_000 + 450_000 + 1_000_000);
    expect(v.catalogue).toEqual({ id: "oost-nederland", version: "V05-2023-04" });
  });
});

describe("other kinds (Utrecht, Rijnvicus)", () => {
  it("stacks bonuses on an employment line, one rounding", () => {
    const line = one(utrecht, {
      blockId: "pwet",
      fte: 0.5,
      months: 12,
      bonuses: ["bonus-50plus", "bonus-permanent"],
    });
    expect(line.valueCents).toBe(3_000_000);
    expect(line.formula).toBe("(40000 + 10000 + 10000) × 0.5 × 12/12");
  });

  it("hours, purchase and fixed", () => {
    expect(one(utrecht, { blockId: "social-activity", hours: 12.5 }).valueCents).toBe(125_000);
    expect(one(utrecht, { blockId: "social-purchase", invoiceCents: 1_234_567 }).valueCents).toBe(1_234_567);
    expect(one(utrecht, { blockId: "social-purchase", invoiceCents: 1_234_567 }).formula).toBe(
      "1 × 12345.67",
    );
    expect(one(rijnvicus, { blockId: "social-activity", units: 3 }).valueCents).toBe(300_000);
  });

  it("rounds an exact half cent away from zero", () => {
    // 100 × 0.12345 h = 12.345 → 12.35
    const line = one(utrecht, { blockId: "social-activity", hours: 0.12345 });
    expect(line.valueCents).toBe(1235);
    expect(line.formula).toBe("100 × 0.12345 h = 12.345 → 12.35");
  });
});

describe("invalid lines", () => {
  it("reports every wrong field with its path", () => {
    const errors = fieldErrors(() =>
      valuateLines(oost, [
        { blockId: "nope" },
        { blockId: "work-experience", months: 3, fte: 1 },
        { blockId: "pwet-gt-2y", fte: 1.2, months: 6 },
        { blockId: "pwet-gt-2y", fte: 1 },
        { blockId: "bbl-1-2", months: -1 },
      ]),
    );
    expect(errors.map((e) => e.path)).toEqual([
      "lines.0.blockId",
      "lines.1.fte",
      "lines.2.fte",
      "lines.3.months",
      "lines.4.months",
    ]);
  });

  it("refuses FTE 0, non-bonus bonuses, duplicate bonuses and a bonus as a line", () => {
    expect(fieldErrors(() => valuateLines(utrecht, [{ blockId: "pwet", fte: 0, months: 1 }]))[0]!.path).toBe(
      "lines.0.fte",
    );
    const errors = fieldErrors(() =>
      valuateLines(
        utrecht,
        [
          { blockId: "pwet", fte: 1, months: 1, bonuses: ["ww", "bonus-50plus", "bonus-50plus", "zzz"] },
          { blockId: "bonus-50plus" },
          { blockId: "bol-2-4", months: 1, bonuses: [] },
          { blockId: "social-purchase", invoiceCents: 10.5 },
        ],
        "offer.lines",
      ),
    );
    expect(errors.map((e) => e.path)).toEqual([
      "offer.lines.0.bonuses.0",
      "offer.lines.0.bonuses.2",
      "offer.lines.0.bonuses.3",
      "offer.lines.1.blockId",
      "offer.lines.2.bonuses",
      "offer.lines.3.invoice",
    ]);
  });

  it("refuses a quantity whose value would not be kept exactly in whole cents", () => {
    // EUR 100 an hour: 9e13 hours is 9e17 cents, beyond 2^53.
    expect(fieldErrors(() => valuateLines(utrecht, [{ blockId: "social-activity", hours: 9e13 }]))).toEqual([
      { path: "lines.0.hours", code: "out-of-range", message: expect.stringContaining("too large") },
    ]);
    expect(one(utrecht, { blockId: "social-activity", hours: 9e11 }).valueCents).toBe(9e15);
  });

  it("accepts zero quantities and an empty list", () => {
    expect(one(oost, { blockId: "work-experience", months: 0 }).valueCents).toBe(0);
    expect(valuateLines(oost, []).totalCents).toBe(0);
  });
});

describe("properties", () => {
  const fte = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);
  const months = fc.integer({ min: 0, max: 1200 }).map((n) => n / 10);
  const employmentBlock = fc.constantFrom(
    ...oost.blocks.filter((b) => b.kind === "employment").map((b) => b.id),
  );

  it("employment value is monotone in months and FTE and never exceeds the counting maximum", () => {
    fc.assert(
      fc.property(employmentBlock, fte, months, months, (blockId, f, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const a = one(oost, { blockId, fte: f, months: lo });
        const b = one(oost, { blockId, fte: f, months: hi });
        expect(a.valueCents).toBeLessThanOrEqual(b.valueCents);
        const full = one(oost, { blockId, fte: 1, months: hi });
        expect(b.valueCents).toBeLessThanOrEqual(full.valueCents);
        const block = oost.blocks.find((x) => x.id === blockId)!;
        if (block.maxMonths) expect(b.countedMonths!).toBeLessThanOrEqual(block.maxMonths);
      }),
    );
  });

  it("the total is the sum of rounded lines, independent of order, and deterministic", () => {
    const line = fc.oneof(
      fc.record({ blockId: employmentBlock, fte, months }),
      fc.record({ blockId: fc.constant("work-experience"), months }),
      fc.record({ blockId: fc.constant("bbl-1-2"), months }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const v = valuateLines(oost, lines);
        expect(v.totalCents).toBe(v.lines.reduce((s, l) => s + l.valueCents, 0));
        expect(valuateLines(oost, [...lines].reverse()).totalCents).toBe(v.totalCents);
        expect(valuateLines(oost, lines)).toEqual(v);
        for (const l of v.lines) expect(Number.isSafeInteger(l.valueCents)).toBe(true);
      }),
    );
  });

  it("counted months of consecutive entries of one candidate add up to min(Σ months, max)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 8 }), (tenths) => {
        let before = make(0n);
        let counted = 0;
        let reported = 0;
        for (const t of tenths) {
          const { lines } = valuateExact(oost, [
            { blockId: "pwet-gt-2y", fte: 1, months: t / 10, monthsBefore: before },
          ]);
          counted += lines[0]!.countedMonths!;
          reported += t;
          before = { n: before.n * 10n + BigInt(t) * before.d, d: before.d * 10n };
        }
        expect(Math.round(counted * 1000)).toBe(Math.round(Math.min(reported / 10, 24) * 1000));
      }),
    );
  });
});
