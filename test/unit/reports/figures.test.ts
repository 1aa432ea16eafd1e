import { describe, expect, it } from "vitest";
import { computeFigures } from "../../../lib/domain/reports/figures.js";
import type { PeriodFigures, ReportContractInput } from "../../../lib/domain/reports/model.js";
import { reportFiguresSchema } from "../../../lib/schemas/reports.js";
import { CATALOGUE, contract, FTE_MONTH, MONTH, reportInput, row } from "./support.js";

const V06 = "oost-nederland@V06-2026-01";

/**
 * A small region, by hand. Period 2026-01..2026-06 (previous 2025-07..2025-12), computed 15 July 2026,
 * so the status date is 2026-06-30 and balances are taken at 2026-07-01T00:00Z.
 */
const aal1 = contract("c-aal-1", {
  reference: "AAL-2025-001",
  startDate: "2025-01-01",
  endDate: "2026-12-31", // 730 days
  obligationCents: 10_000_000,
  policy: { version: 2 },
  overdueReviews: 1,
  months: [
    row("2025-06", "pw-2plus", {
      entries: 1,
      acceptedCount: 1,
      creditedCents: 2_000_000,
      persons: 1,
      countedTicks: 6 * MONTH,
      fteUnits: 6 * FTE_MONTH,
    }),
    row("2025-09", "pw-2plus", {
      entries: 1,
      acceptedCount: 1,
      creditedCents: 1_000_000,
      countedTicks: 3 * MONTH,
      fteUnits: 1.5 * FTE_MONTH,
    }),
    row("2025-12", "wep", {
      entries: 2,
      acceptedCount: 1,
      creditedCents: 450_000,
      rejectedCount: 1,
      rejectedCents: 300_000,
      persons: 1,
      countedTicks: 6 * MONTH,
    }),
    row("2026-03", "pw-2plus", {
      entries: 2,
      acceptedCount: 1,
      creditedCents: 1_500_000,
      pendingCount: 1,
      pendingCents: 500_000,
      withoutEvidence: 1,
      persons: 1,
      countedTicks: 3 * MONTH,
      fteUnits: 3 * FTE_MONTH,
    }),
    row("2026-06", "bbl-1-2", {
      entries: 1,
      acceptedCount: 1,
      creditedCents: 1_000_000,
      persons: 1,
      countedTicks: 6 * MONTH,
      catalogues: [V06],
    }),
  ],
});
const aal2 = contract("c-aal-2", {
  reference: "AAL-2026-002",
  supplier: { id: "groen", name: "Groen & Co" },
  startDate: "2026-01-01",
  endDate: "2026-08-31", // 243 days
  obligationCents: 2_000_000,
});
const win7 = contract("c-win-7", {
  reference: "WIN-2024-007",
  municipality: { id: "winterswijk", name: "Winterswijk" },
  startDate: "2024-01-01",
  endDate: "2025-12-31",
  obligationCents: 3_000_000,
  settledOn: "2026-02-15",
  policy: { reportingFrequency: "yearly" },
  months: [
    row("2024-12", "pw-2plus", {
      entries: 1,
      acceptedCount: 1,
      creditedCents: 2_800_000,
      persons: 1,
      countedTicks: 12 * MONTH,
      fteUnits: 12 * FTE_MONTH,
    }),
    row("2025-12", "buy", { entries: 1, acceptedCount: 1, creditedCents: 100_000, withoutEvidence: 1 }),
  ],
});
const win10 = contract("c-win-10", {
  reference: "WIN-2026-010",
  municipality: { id: "winterswijk", name: "Winterswijk" },
  supplier: { id: "groen", name: "Groen & Co" },
  startDate: "2026-03-01",
  endDate: "2027-02-28", // 365 days
  obligationCents: 500_000,
  obligationApplies: false,
  policy: { reportingFrequency: "monthly" },
  months: [row("2026-05", "hours-social", { entries: 1, acceptedCount: 1, creditedCents: 125_000 })],
});

const zero = {
  acceptedCents: 0,
  pendingCents: 0,
  rejectedCents: 0,
  acceptedCount: 0,
  pendingCount: 0,
  rejectedCount: 0,
  countedTicks: 0,
  fteUnits: 0,
};
const period = (fields: Partial<PeriodFigures>): PeriodFigures => ({
  ...zero,
  obligationCents: 0,
  cumulativeAcceptedCents: 0,
  shortfallCents: 0,
  persons: 0,
  ...fields,
});

describe("computeFigures: a worked example (two municipalities, two suppliers, four contracts)", () => {
  // Given in shuffled order: the figures sort contracts by reference.
  const figures = computeFigures(reportInput([win10, aal2, win7, aal1]));

  it("dates the figures: previous period of equal length, status date the period's last day", () => {
    expect(figures.period).toEqual({ from: "2026-01", to: "2026-06" });
    expect(figures.previousPeriod).toEqual({ from: "2025-07", to: "2025-12" });
    expect(figures.statusDate).toBe("2026-06-30");
    expect(figures.contracts.map((c) => c.reference)).toEqual([
      "AAL-2025-001",
      "AAL-2026-002",
      "WIN-2024-007",
      "WIN-2026-010",
    ]);
  });

  it("computes a running contract that is behind: flows of the period, stocks at its end, balance", () => {
    const c = figures.contracts[0]!;
    expect(c).toMatchObject({
      contractId: "c-aal-1",
      policy: { id: "achterhoek", version: 2 },
      // 2026-03 and 2026-06 rows.
      acceptedCents: 2_500_000,
      pendingCents: 500_000,
      rejectedCents: 0,
      acceptedCount: 2,
      pendingCount: 1,
      rejectedCount: 0,
      countedTicks: 9 * MONTH,
      fteUnits: 3 * FTE_MONTH,
      // 2,000,000 + 1,000,000 + 450,000 + 1,500,000 + 1,000,000; persons 1 + 0 + 1 + 1 + 1.
      cumulativeAcceptedCents: 5_950_000,
      persons: 4,
      obligationCents: 10_000_000,
      shortfallCents: 4_050_000,
      fulfilmentPercent: 59.5,
      // 546 of 730 days elapsed: 10,000,000 × 546/730 = 7,479,452.05.
      expectedByNowCents: 7_479_452,
      // 5,950,000 × 730/546 = 7,955,128.2.
      projectedCents: 7_955_128,
      status: "behind",
      // Behind by 1,529,452 > 20 % of 7,479,452 (1,495,890.4).
      atRisk: true,
      catalogueVersions: [CATALOGUE, V06],
    });
    expect(c.previous).toEqual(
      period({
        // 2025-09 and 2025-12 rows; stocks up to 2025-12.
        acceptedCents: 1_450_000,
        rejectedCents: 300_000,
        acceptedCount: 2,
        rejectedCount: 1,
        countedTicks: 9 * MONTH,
        fteUnits: 1.5 * FTE_MONTH,
        obligationCents: 10_000_000,
        cumulativeAcceptedCents: 3_450_000,
        shortfallCents: 6_550_000,
        persons: 2,
      }),
    );
  });

  it("computes a contract without entries that ends within three months", () => {
    expect(figures.contracts[1]).toMatchObject({
      ...zero,
      cumulativeAcceptedCents: 0,
      shortfallCents: 2_000_000,
      fulfilmentPercent: 0,
      // 181 of 243 days: 2,000,000 × 181/243 = 1,489,711.9.
      expectedByNowCents: 1_489_712,
      projectedCents: 0,
      status: "behind",
      atRisk: true,
    });
  });

  it("computes a settled contract and one without an obligation", () => {
    expect(figures.contracts[2]).toMatchObject({
      ...zero,
      cumulativeAcceptedCents: 2_900_000,
      persons: 1,
      shortfallCents: 100_000,
      // 2,900,000 / 3,000,000 = 96.67 %.
      fulfilmentPercent: 96.7,
      expectedByNowCents: 3_000_000,
      projectedCents: 2_900_000,
      status: "settled",
      atRisk: false,
    });
    expect(figures.contracts[2]!.previous).toMatchObject({ acceptedCents: 100_000, acceptedCount: 1 });
    expect(figures.contracts[3]).toMatchObject({
      acceptedCents: 125_000,
      obligationCents: 0,
      shortfallCents: 0,
      fulfilmentPercent: null,
      expectedByNowCents: 0,
      // 122 of 365 days: 125,000 × 365/122 = 373,975.4.
      projectedCents: 373_975,
      status: "fulfilled",
      atRisk: false,
    });
  });

  it("totals the contracts for the period and the previous period", () => {
    expect(figures.totals).toEqual({
      contracts: 4,
      current: period({
        acceptedCents: 2_625_000,
        pendingCents: 500_000,
        acceptedCount: 3,
        pendingCount: 1,
        countedTicks: 9 * MONTH,
        fteUnits: 3 * FTE_MONTH,
        obligationCents: 15_000_000,
        cumulativeAcceptedCents: 8_975_000,
        shortfallCents: 6_150_000,
        persons: 5,
      }),
      previous: period({
        acceptedCents: 1_550_000,
        rejectedCents: 300_000,
        acceptedCount: 3,
        rejectedCount: 1,
        countedTicks: 9 * MONTH,
        fteUnits: 1.5 * FTE_MONTH,
        obligationCents: 15_000_000,
        cumulativeAcceptedCents: 6_350_000,
        shortfallCents: 8_650_000,
        persons: 3,
      }),
    });
  });

  it("groups per municipality and per supplier", () => {
    expect(
      figures.byMunicipality.map((g) => [
        g.key,
        g.name,
        g.contracts,
        g.current.acceptedCents,
        g.current.obligationCents,
        g.current.cumulativeAcceptedCents,
        g.current.shortfallCents,
      ]),
    ).toEqual([
      ["aalten", "Aalten", 2, 2_500_000, 12_000_000, 5_950_000, 6_050_000],
      ["winterswijk", "Winterswijk", 2, 125_000, 3_000_000, 3_025_000, 100_000],
    ]);
    expect(
      figures.bySupplier.map((g) => [
        g.key,
        g.name,
        g.contracts,
        g.current.acceptedCents,
        g.current.obligationCents,
        g.current.cumulativeAcceptedCents,
        g.current.shortfallCents,
      ]),
    ).toEqual([
      ["bouw", "Bouw BV", 2, 2_500_000, 13_000_000, 8_850_000, 4_150_000],
      ["groen", "Groen & Co", 2, 125_000, 2_000_000, 125_000, 2_000_000],
    ]);
    expect(figures.byMunicipality[0]!.previous).toMatchObject({
      acceptedCents: 1_450_000,
      cumulativeAcceptedCents: 3_450_000,
      shortfallCents: 8_550_000,
    });
  });

  it("breaks the entries down per target group and per block kind, without an obligation", () => {
    expect(figures.byTargetGroup).toEqual([
      {
        key: "BBL",
        name: "BBL",
        contracts: 1,
        current: {
          ...zero,
          acceptedCents: 1_000_000,
          acceptedCount: 1,
          countedTicks: 6 * MONTH,
          cumulativeAcceptedCents: 1_000_000,
          persons: 1,
        },
        previous: { ...zero, cumulativeAcceptedCents: 0, persons: 0 },
      },
      {
        key: "Participatiewet",
        name: "Participatiewet",
        contracts: 2,
        current: {
          ...zero,
          acceptedCents: 1_500_000,
          pendingCents: 500_000,
          acceptedCount: 1,
          pendingCount: 1,
          countedTicks: 3 * MONTH,
          fteUnits: 3 * FTE_MONTH,
          // 2,000,000 + 1,000,000 + 1,500,000 (c-aal-1) + 2,800,000 (c-win-7).
          cumulativeAcceptedCents: 7_300_000,
          persons: 3,
        },
        previous: {
          ...zero,
          acceptedCents: 1_000_000,
          acceptedCount: 1,
          countedTicks: 3 * MONTH,
          fteUnits: 1.5 * FTE_MONTH,
          cumulativeAcceptedCents: 5_800_000,
          persons: 2,
        },
      },
      {
        key: "other",
        name: "other",
        contracts: 3,
        // hours 125,000 (c-win-10) in the period; placement 450,000 and purchase 100,000 before.
        current: {
          ...zero,
          acceptedCents: 125_000,
          acceptedCount: 1,
          cumulativeAcceptedCents: 675_000,
          persons: 1,
        },
        previous: {
          ...zero,
          acceptedCents: 550_000,
          rejectedCents: 300_000,
          acceptedCount: 2,
          rejectedCount: 1,
          countedTicks: 6 * MONTH,
          cumulativeAcceptedCents: 550_000,
          persons: 1,
        },
      },
    ]);
    expect(
      figures.byBlockKind.map((g) => [
        g.key,
        g.contracts,
        g.current.acceptedCents,
        g.current.cumulativeAcceptedCents,
        g.previous.acceptedCents,
      ]),
    ).toEqual([
      ["apprenticeship", 1, 1_000_000, 1_000_000, 0],
      ["employment", 2, 1_500_000, 7_300_000, 1_000_000],
      ["hours", 1, 125_000, 125_000, 0],
      ["placement", 1, 0, 450_000, 450_000],
      ["purchase", 1, 0, 100_000, 100_000],
    ]);
    expect(figures.byBlockKind[0]).not.toHaveProperty("current.obligationCents");
  });

  it("lists the contracts at risk and the data-quality flags", () => {
    expect(figures.atRisk).toEqual([
      {
        contractId: "c-aal-1",
        reason: "behind",
        expectedByNowCents: 7_479_452,
        cumulativeAcceptedCents: 5_950_000,
        shortfallCents: 4_050_000,
      },
      {
        contractId: "c-aal-2",
        reason: "ending-with-shortfall",
        expectedByNowCents: 1_489_712,
        cumulativeAcceptedCents: 0,
        shortfallCents: 2_000_000,
      },
    ]);
    expect(figures.dataQuality).toEqual([
      { contractId: "c-aal-1", kind: "overdue-review", count: 1 },
      { contractId: "c-aal-1", kind: "missing-evidence", count: 1 },
      { contractId: "c-aal-1", kind: "several-catalogue-versions", count: 2 },
      // Quarterly: 2026-Q1 and 2026-Q2 ended in the period while it ran, without an entry.
      { contractId: "c-aal-2", kind: "no-entry-when-due", count: 2 },
      // c-win-7: an entry without evidence before the period, and no yearly report due in it: no flag.
    ]);
  });

  it("names the rules and versions used in the method section, in Dutch and English", () => {
    expect(figures.method.catalogues).toEqual([
      { id: "oost-nederland", version: "V05-2023-04", name: "Oost-Nederland", validFrom: "2023-04-01" },
    ]);
    expect(figures.method.policies).toEqual([
      { id: "achterhoek", version: 1, percent: 5, atRiskBehindPercent: 20 },
    ]);
    const ids = figures.method.rules.map((r) => r.id);
    for (const id of ["accepted-in-period", "maximum-counting-months", "overlap", "fte-cap", "rounding"])
      expect(ids).toContain(id);
    for (const rule of figures.method.rules) {
      expect(rule.text.nl.length).toBeGreaterThan(20);
      expect(rule.text.en.length).toBeGreaterThan(20);
    }
  });

  it("fits the published schema, which refuses fractional cents and unknown fields", () => {
    expect(reportFiguresSchema.parse(figures)).toEqual(figures);
    const fractional = structuredClone(figures);
    fractional.contracts[0]!.acceptedCents = 2_500_000.5;
    expect(reportFiguresSchema.safeParse(fractional).error?.issues[0]?.path).toEqual([
      "contracts",
      0,
      "acceptedCents",
    ]);
    const extra = structuredClone(figures);
    Object.assign(extra.totals.current, { euros: 26_250 });
    expect(reportFiguresSchema.safeParse(extra).success).toBe(false);
  });
});

describe("computeFigures: status date and balance edge cases", () => {
  const only = (c: ReportContractInput, fields: Parameters<typeof reportInput>[1] = {}) =>
    computeFigures(reportInput([c], fields));

  it("takes live figures at the end of the day of computation in Amsterdam", () => {
    // 23:30Z on 10 May is 01:30 on 11 May in Amsterdam (summer time).
    const f = only(contract("c", { startDate: "2026-01-01", endDate: "2026-08-31" }), {
      computedAt: "2026-05-10T23:30:00Z",
    });
    expect(f.statusDate).toBe("2026-05-11");
    // 2026-01-01 to 2026-05-12T00:00Z: 131 of 243 days; 1,000,000 × 131/243 = 539,094.7.
    expect(f.contracts[0]!.expectedByNowCents).toBe(539_095);
    // Only 2026-Q1 has ended by then.
    expect(f.dataQuality).toEqual([{ contractId: "c", kind: "no-entry-when-due", count: 1 }]);
  });

  it("counts a contract ending on the period's last day as ended: shortfall, not behind", () => {
    const c = only(contract("c", { startDate: "2026-01-01", endDate: "2026-06-30", months: [] }))
      .contracts[0]!;
    expect(c).toMatchObject({
      status: "shortfall",
      expectedByNowCents: 1_000_000,
      projectedCents: 0,
      atRisk: true,
    });
  });

  it("is settled only when the settlement is recorded on or before the status date", () => {
    const ended = { startDate: "2025-01-01", endDate: "2025-12-31" };
    expect(only(contract("c", { ...ended, settledOn: "2026-06-30" })).contracts[0]).toMatchObject({
      status: "settled",
      atRisk: false,
    });
    expect(only(contract("c", { ...ended, settledOn: "2026-07-01" })).contracts[0]).toMatchObject({
      status: "shortfall",
      atRisk: true,
    });
    expect(only(contract("c", { ...ended, settledOn: "2026-07-01" })).atRisk[0]!.reason).toBe(
      "ending-with-shortfall",
    );
  });

  it("is behind but not at risk up to exactly the policy's percentage behind, at risk one cent further", () => {
    // 181 of 365 days: expected = 3,650,000 × 181/365 = 1,810,000 exactly; 20 % of it is 362,000.
    const at = (credited: number, atRiskBehindPercent = 20) =>
      only(
        contract("c", {
          obligationCents: 3_650_000,
          policy: { atRiskBehindPercent },
          months: [row("2026-03", "pw-2plus", { entries: 1, acceptedCount: 1, creditedCents: credited })],
        }),
      ).contracts[0]!;
    expect(at(1_448_000)).toMatchObject({ expectedByNowCents: 1_810_000, status: "behind", atRisk: false });
    expect(at(1_447_999)).toMatchObject({ status: "behind", atRisk: true });
    // 12.5 % of 1,810,000 = 226,250.
    expect(at(1_583_750, 12.5).atRisk).toBe(false);
    expect(at(1_583_749, 12.5).atRisk).toBe(true);
    expect(at(1_810_000)).toMatchObject({ status: "on-track", atRisk: false });
  });

  it("takes an obligation to date (invoiced turnover, wage bill) as due in full while the contract runs", () => {
    // Contract 2026-01-01..2026-12-31, status date 2026-06-30: EUR 6,000 obligation on the turnover
    // accepted so far, EUR 5,000 credited: on the contract value it would be on track (expected 2,975.34).
    const toDate = (credited: number, obligationCents = 600_000) =>
      only(
        contract("c", {
          obligationCents,
          obligationToDate: true,
          months: [row("2026-03", "pw-2plus", { entries: 1, acceptedCount: 1, creditedCents: credited })],
        }),
      );
    const behind = toDate(500_000);
    expect(behind.contracts[0]).toMatchObject({
      expectedByNowCents: 600_000,
      projectedCents: null,
      status: "behind",
      // 1,000 behind 6,000 is 16.7 %: within the policy's 20 %.
      atRisk: false,
    });
    // 20 % of 6,000 = 1,200: one cent further behind is at risk.
    expect(toDate(479_999).atRisk).toEqual([
      {
        contractId: "c",
        reason: "behind",
        expectedByNowCents: 600_000,
        cumulativeAcceptedCents: 479_999,
        shortfallCents: 120_001,
      },
    ]);
    expect(toDate(600_000).contracts[0]).toMatchObject({ status: "on-track", atRisk: false });
    // Nothing accepted of the base yet: on track, not fulfilled.
    expect(toDate(0, 0).contracts[0]).toMatchObject({ status: "on-track", expectedByNowCents: 0 });
  });

  it("counts pool transfers made up to the status date in a pooling contract's shortfall and status", () => {
    // Obligation EUR 10,000 (2026), status date 2026-06-30 (expected 10,000 × 181/365 = 4,958.90);
    // EUR 3,500 accepted of its own entries; EUR 2,000 credited to it by a transfer on 10 June
    // (Amsterdam), EUR 500 drawn from it on 30 June 23:30 Amsterdam, and one transfer after the status date.
    const pooling = contract("c", {
      months: [row("2026-03", "pw-2plus", { entries: 1, acceptedCount: 1, creditedCents: 350_000 })],
      poolTransfers: [
        { direction: "in", amountCents: 200_000, at: "2026-06-10T09:00:00Z" },
        { direction: "out", amountCents: 50_000, at: "2026-06-30T21:30:00Z" },
        { direction: "in", amountCents: 900_000, at: "2026-06-30T22:30:00Z" },
      ],
    });
    const f = only(pooling);
    expect(f.contracts[0]).toMatchObject({
      cumulativeAcceptedCents: 350_000,
      pooledInCents: 200_000,
      pooledOutCents: 50_000,
      // 10,000 − (3,500 − 500 + 2,000) = 5,000.
      shortfallCents: 500_000,
      fulfilmentPercent: 50,
      expectedByNowCents: 495_890,
      status: "on-track",
      atRisk: false,
      // In the previous period (2025-07..2025-12) no transfer was made yet.
      previous: { cumulativeAcceptedCents: 0, shortfallCents: 1_000_000 },
    });
    expect(reportFiguresSchema.parse(f)).toEqual(f);
    // Without the transfers the same contract is 1,458.90 behind (29.4 %, more than 20 %): at risk.
    const alone = only({ ...pooling, poolTransfers: [] }).contracts[0]!;
    expect(alone).toMatchObject({ pooledInCents: 0, pooledOutCents: 0, status: "behind", atRisk: true });
    // A contract whose policy does not pool has no pooled figures at all.
    expect(only({ ...pooling, poolTransfers: null }).contracts[0]).not.toHaveProperty("pooledInCents");
    // Totals and breakdowns keep the entries' cumulative accepted; the shortfall is the contract's.
    expect(f.totals.current).toMatchObject({ cumulativeAcceptedCents: 350_000, shortfallCents: 500_000 });
    expect(f.byBlockKind.map((g) => g.current.cumulativeAcceptedCents)).toEqual([350_000]);
  });

  it("is at risk when it ends within three months after the status date with a shortfall, even on track", () => {
    const ending = (endDate: string) =>
      only(
        contract("c", {
          endDate,
          months: [row("2026-06", "pw-2plus", { entries: 1, acceptedCount: 1, creditedCents: 900_000 })],
        }),
      );
    // 2026-06-30 + 3 months = 2026-09-30.
    const within = ending("2026-09-30");
    expect(within.contracts[0]).toMatchObject({ status: "on-track", shortfallCents: 100_000, atRisk: true });
    expect(within.atRisk).toEqual([
      {
        contractId: "c",
        reason: "ending-with-shortfall",
        // 181 of 273 days: 1,000,000 × 181/273 = 663,003.7.
        expectedByNowCents: 663_004,
        cumulativeAcceptedCents: 900_000,
        shortfallCents: 100_000,
      },
    ]);
    expect(ending("2026-10-01").contracts[0]).toMatchObject({ status: "on-track", atRisk: false });
    expect(ending("2026-10-01").atRisk).toEqual([]);
  });

  it("has no pace before the contract starts, and never flags a contract without an obligation", () => {
    const later = only(contract("c", { startDate: "2026-09-01", endDate: "2027-08-31" })).contracts[0]!;
    expect(later).toMatchObject({
      expectedByNowCents: 0,
      projectedCents: null,
      status: "on-track",
      atRisk: false,
    });
    const none = only(
      contract("c", { obligationApplies: false, startDate: "2025-01-01", endDate: "2026-07-31" }),
    );
    expect(none.contracts[0]).toMatchObject({
      obligationCents: 0,
      fulfilmentPercent: null,
      status: "fulfilled",
      atRisk: false,
    });
  });

  it("ignores month rows after the period's end", () => {
    const c = only(
      contract("c", {
        months: [row("2026-07", "pw-2plus", { entries: 1, acceptedCount: 1, creditedCents: 5 })],
      }),
    ).contracts[0]!;
    expect(c).toMatchObject({ acceptedCents: 0, cumulativeAcceptedCents: 0, catalogueVersions: [] });
  });

  it("refuses a period that is not whole months in order", () => {
    expect(() => only(contract("c"), { period: { from: "2026-06", to: "2026-01" } })).toThrow(
      "invalid fields",
    );
  });
});

describe("computeFigures: data-quality flags", () => {
  const flags = (c: ReportContractInput) => computeFigures(reportInput([c])).dataQuality;

  it("asks for an entry only for reporting periods that ended in the period while the contract ran", () => {
    // Monthly, running 15 Feb to 10 Apr: February, March and April were due; January and May, June not.
    expect(
      flags(
        contract("c", {
          startDate: "2026-02-15",
          endDate: "2026-04-10",
          policy: { reportingFrequency: "monthly" },
        }),
      ),
    ).toEqual([{ contractId: "c", kind: "no-entry-when-due", count: 3 }]);
    // Half-yearly, starting in July: nothing due for 2026-H1.
    expect(
      flags(
        contract("c", {
          startDate: "2026-07-01",
          endDate: "2027-06-30",
          policy: { reportingFrequency: "half-yearly" },
        }),
      ),
    ).toEqual([]);
    // Ended before the period.
    expect(flags(contract("c", { startDate: "2025-01-01", endDate: "2025-12-31" }))).toEqual([]);
  });

  it("counts any entry of the period, whatever its status, as reported", () => {
    const rejectedOnly = row("2026-03", "pw-2plus", { entries: 1, rejectedCount: 1, rejectedCents: 10_000 });
    expect(flags(contract("c", { months: [rejectedOnly] }))).toEqual([]);
    const before = row("2025-12", "pw-2plus", { entries: 1, acceptedCount: 1, creditedCents: 10_000 });
    expect(flags(contract("c", { startDate: "2025-01-01", months: [before] }))).toEqual([
      { contractId: "c", kind: "no-entry-when-due", count: 2 },
    ]);
  });

  it("counts entries without evidence in the period only, and overdue reviews as given", () => {
    const months = [
      row("2025-12", "wep", { entries: 2, acceptedCount: 2, withoutEvidence: 2 }),
      row("2026-03", "wep", { entries: 3, pendingCount: 3, withoutEvidence: 1 }),
      row("2026-06", "pw-2plus", { entries: 1, pendingCount: 1, withoutEvidence: 1 }),
    ];
    expect(flags(contract("c", { startDate: "2025-01-01", months, overdueReviews: 4 }))).toEqual([
      { contractId: "c", kind: "overdue-review", count: 4 },
      { contractId: "c", kind: "missing-evidence", count: 2 },
    ]);
  });

  it("counts labour entries without target-group evidence in the period only, after missing evidence", () => {
    const months = [
      row("2025-12", "wep", { entries: 2, withoutTargetGroupEvidence: 2 }),
      row("2026-03", "wep", { entries: 3, withoutEvidence: 1, withoutTargetGroupEvidence: 1 }),
      row("2026-06", "pw-2plus", { entries: 1, withoutTargetGroupEvidence: 1 }),
      // A row read before the counter existed has none: it counts 0.
      row("2026-06", "bbl-1-2", { entries: 1 }),
    ];
    expect(flags(contract("c", { startDate: "2025-01-01", months }))).toEqual([
      { contractId: "c", kind: "missing-evidence", count: 1 },
      { contractId: "c", kind: "missing-target-group-evidence", count: 2 },
    ]);
  });

  it("flags catalogue versions used up to the period's end, listed once each", () => {
    const months = [
      row("2025-06", "wep", { entries: 1, catalogues: ["utrecht@2024", CATALOGUE] }),
      row("2026-03", "wep", { entries: 1, catalogues: [CATALOGUE] }),
      row("2026-07", "wep", { entries: 1, catalogues: [V06] }),
    ];
    const figures = computeFigures(reportInput([contract("c", { startDate: "2025-01-01", months })]));
    expect(figures.contracts[0]!.catalogueVersions).toEqual([CATALOGUE, "utrecht@2024"]);
    expect(figures.dataQuality).toEqual([{ contractId: "c", kind: "several-catalogue-versions", count: 2 }]);
  });
});

describe("computeFigures: ordering", () => {
  it("sorts contracts and groups by name then id, and rule versions by id then version", () => {
    const f = computeFigures(
      reportInput(
        [
          contract("c2", { reference: "SAME", municipality: { id: "oost-b", name: "Oost" } }),
          contract("c1", { reference: "SAME", municipality: { id: "oost-a", name: "Oost" } }),
        ],
        {
          rules: {
            catalogues: [
              { id: "utrecht", version: "current", name: "Utrecht", validFrom: null },
              {
                id: "oost-nederland",
                version: "V06-2026-01",
                name: "Oost-Nederland",
                validFrom: "2026-01-01",
              },
              {
                id: "oost-nederland",
                version: "V05-2023-04",
                name: "Oost-Nederland",
                validFrom: "2023-04-01",
              },
            ],
            policies: [
              { id: "achterhoek", version: 10, percent: 5, atRiskBehindPercent: 20 },
              { id: "achterhoek", version: 9, percent: 5, atRiskBehindPercent: 25 },
            ],
          },
        },
      ),
    );
    expect(f.contracts.map((c) => c.contractId)).toEqual(["c1", "c2"]);
    expect(f.byMunicipality.map((g) => g.key)).toEqual(["oost-a", "oost-b"]);
    expect(f.method.catalogues.map((c) => `${c.id}@${c.version}`)).toEqual([
      "oost-nederland@V05-2023-04",
      "oost-nederland@V06-2026-01",
      "utrecht@current",
    ]);
    expect(f.method.policies.map((p) => p.version)).toEqual([9, 10]);
  });
});
