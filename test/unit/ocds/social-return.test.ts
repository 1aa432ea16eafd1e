import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toAmsterdamLocal } from "../../../lib/domain/amsterdam-time.js";
import type { BalanceStatus } from "../../../lib/domain/sroi/balance.js";
import {
  dateMetOf,
  milestoneStatusOf,
  realisedPerMonth,
  type SocialReturnFacts,
  socialReturnImplementation,
} from "../../../lib/ocds/social-return.js";

const asOf = new Date("2026-07-01T10:00:00Z");

const facts = (over: Partial<SocialReturnFacts> = {}): SocialReturnFacts => ({
  contract: {
    id: "ct-1",
    endDate: "2026-12-31",
    obligation: { version: 1, cents: 10_000_000, applies: true },
    settlement: null,
  },
  balance: { status: "behind", creditedCents: 3_000_000, obligationCents: 10_000_000 },
  realisedCents: 3_000_050,
  pooled: { inCents: 0, outCents: 0 },
  months: [
    { month: "2026-03", creditedCents: 1_000_000 },
    { month: "2026-01", creditedCents: 1_500_050 },
    { month: "2026-03", creditedCents: 500_000 },
  ],
  totalsVerified: true,
  asOf,
  ...over,
});

describe("social return as OCDS implementation milestones and realised value per period", () => {
  it("maps a running contract: one scheduled delivery milestone due at the end date, realised value per month", () => {
    const implementation = socialReturnImplementation(facts())!;
    expect(implementation.milestones).toEqual([
      {
        id: "social-return-obligation",
        title: "Social return obligation",
        type: "delivery",
        code: "socialReturn",
        description: expect.stringContaining("EUR 100000.00"),
        dueDate: "2026-12-31T22:59:59.000Z",
        dateModified: "2026-07-01T10:00:00.000Z",
        status: "scheduled",
      },
    ]);
    expect(implementation.socialReturn).toEqual({
      obligation: { amount: 100_000, currency: "EUR" },
      realisedValue: { amount: 30_000.5, currency: "EUR" },
      pooledIn: { amount: 0, currency: "EUR" },
      pooledOut: { amount: 0, currency: "EUR" },
      balanceStatus: "behind",
      asOf: "2026-07-01T10:00:00.000Z",
      totalsVerified: true,
      periods: [
        {
          id: "2026-01",
          period: { startDate: "2025-12-31T23:00:00.000Z", endDate: "2026-01-31T22:59:59.000Z" },
          realisedValue: { amount: 15_000.5, currency: "EUR" },
        },
        {
          // Amsterdam months: summer time starts on 29 March, so March starts at +01:00 and ends at +02:00.
          id: "2026-03",
          period: { startDate: "2026-02-28T23:00:00.000Z", endDate: "2026-03-31T21:59:59.000Z" },
          realisedValue: { amount: 15_000, currency: "EUR" },
        },
      ],
    });
  });

  it("has no milestone when no obligation applies, but still shows what was realised", () => {
    const none = socialReturnImplementation(
      facts({
        contract: { ...facts().contract, obligation: { version: 1, cents: 0, applies: false } },
        balance: { status: "fulfilled", creditedCents: 3_000_000, obligationCents: 0 },
      }),
    );
    expect(none?.milestones).toBeUndefined();
    expect(none?.socialReturn.obligation.amount).toBe(0);
    expect(none?.socialReturn.periods).toHaveLength(2);
    // Without an obligation and without any realisation there is nothing to publish.
    const nothing = {
      contract: { ...facts().contract, obligation: { version: 1, cents: 0, applies: false } },
      balance: { status: "fulfilled" as const, creditedCents: 0, obligationCents: 0 },
      realisedCents: 0,
      months: [{ month: "2026-02", creditedCents: 0 }],
    };
    expect(socialReturnImplementation(facts(nothing))).toBeUndefined();
    expect(
      socialReturnImplementation(facts({ ...nothing, pooled: { inCents: 0, outCents: 500 } })),
    ).toBeDefined();
  });

  it("takes the milestone status from the balance, on the closed milestoneStatus codelist", () => {
    const cases: [BalanceStatus, number, number | null, string][] = [
      ["on-track", 5, null, "scheduled"],
      ["behind", 0, null, "scheduled"],
      ["fulfilled", 10, null, "met"],
      ["shortfall", 4, null, "partiallyMet"],
      ["shortfall", 0, null, "notMet"],
      ["settled", 10, 0, "met"],
      ["settled", 4, 6, "partiallyMet"],
      ["settled", 0, 10, "notMet"],
    ];
    for (const [status, creditedCents, shortfallCents, expected] of cases) {
      const settlement =
        shortfallCents === null
          ? null
          : { outcome: "invoiced" as const, shortfallCents, reason: "r", at: "2027-01-05", by: "u" };
      expect({
        status,
        creditedCents,
        got: milestoneStatusOf({ status, creditedCents }, settlement),
      }).toEqual({
        status,
        creditedCents,
        got: expected,
      });
    }
  });

  it("dates a met obligation at the end of the month in which the months' running sum reached it", () => {
    const met = socialReturnImplementation(
      facts({
        balance: { status: "fulfilled", creditedCents: 10_000_000, obligationCents: 10_000_000 },
        months: [
          { month: "2025-11", creditedCents: 6_000_000 },
          { month: "2026-02", creditedCents: 4_000_000 },
          { month: "2026-04", creditedCents: 1_000 },
        ],
      }),
    )!;
    expect(met.milestones?.[0]).toMatchObject({ status: "met", dateMet: "2026-02-28T22:59:59.000Z" });
  });

  it("never dates a met obligation after the moment of the export, nor when pooled value made it up", () => {
    const months = [{ month: "2026-07", cents: 100 }];
    expect(dateMetOf(months, 100, asOf)).toBe("2026-07-01T10:00:00.000Z");
    expect(dateMetOf(months, 101, asOf)).toBeUndefined();
    const pooled = socialReturnImplementation(
      facts({
        balance: { status: "fulfilled", creditedCents: 10_000_000, obligationCents: 10_000_000 },
        pooled: { inCents: 7_000_000, outCents: 0 },
      }),
    )!;
    expect(pooled.milestones?.[0]?.status).toBe("met");
    expect(pooled.milestones?.[0]).not.toHaveProperty("dateMet");
    expect(pooled.socialReturn.pooledIn).toEqual({ amount: 70_000, currency: "EUR" });
  });

  it("leaves out months whose accepted value nets to zero (a reversal), and keeps negative months", () => {
    expect(
      realisedPerMonth([
        { month: "2026-02", creditedCents: 500 },
        { month: "2026-02", creditedCents: -500 },
        { month: "2026-05", creditedCents: -300 },
        { month: "2026-04", creditedCents: 0 },
      ]),
    ).toEqual([{ month: "2026-05", cents: -300 }]);
  });

  it("keeps every cent: the periods sum to the month rows, in month order, one period a month", () => {
    const row = fc.record({
      month: fc.constantFrom("2025-12", "2026-01", "2026-03", "2026-10", "2026-11"),
      creditedCents: fc.integer({ min: -5_000_000, max: 50_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const { periods } = socialReturnImplementation(facts({ months: rows }))!.socialReturn;
        const cents = periods.map((p) => Math.round(p.realisedValue.amount * 100));
        expect(cents.reduce((a, b) => a + b, 0)).toBe(rows.reduce((a, r) => a + r.creditedCents, 0));
        const ids = periods.map((p) => p.id);
        expect(ids).toEqual([...new Set(ids)].sort());
        for (const p of periods) {
          expect(p.realisedValue.amount).toBe(Math.round(p.realisedValue.amount * 100) / 100);
          // Whole Amsterdam months, from their first to their last second.
          expect(toAmsterdamLocal(new Date(p.period.startDate))).toBe(`${p.id}-01T00:00:00`);
          const end = toAmsterdamLocal(new Date(p.period.endDate));
          expect(end.slice(0, 7)).toBe(p.id);
          expect(end.slice(10)).toBe("T23:59:59");
          expect(toAmsterdamLocal(Date.parse(p.period.endDate) + 1000).slice(0, 7)).not.toBe(p.id);
        }
      }),
    );
  });
});
