import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BalanceTotals, computeBalance } from "../../../lib/domain/sroi/balance.js";

const totals = (credited: number, obligation: number): BalanceTotals => ({
  obligationCents: obligation,
  committedCents: 0,
  creditedCents: credited,
  pendingCents: 0,
  rejectedCents: 0,
});
// 2024 is a leap year: 2024-07-01 00:00Z is 182/366 of the year, about halfway.
const toDate = { startDate: "2024-01-01", endDate: "2024-12-31", obligationToDate: true };

describe("computeBalance of an obligation to date (lib/domain/sroi/README.md, Balance)", () => {
  it("expects the whole obligation to date halfway: EUR 4,000 credited on EUR 6,000 is behind, without projection", () => {
    const b = computeBalance({ ...toDate, totals: totals(400_000, 600_000), now: "2024-07-01" });
    expect(b).toMatchObject({
      status: "behind",
      expectedByNowCents: 600_000,
      elapsedPercent: 49.7,
      projectedCents: null,
      projectedShortfallCents: null,
      shortfallCents: 200_000,
      fulfilmentPercent: 66.7,
      ended: false,
    });
    // The same figures on the contract value would be on track (expected 6,000 × 182/366 = 2,983.61).
    const whole = computeBalance({
      ...toDate,
      obligationToDate: false,
      totals: totals(400_000, 600_000),
      now: "2024-07-01",
    });
    expect(whole).toMatchObject({ status: "on-track", expectedByNowCents: 298_361, projectedCents: 804_396 });
  });

  it("is on track, not fulfilled, before any base amount is accepted (EUR 0 obligation to date)", () => {
    const b = computeBalance({ ...toDate, totals: totals(0, 0), now: "2024-03-01" });
    expect(b).toMatchObject({ status: "on-track", expectedByNowCents: 0, projectedCents: null });
    expect(
      computeBalance({ ...toDate, obligationToDate: false, totals: totals(0, 0), now: "2024-03-01" }).status,
    ).toBe("fulfilled");
  });

  it("is on track, never fulfilled, while credited covers the obligation to date", () => {
    const b = computeBalance({ ...toDate, totals: totals(700_000, 600_000), now: "2024-12-31T23:59:59Z" });
    expect(b).toMatchObject({ status: "on-track", overRealisationCents: 100_000, projectedCents: null });
  });

  it("follows the usual rules from the day after the end date, and settled wins", () => {
    const end = "2025-01-01T00:00:00Z";
    expect(computeBalance({ ...toDate, totals: totals(400_000, 600_000), now: end })).toMatchObject({
      status: "shortfall",
      expectedByNowCents: 600_000,
      projectedCents: 400_000,
      projectedShortfallCents: 200_000,
    });
    expect(computeBalance({ ...toDate, totals: totals(600_000, 600_000), now: end }).status).toBe(
      "fulfilled",
    );
    expect(
      computeBalance({ ...toDate, totals: totals(0, 600_000), now: "2024-06-01", settled: true }).status,
    ).toBe("settled");
  });

  it("while the contract runs: on-track exactly when credited ≥ obligation, never fulfilled, no projection", () => {
    fc.assert(
      fc.property(
        fc.nat(2_000_000),
        fc.nat(2_000_000),
        fc.integer({ min: Date.parse("2023-06-01"), max: Date.parse("2024-12-31T23:59:59Z") }),
        (credited, obligation, ms) => {
          const now = new Date(ms).toISOString();
          const b = computeBalance({ ...toDate, totals: totals(credited, obligation), now });
          expect(b.status).toBe(credited >= obligation ? "on-track" : "behind");
          expect(b.expectedByNowCents).toBe(obligation);
          expect(b.projectedCents).toBeNull();
        },
      ),
    );
  });
});
