import type { ReferenceTables } from "../../../lib/domain/scoring/engine.js";
import type { AwardModel, Bid } from "../../../lib/domain/scoring/types.js";
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
