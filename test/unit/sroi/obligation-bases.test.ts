import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import {
  baseFromStored,
  computeObligation,
  type ObligationPolicy,
  validatePolicy,
} from "../../../lib/domain/sroi/obligation.js";
import { certificateCover, psoLevelFromStored, psoTableFromStored } from "../../../lib/domain/sroi/pso.js";
import { registerContractSchema } from "../../../lib/schemas/contracts.js";
import { bidContentSchema } from "../../../lib/schemas/scoring.js";
import { policyBodySchema } from "../../../lib/schemas/sroi.js";
import { centralGovernmentPolicy, demoPolicy } from "../../../lib/sroi/reference-data.js";

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInput) return error.errors;
    throw error;
  }
  throw new Error("not refused");
};

describe("central government: 5 % of the wage bill, contracts above EUR 250,000 of at least 6 months", () => {
  const rijk = centralGovernmentPolicy;

  it("is the published rule as policy data", () => {
    expect(rijk).toMatchObject({
      thresholdCents: 25_000_000,
      thresholdInclusive: false,
      minimumMonths: 6,
      percent: 5,
      base: "wage-bill",
      contractTypes: ["works", "services"],
    });
    expect(validatePolicy(rijk)).toEqual([]);
  });

  it("EUR 400,000 services for 12 months with a wage bill of EUR 120,000 → EUR 6,000", () => {
    const r = computeObligation(rijk, {
      valueCents: 40_000_000,
      type: "services",
      months: 12,
      wageBillCents: 12_000_000,
    });
    expect(r).toMatchObject({ applies: true, obligationCents: 600_000 });
    expect(r.steps.map((s) => s.step)).toEqual(["threshold", "duration", "type", "percentage"]);
    // The threshold is tested on the contract value; the percentage applies to the wage bill.
    expect(r.steps[0]!.detail).toBe(
      "contract value EUR 400000.00 is more than the threshold EUR 250000.00: in scope",
    );
    expect(r.steps[3]!.detail).toBe("5 % of wage bill EUR 120000.00 = EUR 6000.00");
  });

  it("does not apply at exactly EUR 250,000 or below 6 months", () => {
    const at = { valueCents: 25_000_000, type: "works" as const, months: 12, wageBillCents: 1 };
    expect(computeObligation(rijk, at).applies).toBe(false);
    const short = { ...at, valueCents: 30_000_000, months: 5 };
    expect(computeObligation(rijk, short).steps.at(-1)!.detail).toBe(
      "duration 5 months is below the minimum 6: no obligation",
    );
  });

  it("asks for the wage bill by its field when the base needs it", () => {
    expect(
      refusal(() => computeObligation(rijk, { valueCents: 40_000_000, type: "works", months: 12 })),
    ).toEqual([{ path: "contract.wageBill", message: "required: this policy's base is the wage bill" }]);
  });

  it("supplies are out of scope: applies false with the type step, no labour share asked", () => {
    const r = computeObligation(rijk, { valueCents: 100_000_000, type: "supplies", months: 24 });
    expect(r).toMatchObject({ applies: false, obligationCents: 0 });
    expect(r.steps.map((s) => s.step)).toEqual(["threshold", "duration", "type"]);
    expect(r.steps[2]!.detail).toBe("contract type supplies is not in scope (works, services)");
  });
});

describe("supplies excluded by a policy that still has labour-share rules", () => {
  it("answers applies false instead of asking for the labour share", () => {
    const noSupplies: ObligationPolicy = {
      ...demoPolicy,
      contractTypes: ["works", "services"],
      suppliesMinLabourShare: 0.3,
      lowLabourShare: { below: 0.3, percent: 2 },
    };
    const r = computeObligation(noSupplies, { valueCents: 50_000_000, type: "supplies" });
    expect(r).toMatchObject({ applies: false, obligationCents: 0 });
    expect(r.steps.at(-1)).toEqual({
      step: "type",
      detail: "contract type supplies is not in scope (works, services)",
    });
    // A type in scope still needs it.
    expect(refusal(() => computeObligation(noSupplies, { valueCents: 50_000_000, type: "works" }))).toEqual([
      { path: "contract.labourShare", message: "required by this policy for this contract type" },
    ]);
  });
});

describe("invoiced turnover base", () => {
  const turnover: ObligationPolicy = { ...demoPolicy, base: "invoiced-turnover" };

  it("takes the percentage of the invoiced turnover, the threshold on the contract value", () => {
    const r = computeObligation(turnover, {
      valueCents: 30_000_000,
      type: "services",
      invoicedTurnoverCents: 12_345_678,
    });
    // 5 % of 123,456.78 = 6,172.839 → 6,172.84
    expect(r.obligationCents).toBe(617_284);
    expect(r.steps.at(-1)!.detail).toBe("5 % of invoiced turnover EUR 123456.78 = EUR 6172.84");
    expect(refusal(() => computeObligation(turnover, { valueCents: 30_000_000, type: "works" }))).toEqual([
      { path: "contract.invoicedTurnover", message: "required: this policy's base is the invoiced turnover" },
    ]);
  });

  it("reads the old spelling of the contract-value base", () => {
    expect(baseFromStored("contract value excl. VAT")).toBe("contract-value");
    expect(baseFromStored("wage-bill")).toBe("wage-bill");
    expect(validatePolicy({ ...demoPolicy, base: "turnover" as never }).map((e) => e.path)).toEqual(["base"]);
  });
});

describe("PSO levels by name", () => {
  it("maps digits stored before the names: 0 aspirant, 1–3 treden, others legacy-<n>", () => {
    expect([0, 1, 2, 3, 7, "2", "trede-2", "pso-30plus", null, undefined].map(psoLevelFromStored)).toEqual([
      "aspirant",
      "trede-1",
      "trede-2",
      "trede-3",
      "legacy-7",
      "trede-2",
      "trede-2",
      "pso-30plus",
      null,
      null,
    ]);
    expect(psoTableFromStored({ "1": 10, "2": 20, "9": 5, "trede-3": 30 })).toEqual({
      "trede-1": 10,
      "trede-2": 20,
      "legacy-9": 5,
      "trede-3": 30,
    });
  });

  it("gives the discount by name; a legacy level earns none", () => {
    const policy: ObligationPolicy = { ...demoPolicy, psoDiscountPercentByLevel: { "trede-3": 20 } };
    const contract = { valueCents: 30_000_000, type: "works" as const };
    expect(computeObligation(policy, contract, "trede-3").obligationCents).toBe(1_200_000);
    const legacy = computeObligation(policy, contract, "legacy-7");
    expect(legacy.obligationCents).toBe(1_500_000);
    expect(legacy.steps.at(-1)!.detail).toBe("PSO level legacy-7: no discount in this policy");
  });
});

describe("PSO levels on the wire", () => {
  const names = '"aspirant", "basistrede", "trede-1", "trede-2", "trede-3", "pso-30plus"';
  const issues = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    result.error?.issues.map((i) => [i.path.join("."), i.message]);

  it("refuses the old digits with a message naming the levels, on contracts, bids and policies", () => {
    const contract = {
      reference: "R-1",
      title: "t",
      supplierId: "sup-a",
      type: "works",
      value: { amount: 1, currency: "EUR" },
      startDate: "2026-01-01",
      endDate: "2026-12-31",
    };
    expect(registerContractSchema.safeParse({ ...contract, psoLevel: "trede-1" }).success).toBe(true);
    expect(issues(registerContractSchema.safeParse({ ...contract, psoLevel: 1 }))).toEqual([
      ["psoLevel", `a PSO level by name: one of ${names} (digits are no longer taken)`],
    ]);
    const price = { amount: 100, currency: "EUR" };
    expect(bidContentSchema.safeParse({ price, psoLevel: "pso-30plus" }).success).toBe(true);
    expect(issues(bidContentSchema.safeParse({ price, certificates: { pso: 2 } }))).toEqual([
      ["certificates.pso", `the PSO level is psoLevel, by name: one of ${names}`],
    ]);
    const policy = policyBodySchema.shape.psoDiscountPercentByLevel;
    expect(policy.safeParse({ "trede-1": 10 }).success).toBe(true);
    expect(issues(policy.safeParse({ "1": 10 }))).toEqual([["1", `not a PSO level: one of ${names}`]]);
  });

  it("takes the old base spelling as contract-value", () => {
    expect(policyBodySchema.shape.base.parse("contract value excl. VAT")).toBe("contract-value");
    expect(policyBodySchema.shape.base.safeParse("turnover").success).toBe(false);
  });
});

describe("a PSO certificate that expires during the contract", () => {
  const policy: ObligationPolicy = { ...demoPolicy, psoDiscountPercentByLevel: { "trede-2": 20 } };
  const contract = {
    valueCents: 30_000_000,
    type: "services" as const,
    startDate: "2026-01-01",
    endDate: "2026-12-31",
  };

  it("earns the discount pro rata the days it covers: 15,000 × 20 % × 181/365", () => {
    const r = computeObligation(policy, { ...contract, psoCertificateValidUntil: "2026-06-30" }, "trede-2");
    // 5 % of 300,000 = 15,000; discount 15,000 × 0.2 × 181/365 = 1,487.671… → 1,487.67
    expect(r.obligationCents).toBe(1_351_233);
    expect(r.steps.at(-1)).toEqual({
      step: "pso-discount",
      detail:
        "PSO level trede-2: certificate valid until 2026-06-30 expires during the contract (2026-01-01 to " +
        "2026-12-31): 20 % discount for 181 of 365 days = EUR 15000.00 × 20 % × 181/365 = −EUR 1487.67, " +
        "leaves EUR 13512.33",
      amountCents: 1_351_233,
    });
  });

  it("gives the whole discount when it outlasts the contract, none when it expired before the start", () => {
    const valid = { ...contract, psoCertificateValidUntil: "2026-12-31" };
    expect(computeObligation(policy, valid, "trede-2").obligationCents).toBe(1_200_000);
    const expired = { ...contract, psoCertificateValidUntil: "2025-12-31" };
    const r = computeObligation(policy, expired, "trede-2");
    expect(r.obligationCents).toBe(1_500_000);
    expect(r.steps.at(-1)!.detail).toContain("0 of 365 days");
  });

  it("needs the contract period with a validity date", () => {
    const { startDate: _s, endDate: _e, ...noPeriod } = contract;
    expect(
      refusal(() =>
        computeObligation(policy, { ...noPeriod, psoCertificateValidUntil: "2026-06-30" }, "trede-2"),
      ).map((e) => e.path),
    ).toEqual(["contract.startDate", "contract.endDate"]);
  });

  it("covers more days, and discounts more, the later it expires (between none and the full discount)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 800 }), fc.integer({ min: 0, max: 400 }), (a, extra) => {
        const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
        const early = computeObligation(policy, { ...contract, psoCertificateValidUntil: day(a) }, "trede-2");
        const late = computeObligation(
          policy,
          { ...contract, psoCertificateValidUntil: day(a + extra) },
          "trede-2",
        );
        expect(late.obligationCents).toBeLessThanOrEqual(early.obligationCents);
        expect(early.obligationCents).toBeLessThanOrEqual(1_500_000);
        expect(late.obligationCents).toBeGreaterThanOrEqual(1_200_000);
        const cover = certificateCover(contract, day(a));
        expect(cover.coveredDays).toBeGreaterThanOrEqual(0);
        expect(cover.coveredDays).toBeLessThanOrEqual(cover.contractDays);
      }),
    );
  });
});
