/**
 * Seeded, deterministic workloads for the benchmarks: bids under a weighted-points model with every
 * correction (CO2-ladder discount, true price, social-return points), and realisation lines to value.
 */
import { make } from "../lib/domain/exact.js";
import type { ReferenceTables } from "../lib/domain/scoring/engine.js";
import type { AwardModel, Bid, Criterion, PriceFormula, ScoringInput } from "../lib/domain/scoring/types.js";
import type { Catalogue } from "../lib/domain/sroi/catalogue.js";
import type { ExactValuationLine } from "../lib/domain/sroi/valuation.js";
import {
  referenceCertificateTables,
  referenceCo2Prices,
  referenceFactorSets,
} from "../lib/seed/reference-tables.js";
import { referenceCatalogues } from "../lib/sroi/reference-data.js";
import { randomTools, seededRandom } from "../test/support/seeded-random.js";

/** The shipped reference tables, as the engine receives them. */
export const benchTables: ReferenceTables = {
  certificateTables: referenceCertificateTables,
  factorSets: referenceFactorSets,
  co2Prices: referenceCo2Prices,
  catalogues: referenceCatalogues,
};

export const PRICE_MAX_POINTS = 40;
export const SOCIAL_RETURN = { maxPoints: 10, fullPointsAtPercent: 5 } as const;
/** absolute-linear bounds in cents. */
export const BOUNDS = { min: 50_000_000, max: 250_000_000 } as const;

export function benchModel(formula: PriceFormula, criteriaCount: number): AwardModel {
  const criteria: Criterion[] = Array.from({ length: criteriaCount }, (_, i) => ({
    id: `c${i + 1}`,
    name: `Criterion ${i + 1}`,
    scale: { min: 0, max: 10 },
    maxPoints: 2 + (i % 5),
  }));
  return {
    method: "weighted-points",
    price: {
      formula,
      maxPoints: PRICE_MAX_POINTS,
      ...(formula === "absolute-linear"
        ? {
            bounds: {
              min: { amount: BOUNDS.min / 100, currency: "EUR" },
              max: { amount: BOUNDS.max / 100, currency: "EUR" },
            },
          }
        : {}),
      ...(formula === "log" ? { logBase: 2 } : {}),
    },
    criteria,
    corrections: {
      certificate: { tableId: "co2-ladder-prorail" },
      truePrice: { factorSetId: "true-price-monetisation" },
    },
    socialReturn: {
      mode: "points",
      catalogue: { id: "oost-nederland" },
      percentOfPrice: 0,
      fullPointsAtPercent: SOCIAL_RETURN.fullPointsAtPercent,
      maxPoints: SOCIAL_RETURN.maxPoints,
    },
    tieBreakers: ["higher-quality", "lower-price"],
  };
}

/** Bids of EUR 1–2 million with a ladder level, a climate quantity, quality scores and a social-return offer. */
export function benchBids(model: AwardModel, count: number, seed = 1): Bid[] {
  const { int } = randomTools(seededRandom(seed));
  const criteria = model.criteria ?? [];
  return Array.from({ length: count }, (_, i) => ({
    id: `bid-${String(i + 1).padStart(5, "0")}`,
    price: { amount: int(100_000_000, 200_000_000) / 100, currency: "EUR" },
    certificates: { "co2-ladder": int(0, 5) },
    externalities: [{ factorId: "climate", quantity: int(0, 50_000) }],
    qualityScores: Object.fromEntries(criteria.map((c) => [c.id, int(0, 10)])),
    socialReturnOffer: [{ blockId: "pwet-gt-2y", fte: 1, months: int(1, 12) }],
  }));
}

export function benchInput(formula: PriceFormula, bids: number, criteria: number, seed = 1): ScoringInput {
  const awardModel = benchModel(formula, criteria);
  return { awardModel, bids: benchBids(awardModel, bids, seed) };
}

/** The catalogue the valuation workload uses: employment with bonuses, hours, purchases, apprenticeships. */
export const valuationCatalogue = (): Catalogue => referenceCatalogues.find((c) => c.id === "utrecht")!;

/** Realisation lines as entries report them: months from dates (exact fractions), FTE, bonuses, invoices. */
export function realisationLines(count: number, seed = 2): ExactValuationLine[] {
  const { int, pick } = randomTools(seededRandom(seed));
  return Array.from({ length: count }, (): ExactValuationLine => {
    switch (int(0, 4)) {
      case 0:
      case 1:
        return {
          blockId: pick(["pwet", "banenafspraak", "wia-wao", "nug"]),
          fte: pick([0.5, 0.8, 1]),
          months: make(BigInt(int(1, 12) * 31 - int(0, 20)), 31n),
          ...(int(0, 3) === 0 ? { bonuses: ["bonus-50plus"] } : {}),
        };
      case 2:
        return { blockId: "social-activity", hours: int(1, 160) };
      case 3:
        return { blockId: "social-purchase", invoiceCents: int(10_000, 5_000_000) };
      default:
        return { blockId: pick(["bbl-2-4", "bol-2-4"]), months: int(1, 12) };
    }
  });
}
