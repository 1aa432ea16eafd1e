/**
 * The price-correction tables shipped as versioned seed data (copied from the shared reference data:
 * price-corrections.json, true-price-factors.json). Seeds and tests read them from here; no figure
 * of these tables is a constant in code. Admins add later versions through the API.
 */
import type { CertificateTable, Co2Price, FactorSet } from "../domain/scoring/tables.js";
import corrections from "./reference-data/price-corrections.json" with { type: "json" };
import factors from "./reference-data/true-price-factors.json" with { type: "json" };

/** co2-ladder-prorail as-retrieved-2026 (secondary, two sources agree). */
export const referenceCertificateTables: CertificateTable[] = corrections.certificateDiscounts.map((t) => ({
  id: t.id,
  version: t.version,
  scheme: t.scheme,
  discountPercentByLevel: { ...t.discountPercentByLevel },
  source: t.source,
  effectiveFrom: null,
}));

/** True Price Foundation monetisation factors v4.0.2 (climate confirmed, the rest secondary). */
export const referenceFactorSets: FactorSet[] = [
  {
    id: factors.id,
    version: factors.version,
    name: factors.name,
    source: `${factors.publisher}; ${factors.status}`,
    factors: factors.factors.map((f) => ({ ...f })),
    effectiveFrom: null,
  },
];

/** Alternative climate prices (EUR per tonne) a tender may pick instead of the factor set's. */
export const referenceCo2Prices: Co2Price[] = corrections.co2Prices.map((p) => ({
  id: p.id,
  version: p.version,
  eurPerTonne: p.eurPerTonne,
  source: p.source,
  effectiveFrom: null,
}));
