import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { personSteps, personsDeltasByMonth } from "../../../lib/contracts/totals/months.js";

const months = ["2025-01", "2025-02", "2025-03", "2025-06", "2025-12"];

describe("persons by month", () => {
  it("a candidate counts from the month its net accepted ticks up to that month become positive", () => {
    expect(personSteps(new Map([["2025-06", 10]]))).toEqual(new Map([["2025-06", 1]]));
    expect(
      personSteps(
        new Map([
          ["2025-03", 10],
          ["2025-06", -10],
        ]),
      ),
    ).toEqual(
      new Map([
        ["2025-03", 1],
        ["2025-06", -1],
      ]),
    );
    expect(personSteps(new Map([["2025-03", 0]]))).toEqual(new Map());
  });

  it("the deltas of acceptances in any order add up to the steps of their sum", () => {
    const change = fc.record({ month: fc.constantFrom(...months), ticks: fc.integer({ min: -50, max: 50 }) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes) => {
        const marker = new Map<string, number>();
        const total = new Map<string, number>();
        for (const { month, ticks } of changes) {
          marker.set(month, (marker.get(month) ?? 0) + ticks);
          for (const [m, d] of personsDeltasByMonth(marker, month, ticks))
            total.set(m, (total.get(m) ?? 0) + d);
        }
        const expected = personSteps(marker);
        for (const m of months) expect(total.get(m) ?? 0, m).toBe(expected.get(m) ?? 0);
        // Every step is +1 or −1, and they alternate, so the count at any month is 0 or 1.
        let counted = 0;
        for (const m of [...expected.keys()].sort()) {
          counted += expected.get(m)!;
          expect([0, 1]).toContain(counted);
        }
      }),
    );
  });
});
