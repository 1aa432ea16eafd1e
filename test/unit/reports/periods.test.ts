import { periodSchema } from "../../../lib/schemas/contracts.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import {
  addMonths,
  addMonthsToDate,
  dueLabels,
  entryDue,
  labelsEndingIn,
  lastDayOf,
  lastMonthOfLabel,
  MAX_PERIOD_MONTHS,
  monthInPeriod,
  monthsOf,
  monthsOfLabel,
  parsePeriod,
  periodErrors,
  periodLength,
  previousPeriod,
} from "../../../lib/domain/reports/periods.js";

describe("report periods", () => {
  it("parses whole months, both inclusive, and refuses malformed or reversed ones by field", () => {
    expect(parsePeriod({ from: "2026-01", to: "2026-06" })).toEqual({ from: "2026-01", to: "2026-06" });
    expect(parsePeriod({ from: "2026-03", to: "2026-03" })).toEqual({ from: "2026-03", to: "2026-03" });
    expect(periodErrors({ from: "2026-1", to: "2026-13" })).toEqual([
      { path: "period.from", message: "a month, YYYY-MM" },
      { path: "period.to", message: "a month, YYYY-MM" },
    ]);
    expect(periodErrors({ from: "2026-07", to: "2026-06" }, "body.period")).toEqual([
      { path: "body.period.to", message: "on or after the first month (both are inclusive)" },
    ]);
    expect(periodErrors({ from: "2020-01", to: "2030-01" })).toEqual([
      { path: "period.to", message: `at most ${MAX_PERIOD_MONTHS} months after the first` },
    ]);
    expect(periodErrors({ from: "0000-01", to: "0000-02" })).toEqual([
      { path: "period.from", message: "too early to have a previous period" },
    ]);
    expect(() => parsePeriod({ from: "2026-07", to: "2026-06" })).toThrow(InvalidInput);
  });

  it("lists its months, its last day, and the previous period of equal length", () => {
    expect(monthsOf({ from: "2025-11", to: "2026-02" })).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(periodLength({ from: "2025-11", to: "2026-02" })).toBe(4);
    expect(lastDayOf({ from: "2028-01", to: "2028-02" })).toBe("2028-02-29");
    expect(lastDayOf({ from: "2026-01", to: "2026-06" })).toBe("2026-06-30");
    expect(previousPeriod({ from: "2026-01", to: "2026-06" })).toEqual({ from: "2025-07", to: "2025-12" });
    expect(previousPeriod({ from: "2026-01", to: "2026-12" })).toEqual({ from: "2025-01", to: "2025-12" });
    expect(previousPeriod({ from: "2026-02", to: "2026-04" })).toEqual({ from: "2025-11", to: "2026-01" });
    expect(monthInPeriod("2026-06", { from: "2026-01", to: "2026-06" })).toBe(true);
    expect(monthInPeriod("2026-07", { from: "2026-01", to: "2026-06" })).toBe(false);
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(() => addMonths("0000-01", -1)).toThrow(RangeError);
  });

  it("has a previous period that ends the month before it and is as long (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990 * 12, max: 2100 * 12 }),
        fc.integer({ min: 1, max: 60 }),
        (start, length) => {
          const from = addMonths("0000-01", start);
          const period = { from, to: addMonths(from, length - 1) };
          const previous = previousPeriod(period);
          expect(periodLength(previous)).toBe(length);
          expect(addMonths(previous.to, 1)).toBe(period.from);
          expect(monthsOf(period)).toHaveLength(length);
        },
      ),
    );
  });

  it("adds calendar months to a date, on the month's last day when it has fewer days", () => {
    expect(addMonthsToDate("2026-06-30", 3)).toBe("2026-09-30");
    expect(addMonthsToDate("2026-03-31", 3)).toBe("2026-06-30");
    expect(addMonthsToDate("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonthsToDate("2027-11-29", 3)).toBe("2028-02-29");
  });
});

describe("reporting-period labels", () => {
  it("count in the month they end in", () => {
    expect(lastMonthOfLabel("2026")).toBe("2026-12");
    expect(lastMonthOfLabel("2026-H1")).toBe("2026-06");
    expect(lastMonthOfLabel("2026-H2")).toBe("2026-12");
    expect(lastMonthOfLabel("2026-Q3")).toBe("2026-09");
    expect(lastMonthOfLabel("2026-07")).toBe("2026-07");
    expect(monthsOfLabel("2026-Q1")).toEqual({ from: "2026-01", to: "2026-03" });
    expect(monthsOfLabel("2026-H2")).toEqual({ from: "2026-07", to: "2026-12" });
    for (const bad of ["2026-Q5", "2026-H3", "2026-13", "26", "2026-7"])
      expect(() => lastMonthOfLabel(bad)).toThrow(RangeError);
  });

  it("are refused exactly as the entry schema refuses them", () => {
    for (const label of ["2026-H3", "2026-Q5", "2026-13", "2026-00", "26", "2026-7", "2026-q1", ""]) {
      expect(periodSchema.safeParse(label).success, label).toBe(false);
      expect(() => lastMonthOfLabel(label), label).toThrow(RangeError);
    }
    const label = fc
      .tuple(
        fc.integer({ min: 1900, max: 2999 }),
        fc.constantFrom("", "-H1", "-H2", "-Q1", "-Q2", "-Q3", "-Q4", "-01", "-06", "-09", "-10", "-12"),
      )
      .map(([y, s]) => `${y}${s}`);
    fc.assert(
      fc.property(label, (l) => {
        expect(periodSchema.safeParse(l).success).toBe(true);
        const month = lastMonthOfLabel(l);
        expect(month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        expect(month.slice(0, 4)).toBe(l.slice(0, 4));
      }),
    );
  });

  it("of each frequency end in a period where their last month lies", () => {
    const h1 = { from: "2026-01", to: "2026-06" };
    expect(labelsEndingIn("monthly", h1)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
    expect(labelsEndingIn("quarterly", h1)).toEqual(["2026-Q1", "2026-Q2"]);
    expect(labelsEndingIn("half-yearly", h1)).toEqual(["2026-H1"]);
    expect(labelsEndingIn("yearly", h1)).toEqual([]);
    expect(labelsEndingIn("yearly", { from: "2025-12", to: "2026-01" })).toEqual(["2025"]);
    expect(labelsEndingIn("quarterly", { from: "2025-11", to: "2026-04" })).toEqual(["2025-Q4", "2026-Q1"]);
  });

  it("are due when they ended by the status date while the contract ran", () => {
    const due = (startDate: string, endDate: string, asOf = "2026-06-30") =>
      dueLabels({
        frequency: "quarterly",
        startDate,
        endDate,
        period: { from: "2026-01", to: "2026-06" },
        asOf,
      });
    expect(due("2026-01-01", "2026-12-31")).toEqual(["2026-Q1", "2026-Q2"]);
    // Starting on the last day of a quarter: that quarter is due.
    expect(due("2026-03-31", "2026-12-31")).toEqual(["2026-Q1", "2026-Q2"]);
    expect(due("2026-04-01", "2026-12-31")).toEqual(["2026-Q2"]);
    // Ending on the first day of a quarter: that quarter is due too.
    expect(due("2025-01-01", "2026-04-01")).toEqual(["2026-Q1", "2026-Q2"]);
    expect(due("2025-01-01", "2025-12-31")).toEqual([]);
    expect(due("2026-01-01", "2026-12-31", "2026-06-29")).toEqual(["2026-Q1"]);
    expect(
      entryDue({
        frequency: "half-yearly",
        startDate: "2026-01-01",
        endDate: "2026-12-31",
        period: { from: "2026-01", to: "2026-06" },
        asOf: "2026-05-31",
      }),
    ).toBe(false);
  });
});
