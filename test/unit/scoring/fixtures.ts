import type { ReferenceTables } from "../../../lib/domain/scoring/engine.js";
import { MAX_BIDS, MAX_CRITERIA } from "../../../lib/domain/scoring/limits.js";
import type { AwardModel, Bid, ScoringInput } from "../../../lib/domain/scoring/types.js";
import {
  referenceCertificateTables,
  referenceCo2Prices,
  referenceFactorSets,
} from "../../../lib/seed/reference-tables.js";
import { referenceCatalogues } from "../../../lib/sroi/reference-data.js";

/** The shipped reference tables, as the engine receives them. */
export const tables: ReferenceTables = {
  certificateTables: referenceCertificateTables,
  factorSets: referenceFactorSets,
  co2Prices: referenceCo2Prices,
  catalogues: referenceCatalogues,
};

export const eur = (amount: number) => ({ amount, currency: "EUR" as const });

export const bid = (id: string, amount: number, extra: Partial<Bid> = {}): Bid => ({
  id,
  price: eur(amount),
  ...extra,
});

export const priceOnly = (
  formula: NonNullable<AwardModel["price"]>["formula"],
  maxPoints = 50,
): AwardModel => ({
  method: "weighted-points",
  price: { formula, maxPoints, ...(formula === "log" ? { logBase: 2 } : {}) },
});

const pad = (prefix: string, length: number) => `${prefix}-`.padEnd(length, "x");

/**
 * The largest run the caps allow, made as heavy as the rules let it be: a relative price formula (a
 * leave-one-out section), ids of 36 and names of 60 characters, every correction a weighted-points
 * model takes (certificate, MKI, five true-price factors, two life-cycle items), social-return points
 * from two offer lines, and a minimum score that excludes every tenth bid.
 */
export function largestRun(bids = MAX_BIDS, criteria = MAX_CRITERIA): ScoringInput {
  const awardModel: AwardModel = {
    method: "weighted-points",
    price: { formula: "relative-lowest", maxPoints: 40 },
    criteria: Array.from({ length: criteria }, (_, i) => ({
      id: pad(`criterion-${i}`, 36),
      name: pad(`Kwaliteitscriterium ${i}`, 60),
      scale: { min: 0, max: 10 },
      maxPoints: 1,
      minimumScore: 1,
    })),
    corrections: {
      certificate: { tableId: "co2-ladder-prorail" },
      mki: { valuationFactor: 1 },
      truePrice: { factorSetId: "true-price-monetisation" },
      lcc: true,
    },
    socialReturn: {
      mode: "points",
      catalogue: { id: "oost-nederland" },
      fullPointsAtPercent: 5,
      maxPoints: 10,
    },
    tieBreakers: ["higher-quality", "lower-price", "earlier-submission"],
  };
  return {
    awardModel,
    bids: Array.from(
      { length: bids },
      (_, b): Bid => ({
        id: pad(`bid-${b}`, 36),
        price: eur(1_000_000 + b * 5_000.25),
        submittedAt: `2026-03-01T09:${String(b % 60).padStart(2, "0")}:00+01:00`,
        certificates: { "co2-ladder": b % 6 },
        mki: eur(12_345.67 + b),
        externalities: ["climate", "pm25", "scarce-water", "acidification", "daly"].map((factorId, k) => ({
          factorId,
          quantity: 10.5 + b + k,
        })),
        lcc: [
          { label: pad("maintenance", 40), amount: eur(20_000 + b) },
          { label: pad("end of life", 40), amount: eur(5_000.5) },
        ],
        socialReturnOffer: [
          { blockId: "pwet-gt-2y", fte: 0.8, months: 1 + (b % 24) },
          { blockId: "work-experience", months: 1 + (b % 12) },
        ],
        qualityScores: Object.fromEntries(
          awardModel.criteria!.map((c, i) => [c.id, i === 0 && b % 10 === 0 ? 0 : 10 - ((b * 7 + i) % 9)]),
        ),
      }),
    ),
  };
}
