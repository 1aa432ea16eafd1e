import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestOf } from "../../../lib/domain/digest.js";
import { compareFigures } from "../../../lib/domain/reports/compare.js";
import { computeFigures } from "../../../lib/domain/reports/figures.js";
import {
  FLOW_FIELDS,
  type MonthBlockTotals,
  PERIOD_FIELDS,
  type ReportContractInput,
  type ReportPoolTransfer,
  type ReportFigures,
  type ReportInput,
  type ReportingFrequency,
} from "../../../lib/domain/reports/model.js";
import { addMonths, monthsOf, previousPeriod } from "../../../lib/domain/reports/periods.js";
import { reportFiguresSchema } from "../../../lib/schemas/reports.js";
import { randomTools, seededRandom } from "../../support/seeded-random.js";
import { BLOCKS, MONTH, reportInput } from "./support.js";

const WINDOW = monthsOf({ from: "2024-01", to: "2027-12" });
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const MUNICIPALITIES = [
  { id: "aalten", name: "Aalten" },
  { id: "berkelland", name: "Berkelland" },
  { id: "winterswijk", name: "Winterswijk" },
];
const SUPPLIERS = [
  { id: "bouw", name: "Bouw BV" },
  { id: "groen", name: "Groen & Co" },
  { id: "zorg", name: "Zorg NV" },
];
const CATALOGUES = ["oost-nederland@V05-2023-04", "oost-nederland@V06-2026-01", "utrecht@current"];

const rowArb: fc.Arbitrary<MonthBlockTotals> = fc
  .record({
    month: fc.constantFrom(...WINDOW),
    blockId: fc.constantFrom(...Object.keys(BLOCKS)),
    entries: fc.nat(6),
    acceptedCount: fc.nat(4),
    pendingCount: fc.nat(4),
    rejectedCount: fc.nat(4),
    // Reversals make accepted values and persons of a month negative.
    creditedCents: fc.integer({ min: -2_000_000, max: 50_000_000 }),
    pendingCents: fc.nat(10_000_000),
    rejectedCents: fc.nat(10_000_000),
    withoutEvidence: fc.nat(2),
    persons: fc.integer({ min: -1, max: 3 }),
    countedTicks: fc.nat(24 * MONTH),
    fteUnits: fc.nat(24 * 10_000 * MONTH),
    catalogues: fc.subarray(CATALOGUES, { minLength: 1 }),
  })
  .map((r) => ({ ...r, ...BLOCKS[r.blockId]!, reportedTicks: r.countedTicks }));

/** A pool transfer at any instant of the window, drawing from or crediting to the contract. */
const transferArb: fc.Arbitrary<ReportPoolTransfer> = fc.record({
  direction: fc.constantFrom<ReportPoolTransfer["direction"]>("out", "in"),
  amountCents: fc.integer({ min: 1, max: 20_000_000 }),
  at: fc
    .integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2028, 11, 31) })
    .map((ms) => new Date(ms).toISOString()),
});

const contractArb = (id: string): fc.Arbitrary<ReportContractInput> =>
  fc
    .record({
      municipality: fc.constantFrom(...MUNICIPALITIES),
      supplier: fc.constantFrom(...SUPPLIERS),
      start: fc.nat(3 * 365),
      days: fc.nat(3 * 365),
      obligationCents: fc.nat(100_000_000),
      obligationApplies: fc.boolean(),
      obligationToDate: fc.boolean(),
      settledAfter: fc.option(fc.nat(4 * 365), { nil: null }),
      frequency: fc.constantFrom<ReportingFrequency>("monthly", "quarterly", "half-yearly", "yearly"),
      atRiskBehindPercent: fc.constantFrom(0, 12.5, 20, 50),
      months: fc.uniqueArray(rowArb, { maxLength: 8, selector: (r) => `${r.month}#${r.blockId}` }),
      poolTransfers: fc.option(fc.array(transferArb, { maxLength: 4 }), { nil: null }),
      overdueReviews: fc.nat(3),
    })
    .map((c) => ({
      id,
      reference: `REF-${id}`,
      title: `Contract ${id}`,
      municipality: c.municipality,
      supplier: c.supplier,
      startDate: dateOf(FIRST_DAY + c.start),
      endDate: dateOf(FIRST_DAY + c.start + c.days),
      obligationCents: c.obligationCents,
      obligationApplies: c.obligationApplies,
      obligationToDate: c.obligationApplies && c.obligationToDate,
      committedCents: 0,
      settledOn: c.settledAfter === null ? null : dateOf(FIRST_DAY + c.start + c.settledAfter),
      policy: {
        id: "achterhoek",
        version: 1,
        reportingFrequency: c.frequency,
        reviewDays: 30,
        recoveryDays: 90,
        atRiskBehindPercent: c.atRiskBehindPercent,
      },
      months: c.months,
      poolTransfers: c.poolTransfers,
      overdueReviews: c.overdueReviews,
    }));

/** A period of 1 to 18 months inside the window, and when the figures are computed. */
const periodArb = fc
  .record({ start: fc.nat(WINDOW.length - 19), length: fc.integer({ min: 1, max: 18 }) })
  .map(({ start, length }) => ({ from: WINDOW[start]!, to: WINDOW[start + length - 1]! }));
const computedAtArb = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) })
  .map((ms) => new Date(ms).toISOString());

const inputArb: fc.Arbitrary<ReportInput> = fc
  .record({
    count: fc.nat(8),
    period: periodArb,
    computedAt: computedAtArb,
  })
  .chain(({ count, period, computedAt }) =>
    fc
      .tuple(...Array.from({ length: count }, (_, i) => contractArb(`c${i}`)))
      .map((contracts) => reportInput(contracts, { period, computedAt })),
  );

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("computeFigures: properties", () => {
  it("totals every group kind exactly to the sum of its rows, and the totals to the contracts", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const f = computeFigures(input);
        expect(f.totals.contracts).toBe(f.contracts.length);
        for (const field of PERIOD_FIELDS) {
          expect(f.totals.current[field]).toBe(sum(f.contracts.map((c) => c[field])));
          expect(f.totals.previous[field]).toBe(sum(f.contracts.map((c) => c.previous[field])));
          for (const groups of [f.byMunicipality, f.bySupplier]) {
            expect(sum(groups.map((g) => g.current[field]))).toBe(f.totals.current[field]);
            expect(sum(groups.map((g) => g.previous[field]))).toBe(f.totals.previous[field]);
          }
        }
        for (const groups of [f.byMunicipality, f.bySupplier])
          expect(sum(groups.map((g) => g.contracts))).toBe(f.totals.contracts);
        for (const field of [...FLOW_FIELDS, "cumulativeAcceptedCents", "persons"] as const)
          for (const groups of [f.byTargetGroup, f.byBlockKind]) {
            expect(sum(groups.map((g) => g.current[field]))).toBe(f.totals.current[field]);
            expect(sum(groups.map((g) => g.previous[field]))).toBe(f.totals.previous[field]);
          }
      }),
      { numRuns: 150 },
    );
  });

  it("gives flow figures of two adjacent periods that add up to those of the whole", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, at) => {
        const { from, to } = input.period;
        const length = monthsOf(input.period).length;
        fc.pre(length >= 2);
        const split = addMonths(from, 1 + (at % (length - 1)));
        const whole = computeFigures(input);
        const first = computeFigures({ ...input, period: { from, to: addMonths(split, -1) } });
        const second = computeFigures({ ...input, period: { from: split, to } });
        for (const field of FLOW_FIELDS) {
          whole.contracts.forEach((c, i) => {
            expect(first.contracts[i]![field] + second.contracts[i]![field]).toBe(c[field]);
          });
          expect(first.totals.current[field] + second.totals.current[field]).toBe(
            whole.totals.current[field],
          );
          for (const kind of ["byTargetGroup", "byBlockKind"] as const) {
            const of = (figures: ReportFigures, key: string) =>
              figures[kind].find((g) => g.key === key)?.current[field] ?? 0;
            for (const g of whole[kind]) expect(of(first, g.key) + of(second, g.key)).toBe(g.current[field]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("computes the previous period exactly as a report of the previous period would", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const f = computeFigures(input);
        const earlier = computeFigures({ ...input, period: previousPeriod(input.period) });
        expect(f.totals.previous).toEqual(earlier.totals.current);
        f.contracts.forEach((c, i) => {
          const e = earlier.contracts[i]!;
          for (const field of PERIOD_FIELDS) expect(c.previous[field]).toBe(e[field]);
        });
        // A group with entries only after the previous period has none in it.
        const none = {
          ...Object.fromEntries(FLOW_FIELDS.map((k) => [k, 0])),
          cumulativeAcceptedCents: 0,
          persons: 0,
        };
        for (const kind of ["byTargetGroup", "byBlockKind"] as const)
          for (const g of f[kind])
            expect(g.previous).toEqual(earlier[kind].find((e) => e.key === g.key)?.current ?? none);
      }),
      { numRuns: 100 },
    );
  });

  it("gives the same figures and digest for the same input in any order", () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const { shuffle } = randomTools(seededRandom(seed));
        const shuffled: ReportInput = {
          ...input,
          contracts: shuffle(input.contracts).map((c) => ({
            ...c,
            months: shuffle(c.months).map((r) => ({ ...r, catalogues: shuffle(r.catalogues) })),
          })),
          rules: {
            catalogues: shuffle(input.rules.catalogues),
            policies: shuffle(input.rules.policies),
          },
        };
        const a = computeFigures(input);
        const b = computeFigures(shuffled);
        expect(b).toStrictEqual(a);
        expect(digestOf(b)).toBe(digestOf(a));
        expect(compareFigures(a, b)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("survives a JSON round trip unchanged (no undefined, -0 or NaN) and fits the schema", () => {
    /** Paths of values JSON cannot carry as they are. */
    const unplain = (value: unknown, path: string, out: string[]): string[] => {
      if (value === undefined) out.push(path);
      else if (typeof value === "number") {
        if (!Number.isFinite(value) || Object.is(value, -0)) out.push(path);
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          unplain(v, `${path}[${i}]`, out);
        });
      } else if (value !== null && typeof value === "object")
        for (const [key, v] of Object.entries(value)) unplain(v, `${path}.${key}`, out);
      return out;
    };
    fc.assert(
      fc.property(inputArb, (input) => {
        const f = computeFigures(input);
        expect(unplain(f, "figures", [])).toEqual([]);
        expect(JSON.parse(JSON.stringify(f))).toStrictEqual(f);
        expect(reportFiguresSchema.parse(f)).toStrictEqual(f);
      }),
      { numRuns: 100 },
    );
  });
});
