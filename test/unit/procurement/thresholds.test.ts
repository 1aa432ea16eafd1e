import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centsFromAmount } from "../../../lib/domain/money.js";
import { procedureFit } from "../../../lib/domain/procurement/procedure.js";
import {
  aboveEuThreshold,
  euThresholdCheck,
  euThresholdsOn,
} from "../../../lib/domain/procurement/thresholds.js";
import shipped from "../../../lib/domain/procurement/procurement-rules.json" with { type: "json" };

const cents = centsFromAmount;

describe("EU thresholds for a municipality (sub-central), by the date they apply on", () => {
  it("2026–2027: EUR 216,000 for supplies and services, EUR 5,404,000 for works, from the value itself", () => {
    expect(aboveEuThreshold(cents(216_000), "services", "2026-06-01")).toBe(true);
    expect(aboveEuThreshold(cents(215_999.99), "services", "2026-06-01")).toBe(false);
    expect(aboveEuThreshold(cents(216_000), "supplies", "2026-06-01")).toBe(true);
    expect(aboveEuThreshold(cents(215_999.99), "supplies", "2026-06-01")).toBe(false);
    expect(aboveEuThreshold(cents(5_404_000), "works", "2027-12-31")).toBe(true);
    expect(aboveEuThreshold(cents(5_403_999.99), "works", "2027-12-31")).toBe(false);
    expect(euThresholdCheck(cents(1), "works", "2026-01-01")).toMatchObject({
      thresholdCents: cents(5_404_000),
      version: "2026-2027",
      source: shipped.euThresholds.source,
    });
  });

  it("2024–2025 values apply before 1 January 2026 (EUR 221,000 and EUR 5,538,000)", () => {
    expect(euThresholdsOn("2025-12-31").version).toBe("2024-2025");
    expect(euThresholdsOn("2026-01-01").version).toBe("2026-2027");
    expect(aboveEuThreshold(cents(216_000), "services", "2025-12-31")).toBe(false);
    expect(aboveEuThreshold(cents(221_000), "services", "2025-12-31")).toBe(true);
    expect(aboveEuThreshold(cents(5_500_000), "works", "2025-12-31")).toBe(false);
    expect(aboveEuThreshold(cents(5_500_000), "works", "2026-01-01")).toBe(true);
  });

  it("the newest shipped set keeps applying after its end date until a newer one is shipped", () => {
    expect(euThresholdsOn("2028-03-01").version).toBe("2026-2027");
  });

  it("is monotone in the value: a larger estimate is never below the threshold when a smaller one is above", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 1e10 }),
        fc.constantFrom("works", "services", "supplies" as const),
        fc.constantFrom("2025-06-01", "2026-06-01"),
        (a, b, type, date) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (aboveEuThreshold(low, type, date)) expect(aboveEuThreshold(high, type, date)).toBe(true);
        },
      ),
    );
  });
});

describe("procedure fit", () => {
  const date = "2026-06-01";

  it("refuses a national or private procedure above the EU threshold, naming the threshold and its source", () => {
    for (const procedure of ["national-open", "multiple-private", "single-private"] as const) {
      const fit = procedureFit(procedure, cents(250_000), "services", date);
      expect(fit.refusal).toMatchObject({
        code: "procedure-above-threshold",
        message: expect.stringContaining("EUR 216000.00 (2026-2027)"),
        source: expect.stringContaining("2025/2152"),
      });
      expect(fit.eu.above).toBe(true);
    }
    expect(procedureFit("national-open", cents(6_000_000), "works", date).refusal?.code).toBe(
      "procedure-above-threshold",
    );
  });

  it("lets every European procedure through above and below the threshold", () => {
    for (const procedure of [
      "open",
      "restricted",
      "negotiated-with-publication",
      "competitive-dialogue",
      "innovation-partnership",
    ] as const) {
      for (const value of [10_000, 250_000, 6_000_000]) {
        expect(procedureFit(procedure, cents(value), "works", date)).toMatchObject({
          refusal: null,
          warnings: [],
        });
      }
    }
  });

  it("warns, with the source, above the indicative practice ceilings (single private: works 150,000, supplies/services 50,000)", () => {
    const services = procedureFit("single-private", cents(60_000), "services", date);
    expect(services.refusal).toBeNull();
    expect(services.warnings).toEqual([
      {
        code: "procedure-above-practice-threshold",
        message: expect.stringContaining("below EUR 50000.00"),
        source: shipped.practiceThresholds.source,
      },
    ]);
    expect(procedureFit("single-private", cents(49_999.99), "services", date).warnings).toEqual([]);
    expect(procedureFit("single-private", cents(150_000), "works", date).warnings).toHaveLength(1);
    expect(procedureFit("single-private", cents(149_999.99), "works", date).warnings).toEqual([]);
  });

  it("warns for a multiple private procedure for works from 1,500,000; below the EU threshold it is fine for services", () => {
    expect(procedureFit("multiple-private", cents(1_600_000), "works", date).warnings[0]?.code).toBe(
      "procedure-above-practice-threshold",
    );
    expect(procedureFit("multiple-private", cents(1_400_000), "works", date).warnings).toEqual([]);
    expect(procedureFit("multiple-private", cents(200_000), "services", date)).toMatchObject({
      refusal: null,
      warnings: [],
    });
    expect(procedureFit("national-open", cents(3_000_000), "works", date)).toMatchObject({
      refusal: null,
      warnings: [],
    });
  });
});
