import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextMonthStart, policyChanges } from "../../../lib/console/auditor/rules.js";

const policy = {
  catalogueId: "oost-nederland",
  effectiveFrom: null,
  threshold: { amount: 200000, currency: "EUR" as const },
  thresholdInclusive: true,
  contractTypes: ["works" as const, "services" as const],
  suppliesMinLabourShare: 0.3,
  percent: 5,
  base: "contract-value" as const,
  cap: null,
  minimumMonths: null,
  psoDiscountPercentByLevel: {},
  valuationDate: "activity-start" as const,
  reportingFrequency: "quarterly" as const,
  reviewDays: 30,
  recoveryDays: 90,
  retentionMonths: 24,
};

describe("the changes a policy preview shows", () => {
  it("lists exactly the settings whose values differ, with both values", () => {
    const next = { ...policy, percent: 6.5, threshold: { amount: 250000, currency: "EUR" }, cap: null };
    expect(policyChanges(policy, next)).toEqual([
      { key: "threshold", before: policy.threshold, after: next.threshold },
      { key: "percent", before: 5, after: 6.5 },
    ]);
  });

  it("lists nothing for a version equal to the base, and every changed setting for any change", () => {
    fc.assert(
      fc.property(
        fc.record(
          { percent: fc.integer({ min: 0, max: 100 }), reviewDays: fc.integer({ min: 1, max: 365 }) },
          { requiredKeys: [] },
        ),
        (change) => {
          expect(policyChanges(policy, { ...policy })).toEqual([]);
          const keys = policyChanges(policy, { ...policy, ...change }).map((c) => c.key);
          const differing = Object.entries(change)
            .filter(([key, value]) => policy[key as keyof typeof policy] !== value)
            .map(([key]) => key);
          expect(keys.sort()).toEqual(differing.sort());
        },
      ),
    );
  });

  it("shows every setting of a first version as new", () => {
    expect(policyChanges(undefined, policy).map((c) => c.key)).toContain("percent");
  });
});

describe("the day a new policy version starts by default", () => {
  it("is the first of the next month in Amsterdam time, across a year's end", () => {
    expect(nextMonthStart(new Date("2026-07-03T10:00:00Z"))).toBe("2026-08-01");
    expect(nextMonthStart(new Date("2026-12-15T10:00:00Z"))).toBe("2027-01-01");
    // 23:30 UTC on 31 December is already January in Amsterdam.
    expect(nextMonthStart(new Date("2026-12-31T23:30:00Z"))).toBe("2027-02-01");
  });
});
