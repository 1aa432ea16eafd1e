import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { make } from "../../../lib/domain/exact.js";
import {
  type BalanceEntry,
  type BalanceTotals,
  byTargetGroup,
  compareTotals,
  computeBalance,
  elapsedShare,
  periodEnded,
  recoveryDeadlineOf,
  totalsFromEntries,
} from "../../../lib/domain/sroi/balance.js";

const totals = (credited: number, obligation = 1_000_000): BalanceTotals => ({
  obligationCents: obligation,
  committedCents: 1_200_000,
  creditedCents: credited,
  pendingCents: 50_000,
  rejectedCents: 10_000,
});
// 2024 is a leap year: 366 days; 2024-07-01 00:00Z is 182/366 of the year.
const period = { startDate: "2024-01-01", endDate: "2024-12-31" };

describe("computeBalance (lib/domain/sroi/README.md, Balance)", () => {
  it("is on track when credited keeps pace with the elapsed share, and projects linearly", () => {
    const b = computeBalance({
      ...period,
      totals: totals(500_000),
      now: "2024-07-01T00:00:00Z",
      recoveryDays: 90,
    });
    expect(b.status).toBe("on-track");
    expect(b.expectedByNowCents).toBe(497_268); // 1,000,000 × 182/366 = 497,267.76
    expect(b.projectedCents).toBe(1_005_495); // 500,000 × 366/182 = 1,005,494.5 → half away from zero
    expect(b.shortfallCents).toBe(500_000);
    expect(b.fulfilmentPercent).toBe(50);
    expect(b.elapsedPercent).toBe(49.7);
    expect(b.recoveryDeadline).toBe("2025-03-31");
    expect(b.ended).toBe(false);
  });

  it("is behind below the pace, fulfilled at or above the obligation", () => {
    expect(computeBalance({ ...period, totals: totals(497_267), now: "2024-07-01" }).status).toBe("behind");
    expect(computeBalance({ ...period, totals: totals(497_268), now: "2024-07-01" }).status).toBe("on-track");
    const over = computeBalance({ ...period, totals: totals(1_100_000), now: "2024-03-01" });
    expect(over.status).toBe("fulfilled");
    expect(over.overRealisationCents).toBe(100_000);
    expect(over.fulfilmentPercent).toBe(110);
  });

  it("shows a shortfall after the end (inclusive end date), settled once recorded", () => {
    expect(computeBalance({ ...period, totals: totals(900_000), now: "2024-12-31T23:59:59Z" }).status).toBe(
      "behind",
    );
    const ended = computeBalance({ ...period, totals: totals(900_000), now: "2025-01-01T00:00:00Z" });
    expect(ended).toMatchObject({
      status: "shortfall",
      shortfallCents: 100_000,
      projectedCents: 900_000,
      ended: true,
    });
    expect(
      computeBalance({ ...period, totals: totals(900_000), now: "2025-06-01", settled: true }).status,
    ).toBe("settled");
  });

  it("has no projection before the start, and no fulfilment % without obligation", () => {
    const before = computeBalance({ ...period, totals: totals(0), now: "2023-12-01" });
    expect(before).toMatchObject({ status: "on-track", projectedCents: null, elapsedPercent: 0 });
    const none = computeBalance({ ...period, totals: totals(0, 0), now: "2024-05-01" });
    expect(none).toMatchObject({ status: "fulfilled", fulfilmentPercent: null, shortfallCents: 0 });
  });

  it("keeps shortfall + credited ≥ obligation, shortfall ≥ 0 and a status that matches the figures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: -100, max: 500 }),
        (obligation, credited, day) => {
          const now = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString();
          const b = computeBalance({ ...period, totals: totals(credited, obligation), now });
          expect(b.shortfallCents).toBeGreaterThanOrEqual(0);
          expect(b.shortfallCents + credited).toBeGreaterThanOrEqual(obligation);
          if (b.status === "fulfilled") expect(credited).toBeGreaterThanOrEqual(obligation);
          if (b.status === "shortfall") expect(b.ended && credited < obligation).toBe(true);
          if (b.status === "behind") expect(credited).toBeLessThan(b.expectedByNowCents + 1);
        },
      ),
    );
  });

  it("computes the elapsed share exactly", () => {
    expect(elapsedShare("2024-01-01", "2024-12-31", "2024-01-02")).toEqual(make(1n, 366n));
  });
});

const entry = (e: Partial<BalanceEntry>): BalanceEntry => ({
  status: "accepted",
  valueCents: 100_000,
  blockId: "pwet-gt-2y",
  kind: "employment",
  targetGroup: "Participatiewet, more than 2 years on benefit",
  candidateRef: "c1",
  fte: 1,
  reportedMonths: make(3n),
  countedMonths: make(3n),
  ...e,
});

describe("totalsFromEntries", () => {
  const entries: BalanceEntry[] = [
    entry({}),
    entry({
      candidateRef: "c1",
      fte: 0.5,
      reportedMonths: make(6n),
      countedMonths: make(6n),
      valueCents: 1_000_000,
    }),
    entry({ candidateRef: "c2", status: "submitted", valueCents: 7_000 }),
    entry({ candidateRef: "c3", status: "rejected", valueCents: 3_000 }),
    entry({
      blockId: "work-experience",
      kind: "placement",
      targetGroup: "Werkervaringsplek or proefplaatsing",
      candidateRef: "c4",
      fte: null,
      valueCents: 225_000,
    }),
    // a reversing correction that cancels c5's only entry: c5 no longer counts as a person
    entry({ candidateRef: "c5", valueCents: 50_000 }),
    entry({ candidateRef: "c5", valueCents: -50_000, reportedMonths: make(-3n), countedMonths: make(-3n) }),
  ];

  it("sums accepted, pending and rejected values and breaks them down per block", () => {
    const t = totalsFromEntries(entries);
    expect(t.creditedCents).toBe(100_000 + 1_000_000 + 225_000);
    expect(t.pendingCents).toBe(7_000);
    expect(t.rejectedCents).toBe(3_000);
    expect(t.counts).toEqual({ submitted: 1, accepted: 5, rejected: 1 });
    const pwet = t.blocks.find((b) => b.blockId === "pwet-gt-2y")!;
    expect(pwet).toMatchObject({ persons: 1, creditedCents: 1_100_000, pendingCents: 7_000 });
    expect(pwet.reportedMonths).toEqual(make(9n));
    // 1 × 3/12 + 0.5 × 6/12 = 0.5 person-year
    expect(pwet.fteYears).toEqual(make(1n, 2n));
    const groups = byTargetGroup(t.blocks);
    expect(groups.map((g) => [g.targetGroup, g.persons])).toEqual([
      ["Participatiewet, more than 2 years on benefit", 1],
      ["Werkervaringsplek or proefplaatsing", 1],
    ]);
  });

  it("is independent of entry order, and compareTotals finds every difference", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length }), (shuffled) => {
        expect(compareTotals(totalsFromEntries(shuffled), totalsFromEntries(entries))).toEqual([]);
      }),
    );
    const good = totalsFromEntries(entries);
    const bad = { ...good, creditedCents: good.creditedCents + 1, blocks: good.blocks.slice(1) };
    expect(compareTotals(bad, good).map((d) => d.field)).toContain("creditedCents");
    expect(compareTotals(bad, good).map((d) => d.field)).toContain("blocks.pwet-gt-2y.creditedCents");
  });
});

describe("end of the period and the recovery deadline (used by the settlement)", () => {
  it("a period has ended from the day after its end date, 00:00Z", () => {
    expect(periodEnded("2025-12-31", "2025-12-31T23:59:59.999Z")).toBe(false);
    expect(periodEnded("2025-12-31", "2026-01-01T00:00:00Z")).toBe(true);
    expect(periodEnded("2025-12-31", "2026-01-01")).toBe(true);
  });
  it("the recovery deadline is the end date plus the recovery days (its last day)", () => {
    expect(recoveryDeadlineOf("2025-12-31", 90)).toBe("2026-03-31");
    expect(recoveryDeadlineOf("2024-02-28", 1)).toBe("2024-02-29");
    const balance = computeBalance({
      totals: totals(0),
      startDate: "2025-01-01",
      endDate: "2025-12-31",
      now: "2026-01-01T00:00:00Z",
      settled: false,
      recoveryDays: 90,
    });
    expect(balance).toMatchObject({ ended: true, recoveryDeadline: "2026-03-31" });
  });
});
