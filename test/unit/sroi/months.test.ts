import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, cmp, make } from "../../../lib/domain/exact.js";
import {
  allocateCountedMonths,
  dayNumber,
  MONTH_TICKS,
  monthsBetween,
  monthsToTicks,
  parseRatio,
  periodsOverlap,
  ratioText,
  ticksToMonths,
} from "../../../lib/domain/sroi/months.js";

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

describe("months between two dates (end date inclusive)", () => {
  it("counts whole calendar months as exactly 1", () => {
    expect(monthsBetween("2024-01-01", "2024-01-31")).toEqual(make(1n));
    expect(monthsBetween("2024-02-01", "2024-02-29")).toEqual(make(1n));
    expect(monthsBetween("2023-02-01", "2023-02-28")).toEqual(make(1n));
    expect(monthsBetween("2024-01-01", "2024-12-31")).toEqual(make(12n));
    expect(monthsBetween("2023-04-01", "2025-03-31")).toEqual(make(24n));
  });

  it("includes the end date: one day is 1/31 of January", () => {
    expect(monthsBetween("2024-01-15", "2024-01-15")).toEqual(make(1n, 31n));
    expect(monthsBetween("2024-01-01", "2024-01-10")).toEqual(make(10n, 31n));
  });

  it("counts remaining days as a fraction of the month they fall in", () => {
    // 15-31 Jan (17/31) + February (1) + 1-20 Mar (20/31)
    expect(monthsBetween("2024-01-15", "2024-03-20")).toEqual(add(1, make(37n, 31n)));
    // 20-29 Feb 2024 (10/29) + 1-5 Mar (5/31)
    expect(monthsBetween("2024-02-20", "2024-03-05")).toEqual(add(make(10n, 29n), make(5n, 31n)));
  });

  it("refuses an end before the start and malformed dates", () => {
    expect(() => monthsBetween("2024-02-01", "2024-01-31")).toThrow(RangeError);
    expect(() => monthsBetween("2024-02-30", "2024-03-31")).toThrow(RangeError);
    expect(() => monthsBetween("2024-2-1", "2024-03-31")).toThrow(RangeError);
  });

  const date = fc.integer({ min: dayNumber("2015-01-01"), max: dayNumber("2035-12-31") });

  it("is additive: splitting a period at any day keeps the total", () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 1999 }),
        (start, length, cut) => {
          const end = start + length;
          const split = start + (cut % length);
          const whole = monthsBetween(iso(start), iso(end));
          const parts = add(monthsBetween(iso(start), iso(split)), monthsBetween(iso(split + 1), iso(end)));
          expect(cmp(whole, parts)).toBe(0);
        },
      ),
    );
  });

  it("is a whole number of ticks, grows with the end date, and stays within days/28 .. days/31", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 1500 }), (start, length) => {
        const m = monthsBetween(iso(start), iso(start + length));
        const ticks = monthsToTicks(m);
        expect(ticksToMonths(ticks)).toEqual(m);
        expect(cmp(monthsBetween(iso(start), iso(start + length + 1)), m)).toBe(1);
        expect(cmp(m, make(BigInt(length + 1), 31n))).toBeGreaterThanOrEqual(0);
        expect(cmp(m, make(BigInt(length + 1), 28n))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe("helpers", () => {
  it("detects overlapping inclusive periods", () => {
    expect(periodsOverlap("2024-01-01", "2024-01-31", "2024-01-31", "2024-02-28")).toBe(true);
    expect(periodsOverlap("2024-01-01", "2024-01-31", "2024-02-01", "2024-02-28")).toBe(false);
  });

  it("allocates counted months against a maximum", () => {
    expect(allocateCountedMonths(24, make(20n), make(10n))).toEqual(make(4n));
    expect(allocateCountedMonths(24, make(30n), make(10n))).toEqual(make(0n));
    expect(allocateCountedMonths(null, make(30n), make(10n))).toEqual(make(10n));
  });

  it("round-trips ratios through their stored text", () => {
    for (const r of [make(165n, 31n), make(-3n, 4n), make(12n)]) expect(parseRatio(ratioText(r))).toEqual(r);
    expect(parseRatio("1.5")).toEqual(make(3n, 2n));
    expect(MONTH_TICKS % 29n).toBe(0n);
  });
});
