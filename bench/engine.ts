/**
 * The scoring engine and the social-return valuation, timed against a floor: a plain loop computing
 * the same totals in floating point, with no explanation, measured in the same run.
 *
 *   npx tsx bench/engine.ts      prints a table, the budgets and the JSON; exits 1 when a budget is missed
 *
 * Budgets are checked on CPU time (bench/suite.ts, Timing), which other processes on a shared machine
 * inflate much less than the wall clock; the wall clock is shown next to it, and bench/results.json
 * records the load average.
 *
 * Scoring calls the pure engine directly (scoreWithoutCaps), so it measures 10,000 bids although a
 * request takes at most 200 (lib/domain/scoring/limits.ts). Every bid carries every correction of the
 * workload (CO2-ladder discount, true price, social-return points) and robustness is always computed.
 * Valuation values each realisation line on its own, as an entry is valued when it is reported
 * (lib/contracts/entries/prepare.ts), and sums the totals.
 */
import { fileURLToPath } from "node:url";
import { scoreWithoutCaps } from "../lib/domain/scoring/engine.js";
import type { PriceFormula, ScoringInput, ScoringResult } from "../lib/domain/scoring/types.js";
import type { Catalogue } from "../lib/domain/sroi/catalogue.js";
import { type ExactValuationLine, valuateExact } from "../lib/domain/sroi/valuation.js";
import { type Budget, budget, growthExponent, report, type SuiteResult, type Timing, time } from "./suite.js";
import {
  BOUNDS,
  benchInput,
  benchTables,
  PRICE_MAX_POINTS,
  realisationLines,
  SOCIAL_RETURN,
  valuationCatalogue,
} from "./workload.js";

export interface EngineOptions {
  /** Bid counts to score. */
  sizes: number[];
  criteria: number;
  formulas: PriceFormula[];
  /** Realisation lines to value (0: skip), and how often. */
  valuationLines: number;
  valuationRuns: number;
  /** Measured runs for n bids (after a warm-up run). */
  runs: (bids: number) => number;
  /** Check the budgets (off for the smoke test, which runs tiny sizes). */
  budgets: boolean;
}

export const ENGINE_DEFAULTS: EngineOptions = {
  sizes: [10, 100, 1_000, 10_000],
  criteria: 20,
  formulas: ["relative-lowest", "absolute-linear"],
  valuationLines: 200_000,
  valuationRuns: 7,
  runs: (bids) => (bids <= 100 ? 21 : bids <= 1_000 ? 9 : 3),
  budgets: true,
};

/** The budgets: milliseconds for a size, and how fast the time may grow from 1,000 to 10,000 bids. */
export const ENGINE_BUDGETS = {
  scoringMs: { 1000: 100, 10000: 1_500 } as Record<number, number>,
  growth: { from: 1_000, to: 10_000, exponent: 1.3 },
  valuationMs: { lines: 200_000, limit: 250 },
};

// ---- floors: the same totals in a plain loop ---------------------------------------------------

/** Per bid, the total points the engine gives, in floating point and in one pass over prepared figures. */
export function scoringFloor(input: ScoringInput): Float64Array {
  const model = input.awardModel;
  const discount = benchTables.certificateTables![0]!.discountPercentByLevel;
  const climate = benchTables.factorSets![0]!.factors.find((f) => f.id === "climate")!.eurPerUnit;
  const catalogue = benchTables.catalogues!.find((c) => c.id === model.socialReturn!.catalogue.id)!;
  const perYear = new Map(catalogue.blocks.map((b) => [b.id, b.perYear ?? 0]));
  const criteria = model.criteria ?? [];
  const n = input.bids.length;
  const corrected = new Float64Array(n);
  const rest = new Float64Array(n);
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const bid = input.bids[i]!;
    const price = Math.round(bid.price.amount * 100);
    const percent = discount[String(bid.certificates!["co2-ladder"])] ?? 0;
    const c =
      price -
      Math.round((price * percent) / 100) +
      Math.round(bid.externalities![0]!.quantity * climate * 100);
    corrected[i] = c;
    if (c < lowest) lowest = c;
    let quality = 0;
    for (const criterion of criteria)
      quality += (criterion.maxPoints! * bid.qualityScores![criterion.id]!) / 10;
    const offer = bid.socialReturnOffer![0]!;
    const offerCents = Math.round((perYear.get(offer.blockId)! * offer.fte! * offer.months! * 100) / 12);
    const percentOffered = (offerCents / price) * 100;
    const social = Math.min(
      SOCIAL_RETURN.maxPoints,
      (SOCIAL_RETURN.maxPoints * percentOffered) / SOCIAL_RETURN.fullPointsAtPercent,
    );
    rest[i] = quality + social;
  }
  const totals = new Float64Array(n);
  const m = PRICE_MAX_POINTS;
  for (let i = 0; i < n; i++) {
    const c = corrected[i]!;
    const pricePoints =
      model.price!.formula === "absolute-linear"
        ? Math.min(m, Math.max(0, (m * (BOUNDS.max - c)) / (BOUNDS.max - BOUNDS.min)))
        : (m * lowest) / c;
    totals[i] = pricePoints + rest[i]!;
  }
  return totals;
}

/** The value of each line in cents, summed, in floating point from the catalogue's rates. */
export function valuationFloor(catalogue: Catalogue, lines: readonly ExactValuationLine[]): number {
  const rates = new Map(
    catalogue.blocks.map((b) => [b.id, b.perYear ?? b.perMonth ?? b.perHour ?? b.perUnit ?? b.factor ?? 0]),
  );
  const kinds = new Map(catalogue.blocks.map((b) => [b.id, b.kind]));
  let total = 0;
  for (const line of lines) {
    const rate = rates.get(line.blockId)!;
    const months =
      typeof line.months === "object" ? Number(line.months.n) / Number(line.months.d) : (line.months ?? 0);
    let euros: number;
    switch (kinds.get(line.blockId)) {
      case "employment": {
        const bonus = (line.bonuses ?? []).reduce((acc, id) => acc + rates.get(id)!, 0);
        euros = ((rate + bonus) * line.fte! * months) / 12;
        break;
      }
      case "apprenticeship":
        euros = (rate * months) / 12;
        break;
      case "hours":
        euros = rate * line.hours!;
        break;
      case "purchase":
        euros = (rate * line.invoiceCents!) / 100;
        break;
      default:
        euros = rate * (line.units ?? months);
    }
    total += Math.round(euros * 100);
  }
  return total;
}

// ---- the suite ---------------------------------------------------------------------------------

const timingColumns = (t: Timing) => ({
  runs: t.runs,
  cpuMs: t.cpuMedianMs,
  cpuMinMs: t.cpuMinMs,
  cpuMaxMs: t.cpuMaxMs,
  wallMs: t.medianMs,
  wallMinMs: t.minMs,
  wallMaxMs: t.maxMs,
});

/** The largest difference between the engine's total scores and the floor's. */
function floorDeviation(result: ScoringResult, input: ScoringInput, floor: Float64Array): number {
  const index = new Map(input.bids.map((b, i) => [b.id, i]));
  let worst = 0;
  for (const r of result.ranking)
    worst = Math.max(worst, Math.abs(r.totalScore! - floor[index.get(r.bidId)!]!));
  return worst;
}

/**
 * Valuation of `valuationLines` lines against its floor. Measured before any scoring: a container that
 * values lines does not score 10,000 bids first, and the heap such scoring leaves behind slows it.
 */
function valuationSuite(o: EngineOptions, rows: SuiteResult["rows"], budgets: Budget[]): void {
  if (o.valuationLines === 0) return;
  const catalogue = valuationCatalogue();
  const lines = realisationLines(o.valuationLines);
  let total = 0;
  // Three unmeasured runs: the first ones still compile the valuation's code.
  const engine = time(
    () => {
      total = 0;
      for (const line of lines) total += valuateExact(catalogue, [line]).totalCents;
    },
    o.valuationRuns,
    3,
  );
  const floor = time(() => valuationFloor(catalogue, lines), o.valuationRuns);
  rows.push({
    measure: "valuation",
    size: `${o.valuationLines} lines`,
    ...timingColumns(engine),
    floorMs: floor.cpuMedianMs,
    timesFloor: floor.cpuMedianMs > 0 ? Math.round(engine.cpuMedianMs / floor.cpuMedianMs) : null,
    perItemUs: Number(((engine.cpuMedianMs * 1000) / o.valuationLines).toFixed(2)),
    floorDeviation: Math.abs(total - valuationFloor(catalogue, lines)),
  });
  const { lines: at, limit } = ENGINE_BUDGETS.valuationMs;
  if (o.budgets && o.valuationLines === at)
    budgets.push(budget(`valuation ${at} lines`, engine.cpuMedianMs, limit, "ms"));
}

export function runEngineSuite(options: Partial<EngineOptions> = {}): SuiteResult {
  const o = { ...ENGINE_DEFAULTS, ...options };
  const rows: SuiteResult["rows"] = [];
  const budgets: Budget[] = [];
  valuationSuite(o, rows, budgets);
  // Warm the compiler on every formula before anything is measured, so the first figures are not slower.
  for (const formula of o.formulas) {
    const input = benchInput(formula, Math.min(1_000, Math.max(...o.sizes)), o.criteria);
    for (let i = 0; i < 3; i++) scoreWithoutCaps(input, benchTables);
  }
  for (const formula of o.formulas) {
    const medians = new Map<number, number>();
    for (const bids of o.sizes) {
      const input = benchInput(formula, bids, o.criteria);
      let result: ScoringResult | undefined;
      const engine = time(() => {
        result = scoreWithoutCaps(input, benchTables);
      }, o.runs(bids));
      const floor = time(() => scoringFloor(input), o.runs(bids));
      medians.set(bids, engine.cpuMedianMs);
      rows.push({
        measure: `scoring ${formula}`,
        size: `${bids} × ${o.criteria}`,
        ...timingColumns(engine),
        floorMs: floor.cpuMedianMs,
        timesFloor: floor.cpuMedianMs > 0 ? Math.round(engine.cpuMedianMs / floor.cpuMedianMs) : null,
        perItemUs: Number(((engine.cpuMedianMs * 1000) / bids).toFixed(2)),
        floorDeviation: Number(floorDeviation(result!, input, scoringFloor(input)).toExponential(1)),
      });
      const limit = ENGINE_BUDGETS.scoringMs[bids];
      if (o.budgets && limit !== undefined)
        budgets.push(
          budget(`scoring ${formula} ${bids} bids × ${o.criteria}`, engine.cpuMedianMs, limit, "ms"),
        );
    }
    const { from, to, exponent } = ENGINE_BUDGETS.growth;
    if (medians.has(from) && medians.has(to)) {
      const k = growthExponent(from, medians.get(from)!, to, medians.get(to)!);
      rows.push({ measure: `growth ${formula}`, size: `${from} → ${to}`, exponent: k });
      if (o.budgets) budgets.push(budget(`growth ${formula} ${from} → ${to} bids`, k, exponent, "exponent"));
    }
  }
  return {
    suite: "engine",
    rows,
    budgets,
    notes: [
      "cpuMs: median CPU time of the process per run (after a warm-up), on which the budgets and the growth exponent are checked; wallMs: the wall clock, which on a busy machine also counts other processes",
      "floor: a plain loop computing the same totals in floating point, no explanation; floorDeviation is the largest difference from the engine's totals (points, or cents for valuation)",
      "scoring calls the engine without the request caps (200 bids × 50 criteria); every run includes robustness",
    ],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = runEngineSuite();
  console.log(report(result));
  console.log(JSON.stringify(result, null, 2));
  if (result.budgets.some((b) => !b.met)) process.exitCode = 1;
}
