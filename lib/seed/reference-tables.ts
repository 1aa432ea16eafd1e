/**
 * Seed step: the price-correction tables shipped as versioned seed data (copied from the shared
 * reference data: lib/scoring/reference-data/price-corrections.json, true-price-factors.json and its
 * annotated version true-price-factors-nl.json), each
 * version written once. Seeds and tests read them from here; no figure of these tables is a constant
 * in code. Admins add later versions through the API. Only the seed imports this module, so the
 * request handlers' bundles do not carry the JSON.
 */
import { FACTOR_KINDS } from "../domain/scoring/factor-kinds.js";
import type { CertificateTable, Co2Price, FactorSet } from "../domain/scoring/tables.js";
import type { Operation } from "../operation.js";
import corrections from "../scoring/reference-data/price-corrections.json" with { type: "json" };
import factors from "../scoring/reference-data/true-price-factors.json" with { type: "json" };
import factorsNl from "../scoring/reference-data/true-price-factors-nl.json" with { type: "json" };
import { type NewTable, tableItem } from "../scoring/reference-tables.js";
import { putIfAbsent } from "../store/ops.js";

/** co2-ladder-prorail as-retrieved-2026 (secondary, two sources agree). */
export const referenceCertificateTables: CertificateTable[] = corrections.certificateDiscounts.map((t) => ({
  id: t.id,
  version: t.version,
  scheme: t.scheme,
  discountPercentByLevel: { ...t.discountPercentByLevel },
  source: t.source,
  effectiveFrom: null,
}));

/**
 * True Price Foundation monetisation factors v4.0.2 (climate confirmed, the rest secondary), as first
 * shipped, and 4.0.2-nl.1: the same figures with each factor's kind (environmental or social) and the
 * Dutch exclusion grounds (child labour, forced labour) marked.
 */
export const referenceFactorSets: FactorSet[] = [
  {
    id: factors.id,
    version: factors.version,
    name: factors.name,
    source: `${factors.publisher}; ${factors.status}`,
    factors: factors.factors.map((f) => ({ ...f })),
    effectiveFrom: null,
  },
  {
    id: factorsNl.id,
    version: factorsNl.version,
    name: factorsNl.name,
    source: `${factorsNl.publisher}; ${factorsNl.status}`,
    factors: factorsNl.factors.map(({ kind, ...f }) => ({
      ...f,
      kind: FACTOR_KINDS.find((k) => k === kind)!,
    })),
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

/** Seed step: the shipped tables, each version written once. */
export async function seedReferenceTables(op: Operation): Promise<void> {
  const meta = { addedAt: op.now.toISOString(), addedBy: "system:seed" };
  const tables: NewTable[] = [
    ...referenceCertificateTables.map((t) => ({ ...t, kind: "certificate-discount" as const })),
    ...referenceFactorSets.map((t) => ({ ...t, kind: "true-price-factors" as const })),
    ...referenceCo2Prices.map((t) => ({ ...t, kind: "co2-price" as const })),
  ];
  for (const table of tables) await putIfAbsent(tableItem(table, meta, op.opId));
}
