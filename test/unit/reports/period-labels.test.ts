import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastMonthOfLabel } from "../../../lib/domain/reports/periods.js";
import { periodSchema } from "../../../lib/schemas/contracts.js";

describe("lastMonthOfLabel", () => {
  it("gives the month in which a year, half, quarter or month ends", () => {
    expect(lastMonthOfLabel("2026")).toBe("2026-12");
    expect(lastMonthOfLabel("2026-H1")).toBe("2026-06");
    expect(lastMonthOfLabel("2026-H2")).toBe("2026-12");
    expect(lastMonthOfLabel("2026-Q1")).toBe("2026-03");
    expect(lastMonthOfLabel("2026-Q3")).toBe("2026-09");
    expect(lastMonthOfLabel("2026-Q4")).toBe("2026-12");
    expect(lastMonthOfLabel("2026-07")).toBe("2026-07");
    expect(lastMonthOfLabel("2026-12")).toBe("2026-12");
  });

  it("refuses what the entry schema refuses", () => {
    for (const label of ["2026-H3", "2026-Q5", "2026-13", "2026-00", "26", "2026-7", "2026-q1", ""])
      expect(() => lastMonthOfLabel(label), label).toThrow(RangeError);
  });

  it("accepts every label the entry schema accepts, and its month lies in the label's year", () => {
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
});
