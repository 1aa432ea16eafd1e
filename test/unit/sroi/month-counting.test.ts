import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, cmp, make } from "../../../lib/domain/exact.js";
import {
  anniversaryMonthsBetween,
  countMonths,
  dayNumber,
  monthsBetween,
  monthsToTicks,
  ticksToMonths,
} from "../../../lib/domain/sroi/months.js";
import { computeObligation } from "../../../lib/domain/sroi/obligation.js";
import { valuateExact } from "../../../lib/domain/sroi/valuation.js";
import { contractMonths } from "../../../lib/contracts/contract/model.js";
import { demoPolicy, referenceCatalogues } from "../../../lib/sroi/reference-data.js";

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const date = fc.integer({ min: dayNumber("2015-01-01"), max: dayNumber("2035-12-31") });

describe("anniversary months (worked examples, lib/domain/sroi/README.md, Month counting)", () => {
  it("15 January to 14 February is exactly one month, to 14 March two", () => {
    expect(anniversaryMonthsBetween("2024-01-15", "2024-02-14")).toEqual(make(1n));
    expect(anniversaryMonthsBetween("2024-01-15", "2024-03-14")).toEqual(make(2n));
    expect(anniversaryMonthsBetween("2023-04-15", "2025-04-14")).toEqual(make(24n));
  });

  it("counts the days after the last whole month against the length of the next anniversary month", () => {
    // 15 Jan – 20 Mar 2024: two months to 14 March, then 15–20 March = 6 days of the month 15 March – 14 April (31 days).
    expect(anniversaryMonthsBetween("2024-01-15", "2024-03-20")).toEqual(add(2, make(6n, 31n)));
    // One day: 15 January of the month 15 January – 14 February (31 days).
    expect(anniversaryMonthsBetween("2024-01-15", "2024-01-15")).toEqual(make(1n, 31n));
    // 20 Feb – 5 Mar 2024: 15 days of the month 20 Feb – 19 Mar (29 days, a leap year).
    expect(anniversaryMonthsBetween("2024-02-20", "2024-03-05")).toEqual(make(15n, 29n));
    // The same dates by calendar-fraction: 10/29 + 5/31.
    expect(countMonths("calendar-fraction", "2024-02-20", "2024-03-05")).toEqual(
      add(make(10n, 29n), make(5n, 31n)),
    );
  });

  it("clamps an anniversary to the last day of a shorter month", () => {
    // 31 Jan → 29 Feb 2024 → 31 Mar: 31 Jan – 28 Feb is one month, to 30 Mar two.
    expect(anniversaryMonthsBetween("2024-01-31", "2024-02-28")).toEqual(make(1n));
    expect(anniversaryMonthsBetween("2024-01-31", "2024-03-30")).toEqual(make(2n));
    // One month to 28 Feb, then 29 Feb = 1 day of the anniversary month 29 Feb – 30 Mar (31 days).
    expect(anniversaryMonthsBetween("2024-01-31", "2024-02-29")).toEqual(add(1, make(1n, 31n)));
  });

  it("refuses an end before the start and malformed dates", () => {
    expect(() => anniversaryMonthsBetween("2024-02-01", "2024-01-31")).toThrow(RangeError);
    expect(() => anniversaryMonthsBetween("2024-02-30", "2024-03-31")).toThrow(RangeError);
  });

  it("names the rule in the formula of an entry's line", () => {
    const oost = referenceCatalogues.find((c) => c.id === "oost-nederland")!;
    const months = anniversaryMonthsBetween("2024-01-15", "2024-02-14");
    const [line] = valuateExact(oost, [
      { blockId: "pwet-gt-2y", fte: 1, months, monthsRule: "anniversary" },
    ]).lines;
    expect(line!.formula).toBe("40000 × 1 × 1/12 (anniversary months) = 10000/3 → 3333.33");
    // With the counting maximum the note lists the rule first: 30 anniversary months, 24 counted.
    const long = anniversaryMonthsBetween("2024-01-15", "2026-07-14");
    const [capped] = valuateExact(oost, [
      { blockId: "pwet-gt-2y", fte: 1, months: long, monthsRule: "anniversary" },
    ]).lines;
    expect(capped!.formula).toBe(
      "40000 × 1 × 24/12 (anniversary months; 30 months reported; at most 24 counted)",
    );
  });
});

describe("anniversary months (properties)", () => {
  it("grows with every day, is a whole number of ticks, and is exact on whole anniversary months", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 1500 }), (start, length) => {
        const m = anniversaryMonthsBetween(iso(start), iso(start + length));
        expect(ticksToMonths(monthsToTicks(m))).toEqual(m);
        expect(cmp(anniversaryMonthsBetween(iso(start), iso(start + length + 1)), m)).toBe(1);
        expect(cmp(m, make(BigInt(length + 1), 31n))).toBeGreaterThanOrEqual(0);
        expect(cmp(m, make(BigInt(length + 1), 28n))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("counts k whole months from any day to the day before its k-th anniversary", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2015, max: 2035 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 60 }),
        (y, m, d, k) => {
          const start = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const anniversary = new Date(Date.UTC(y, m - 1 + k, d));
          const end = iso(anniversary.getTime() / DAY - 1);
          expect(anniversaryMonthsBetween(start, end)).toEqual(make(BigInt(k)));
        },
      ),
    );
  });

  it("agrees with calendar-fraction on every period starting on the 1st of a month", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2015, max: 2035 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1500 }),
        (y, m, length) => {
          const start = `${y}-${String(m).padStart(2, "0")}-01`;
          const end = iso(dayNumber(start) + length);
          expect(countMonths("anniversary", start, end)).toEqual(monthsBetween(start, end));
        },
      ),
    );
  });
});

describe("a contract's duration by the policy's rule (the obligation's minimum duration)", () => {
  it("counts 15 April 2025 – 14 October 2025 as 6 anniversary months, below 6 by calendar-fraction, and names the rule", () => {
    expect(contractMonths("2025-04-15", "2025-10-14", "anniversary")).toBe(6);
    const calendar = contractMonths("2025-04-15", "2025-10-14");
    expect(calendar).toBeLessThan(6); // 16/30 + 5 + 14/31 = 5.98…
    const policy = { ...demoPolicy, minimumMonths: 6 };
    const contract = { valueCents: 30_000_000, type: "services" as const };
    const ann = computeObligation(policy, { ...contract, months: 6, monthsRule: "anniversary" }, null);
    expect(ann.applies).toBe(true);
    expect(ann.steps.find((s) => s.step === "duration")!.detail).toBe(
      "duration 6 anniversary months is at least the minimum 6: in scope",
    );
    const cal = computeObligation(
      policy,
      { ...contract, months: calendar, monthsRule: "calendar-fraction" },
      null,
    );
    expect(cal.applies).toBe(false);
    expect(cal.steps.find((s) => s.step === "duration")!.detail).toContain(
      "calendar-fraction months is below",
    );
  });
});
