import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAwardModel } from "../../../lib/domain/impact/classify.js";
import {
  computeImpactMonitor,
  type MonitorContract,
  type MonitorInput,
  type MonitorTender,
  type Share,
} from "../../../lib/domain/impact/monitor.js";
import type { AwardModel } from "../../../lib/domain/scoring/types.js";

const eur = (amount: number) => ({ amount, currency: "EUR" as const });
const sr = { mode: "minimum" as const, catalogue: { id: "oost-nederland" }, percentOfPrice: 5 };
const crit = (kind?: "social" | "sustainable") => ({
  id: "c",
  name: "c",
  scale: { min: 0, max: 10 },
  maxValue: eur(1000),
  maxPoints: 40,
  ...(kind ? { kind } : {}),
});
const MODELS: Record<string, AwardModel> = {
  full: {
    method: "weighted-points",
    price: { formula: "relative-lowest", maxPoints: 60 },
    criteria: [crit()],
    corrections: { certificate: { tableId: "co2-ladder-prorail" } },
    socialReturn: sr,
  },
  lowest: { method: "lowest-price" },
  value: { method: "award-on-value", criteria: [crit("sustainable")] },
};
const tender = (
  id: string,
  publishedOn: string,
  euros: number,
  model: AwardModel,
  reason: string | null = null,
): MonitorTender => ({
  id,
  publishedOn,
  estimatedValueCents: Math.round(euros * 100),
  impact: classifyAwardModel(model),
  noImpactCriteriaReason: reason,
});
const contract = (
  id: string,
  startDate: string,
  euros: number,
  supplier: MonitorContract["supplier"],
  truePriceCorrections = false,
  awardDate = startDate,
): MonitorContract => ({
  id,
  startDate,
  awardDate,
  valueCents: Math.round(euros * 100),
  supplier,
  truePriceCorrections,
});

/** The worked example of lib/domain/impact/README.md ("Impact monitor"). */
const example: MonitorInput = {
  scope: {
    kind: "municipality",
    organisationId: "gm-zwolle",
    regionId: "oost-nederland",
    name: "Zwolle",
    cbsCode: "GM0193",
  },
  period: { from: "2026-01", to: "2026-06" },
  localCbsCodes: ["GM0193"],
  tenders: [
    tender("T1", "2026-02-10", 1_000_000, MODELS.full!),
    tender(
      "T2",
      "2026-03-05",
      200_000,
      MODELS.lowest!,
      "Standaard kantoorartikelen uit een raamovereenkomst.",
    ),
    tender("T3", "2026-05-20", 300_000, MODELS.value!),
    tender("T4", "2026-07-01", 5_000_000, MODELS.full!), // after the period
    tender("T5", "2025-12-31", 5_000_000, MODELS.full!), // before it
  ],
  contracts: [
    contract(
      "C1",
      "2026-01-15",
      1_200_000,
      { municipalityCbsCode: "GM0193", sizeClass: "large", socialEnterprise: null },
      true,
    ),
    contract("C2", "2026-04-01", 640_000.5, {
      municipalityCbsCode: "GM0153",
      sizeClass: "small",
      socialEnterprise: { kind: "code-sociale-ondernemingen", evidence: "CSO", validUntil: "2030-12-31" },
    }),
    contract(
      "C3",
      "2026-06-30",
      420_000,
      {
        municipalityCbsCode: "GM0177",
        sizeClass: "medium",
        socialEnterprise: { kind: "pso-30plus", evidence: "PSO", validUntil: "2026-03-31" },
      },
      false,
      "2026-05-01", // awarded after its evidence expired: not a social enterprise
    ),
    contract("C4", "2026-07-01", 9_000_000, null), // after the period
  ],
};
const share = (count: number, value: number, percentOfCount: number, percentOfValue: number): Share => ({
  count,
  value: eur(value),
  percentOfCount,
  percentOfValue,
});

describe("the impact monitor, worked example", () => {
  it("counts the tenders published and the contracts started in the period", () => {
    const monitor = computeImpactMonitor(example);
    expect(monitor.period).toEqual({ from: "2026-01", to: "2026-06" });
    expect(monitor.tenders).toEqual({
      count: 3,
      estimatedValue: eur(1_500_000),
      withSocialCriteria: share(1, 1_000_000, 33.3, 66.7),
      withSocialReturn: share(1, 1_000_000, 33.3, 66.7),
      withSustainableCriteria: share(2, 1_300_000, 66.7, 86.7),
      priceQuality: share(1, 1_000_000, 33.3, 66.7),
      awardOnValue: share(1, 300_000, 33.3, 20),
      lowestPriceWithReason: share(1, 200_000, 33.3, 13.3),
    });
    expect(monitor.contracts).toEqual({
      count: 3,
      value: eur(2_260_000.5),
      withTruePriceCorrections: share(1, 1_200_000, 33.3, 53.1),
      toLocalSuppliers: share(1, 1_200_000, 33.3, 53.1),
      toSmes: share(2, 1_060_000.5, 66.7, 46.9),
      toSocialEnterprises: share(1, 640_000.5, 33.3, 28.3),
    });
  });

  it("for a region, a supplier in any of its municipalities is local", () => {
    const region = computeImpactMonitor({
      ...example,
      scope: { kind: "region", regionId: "oost-nederland", name: "Oost-Nederland" },
      localCbsCodes: ["GM0193", "GM0150", "GM0153"],
    });
    expect(region.contracts.toLocalSuppliers).toEqual(share(2, 1_840_000.5, 66.7, 81.4));
  });

  it("an empty period has zero shares, not a division by zero", () => {
    const empty = computeImpactMonitor({ ...example, period: { from: "2024-01", to: "2024-12" } });
    expect(empty.tenders.withSocialCriteria).toEqual(share(0, 0, 0, 0));
    expect(empty.contracts).toMatchObject({ count: 0, value: eur(0), toSmes: share(0, 0, 0, 0) });
  });

  it("a lowest-price tender published without a reason (before the rule) is not counted as one with a reason", () => {
    const monitor = computeImpactMonitor({
      ...example,
      tenders: [tender("T0", "2026-01-02", 100, MODELS.lowest!)],
    });
    expect(monitor.tenders.lowestPriceWithReason.count).toBe(0);
  });
});

describe("the impact monitor, properties", () => {
  const month = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, "0")}-15`);
  const arbTender = fc
    .record({
      on: month,
      euros: fc.integer({ min: 0, max: 50_000_000 }),
      model: fc.constantFrom(...Object.values(MODELS)),
      reason: fc.constantFrom(null, "Een reden van tien tekens."),
    })
    .map((t) => tender("T", t.on, t.euros, t.model, t.reason));
  const arbContract = fc
    .record({
      on: month,
      euros: fc.integer({ min: 0, max: 50_000_000 }),
      cbs: fc.constantFrom(null, "GM0193", "GM0153"),
      size: fc.constantFrom(null, "micro", "small", "medium", "large" as const),
      se: fc.boolean(),
      tp: fc.boolean(),
    })
    .map((c) =>
      contract(
        "C",
        c.on,
        c.euros,
        {
          municipalityCbsCode: c.cbs,
          sizeClass: c.size,
          socialEnterprise: c.se ? { kind: "sw-company", evidence: "Wsw", validUntil: "2026-06-30" } : null,
        },
        c.tp,
      ),
    );
  const arbInput = fc.record({
    tenders: fc.array(arbTender, { maxLength: 15 }),
    contracts: fc.array(arbContract, { maxLength: 15 }),
    from: fc.integer({ min: 1, max: 12 }),
    length: fc.integer({ min: 0, max: 11 }),
  });

  const consistent = (s: Share, totalCount: number, totalCents: number) => {
    const cents = Math.round(s.value.amount * 100);
    expect(s.count).toBeLessThanOrEqual(totalCount);
    expect(cents).toBeLessThanOrEqual(totalCents);
    expect(s.percentOfCount).toBeGreaterThanOrEqual(0);
    expect(s.percentOfCount).toBeLessThanOrEqual(100);
    expect(s.percentOfValue).toBeLessThanOrEqual(100);
    if (totalCount > 0)
      expect(Math.abs(s.percentOfCount - (100 * s.count) / totalCount)).toBeLessThanOrEqual(0.05 + 1e-9);
    else expect(s.percentOfCount).toBe(0);
    if (totalCents > 0)
      expect(Math.abs(s.percentOfValue - (100 * cents) / totalCents)).toBeLessThanOrEqual(0.05 + 1e-9);
    else expect(s.percentOfValue).toBe(0);
  };

  it("every share lies within its total, its percentages agree with it, and the order of items does not matter", () => {
    fc.assert(
      fc.property(arbInput, ({ tenders, contracts, from, length }) => {
        const to = Math.min(12, from + length);
        const input: MonitorInput = {
          ...example,
          period: {
            from: `2026-${String(from).padStart(2, "0")}`,
            to: `2026-${String(to).padStart(2, "0")}`,
          },
          tenders,
          contracts,
        };
        const m = computeImpactMonitor(input);
        const tenderCents = Math.round(m.tenders.estimatedValue.amount * 100);
        const contractCents = Math.round(m.contracts.value.amount * 100);
        const { count: tc, estimatedValue: _t, ...tenderShares } = m.tenders;
        const { count: cc, value: _c, ...contractShares } = m.contracts;
        for (const s of Object.values(tenderShares)) consistent(s, tc, tenderCents);
        for (const s of Object.values(contractShares)) consistent(s, cc, contractCents);
        expect(m.tenders.withSocialReturn.count).toBeLessThanOrEqual(m.tenders.withSocialCriteria.count);
        // A lowest-price tender has neither social nor sustainable criteria: the shares do not overlap.
        expect(
          m.tenders.lowestPriceWithReason.count + m.tenders.withSocialCriteria.count,
        ).toBeLessThanOrEqual(tc);
        expect(
          m.tenders.lowestPriceWithReason.count + m.tenders.withSustainableCriteria.count,
        ).toBeLessThanOrEqual(tc);
        expect(
          computeImpactMonitor({
            ...input,
            tenders: [...tenders].reverse(),
            contracts: [...contracts].reverse(),
          }),
        ).toEqual(m);
      }),
    );
  });
});
