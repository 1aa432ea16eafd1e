import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import {
  computeObligation,
  type ObligationPolicy,
  validatePolicy,
} from "../../../lib/domain/sroi/obligation.js";
import { demoPolicy } from "../../../lib/sroi/reference-data.js";

const policy: ObligationPolicy = { ...demoPolicy };

describe("obligation with the demo policy (5 %, EUR 200,000 inclusive, supplies ≥ 30 % labour)", () => {
  it("applies at the threshold (inclusive) and explains each step in order", () => {
    const r = computeObligation(policy, { valueCents: 20_000_000, type: "services" });
    expect(r.applies).toBe(true);
    expect(r.obligationCents).toBe(1_000_000);
    expect(r.steps.map((s) => s.step)).toEqual(["threshold", "type", "percentage"]);
    expect(r.steps[2]).toMatchObject({ amountCents: 1_000_000 });
    expect(r.steps[2]!.detail).toBe("5 % of contract value excl. VAT EUR 200000.00 = EUR 10000.00");
  });

  it("does not apply one cent below the threshold, or at it when exclusive", () => {
    const below = computeObligation(policy, { valueCents: 19_999_999, type: "works" });
    expect(below).toMatchObject({ applies: false, obligationCents: 0 });
    expect(below.steps).toHaveLength(1);
    const exclusive = computeObligation(
      { ...policy, thresholdInclusive: false },
      { valueCents: 20_000_000, type: "works" },
    );
    expect(exclusive.applies).toBe(false);
  });

  it("takes supplies only with enough labour share", () => {
    expect(
      computeObligation(policy, { valueCents: 50_000_000, type: "supplies", labourShare: 0.3 }).applies,
    ).toBe(true);
    const low = computeObligation(policy, { valueCents: 50_000_000, type: "supplies", labourShare: 0.29 });
    expect(low.applies).toBe(false);
    expect(low.steps[1]!.detail).toContain("29 % < 30 %");
  });

  it("requires the labour share where the policy needs it", () => {
    try {
      computeObligation(policy, { valueCents: 50_000_000, type: "supplies" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInput);
      expect((e as InvalidInput).errors[0]!.path).toBe("contract.labourShare");
    }
  });

  it("applies PSO discount before the cap (Súdwest-Fryslân style cap EUR 300k)", () => {
    const capped: ObligationPolicy = {
      ...policy,
      capCents: 30_000_000,
      psoDiscountPercentByLevel: { "trede-2": 10 },
    };
    const r = computeObligation(capped, { valueCents: 1_000_000_000, type: "works" }, "trede-2");
    // 5 % of 10M = 500k; −10 % = 450k; cap 300k
    expect(r.steps.map((s) => [s.step, s.amountCents])).toEqual([
      ["threshold", undefined],
      ["type", undefined],
      ["percentage", 50_000_000],
      ["pso-discount", 45_000_000],
      ["cap", 30_000_000],
    ]);
    expect(r.obligationCents).toBe(30_000_000);
  });

  it("minimum duration (central government: ≥ 6 months) and a reduced rate below a labour share", () => {
    const rijk: ObligationPolicy = { ...policy, thresholdCents: 25_000_000, minimumMonths: 6 };
    expect(computeObligation(rijk, { valueCents: 30_000_000, type: "works", months: 5 }).applies).toBe(false);
    expect(
      computeObligation(rijk, { valueCents: 30_000_000, type: "works", months: 6 }).obligationCents,
    ).toBe(1_500_000);
    const vliet: ObligationPolicy = { ...policy, lowLabourShare: { below: 0.3, percent: 2 } };
    expect(
      computeObligation(vliet, { valueCents: 30_000_000, type: "services", labourShare: 0.1 })
        .obligationCents,
    ).toBe(600_000);
  });

  it("rounds the percentage half away from zero to cents", () => {
    // 5 % of 200000.09 = 10000.0045 → 10000.00; 2.5 % of 200000.20 = 5000.005 → 5000.01
    expect(computeObligation(policy, { valueCents: 20_000_009, type: "works" }).obligationCents).toBe(
      1_000_000,
    );
    expect(
      computeObligation({ ...policy, percent: 2.5 }, { valueCents: 20_000_020, type: "works" })
        .obligationCents,
    ).toBe(500_001);
  });

  it("is monotone in the contract value, never above percent × value or the cap", () => {
    const capped: ObligationPolicy = {
      ...policy,
      capCents: 30_000_000,
      psoDiscountPercentByLevel: { "trede-1": 5 },
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e10 }),
        fc.integer({ min: 0, max: 2e10 }),
        fc.constantFrom(undefined, "trede-1", "trede-3"),
        (a, b, level) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const x = computeObligation(capped, { valueCents: lo, type: "works" }, level).obligationCents;
          const y = computeObligation(capped, { valueCents: hi, type: "works" }, level).obligationCents;
          expect(x).toBeLessThanOrEqual(y);
          expect(y).toBeLessThanOrEqual(Math.round(hi * 0.05) + 1);
          expect(y).toBeLessThanOrEqual(30_000_000);
        },
      ),
    );
  });

  it("validates policies", () => {
    expect(validatePolicy(policy)).toEqual([]);
    expect(validatePolicy({ ...policy, percent: 120, capCents: -1 }).map((e) => e.path)).toEqual([
      "cap",
      "percent",
    ]);
  });

  it("names every unusable policy field at once, under the caller's prefix", () => {
    const broken: ObligationPolicy = {
      ...policy,
      thresholdCents: 1.5,
      suppliesMinLabourShare: 1.2,
      lowLabourShare: { below: 0, percent: 101 },
      contractTypes: [],
      psoDiscountPercentByLevel: { "trede-1": 10, "trede-2": -5 },
      reviewDays: 2.5,
      recoveryDays: -1,
      minimumMonths: -3,
      sanctionFactor: -0.5,
    };
    expect(validatePolicy(broken, "policy")).toEqual([
      { path: "policy.threshold", message: "must be an amount ≥ 0" },
      { path: "policy.suppliesMinLabourShare", message: "must be a fraction 0..1 or null" },
      { path: "policy.lowLabourShare.below", message: "must be a fraction in (0, 1]" },
      { path: "policy.lowLabourShare.percent", message: "must be 0..100" },
      { path: "policy.contractTypes", message: "at least one type" },
      { path: "policy.psoDiscountPercentByLevel.trede-2", message: "must be 0..100" },
      { path: "policy.reviewDays", message: "must be a whole number ≥ 0" },
      { path: "policy.recoveryDays", message: "must be a whole number ≥ 0" },
      { path: "policy.minimumMonths", message: "must be ≥ 0 or null" },
      { path: "policy.sanctionFactor", message: "must be ≥ 0" },
    ]);
    // The optional parts are fine when absent: no cap, no minimum duration, no reduced rate.
    expect(
      validatePolicy({
        ...policy,
        capCents: null,
        minimumMonths: null,
        lowLabourShare: null,
        sanctionFactor: 2,
      }),
    ).toEqual([]);
  });

  it("refuses unusable contract data with every path, before any step", () => {
    const minimum = { ...policy, minimumMonths: 6 };
    const refusal = (() => {
      try {
        computeObligation(minimum, { valueCents: -100, type: "works", labourShare: 1.5, months: -1 });
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidInput);
    expect((refusal as InvalidInput).errors).toEqual([
      { path: "contract.value", message: "must be an amount ≥ 0" },
      { path: "contract.labourShare", message: "must be a fraction between 0 and 1" },
      { path: "contract.months", message: "must be ≥ 0" },
    ]);
    // A policy with a minimum duration needs the contract's duration.
    expect(() => computeObligation(minimum, { valueCents: 50_000_000, type: "works" })).toThrow(InvalidInput);
  });

  it("stops at the type step for a contract type outside the policy", () => {
    const worksOnly = { ...policy, contractTypes: ["works" as const] };
    const r = computeObligation(worksOnly, { valueCents: 50_000_000, type: "services" });
    expect(r).toMatchObject({ applies: false, obligationCents: 0 });
    expect(r.steps.map((s) => s.step)).toEqual(["threshold", "type"]);
    expect(r.steps[1]!.detail).toBe("contract type services is not in scope (works)");
  });
});
