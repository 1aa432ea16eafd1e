import { InvalidInput } from "../errors.js";
import type { Catalogue } from "../sroi/catalogue.js";
import type { ResolvedCorrections } from "./corrections.js";
import { validateAwardModel } from "./model.js";
import { type CertificateTable, type Co2Price, type FactorSet, resolveTableRef } from "./tables.js";
import type { AwardModel, TableUse } from "./types.js";

export interface ReferenceTables {
  certificateTables?: CertificateTable[];
  factorSets?: FactorSet[];
  co2Prices?: Co2Price[];
  catalogues?: Catalogue[];
}

export interface ResolvedModel {
  /** The model with every table reference pinned to a version (what a published tender freezes). */
  model: AwardModel;
  corrections: ResolvedCorrections;
  catalogue: Catalogue | null;
  tables: TableUse[];
}

const INLINE_SOURCE = "the tender's award model (buyer's own table)";

/**
 * Validates the model and resolves its table references (a missing version = the newest; with
 * `asOf` (YYYY-MM-DD), the newest in force on that date). Throws InvalidInput with every problem and its path.
 */
export function resolveAwardModel(
  model: AwardModel,
  tables: ReferenceTables,
  { prefix = "awardModel", asOf }: { prefix?: string; asOf?: string | undefined } = {},
): ResolvedModel {
  const errors = validateAwardModel(model, prefix);
  if (errors.length > 0) throw new InvalidInput(errors);
  const pinned: AwardModel = structuredClone(model);
  const uses: TableUse[] = [];
  const corrections: ResolvedCorrections = { lcc: model.corrections?.lcc === true };
  let catalogue: Catalogue | null = null;
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof InvalidInput) errors.push(...error.errors);
      else throw error;
    }
  };

  const cert = model.corrections?.certificate;
  if (cert) {
    if ("discountPercentByLevel" in cert) {
      corrections.certificate = {
        id: `inline:${cert.scheme}`,
        version: "award-model",
        scheme: cert.scheme,
        discountPercentByLevel: cert.discountPercentByLevel,
        source: INLINE_SOURCE,
      };
      uses.push({
        kind: "certificate-discount",
        id: `inline:${cert.scheme}`,
        version: "award-model",
        source: INLINE_SOURCE,
      });
    } else {
      attempt(() => {
        const table = resolveTableRef(
          tables.certificateTables ?? [],
          cert,
          `${prefix}.corrections.certificate`,
          "certificate table",
          asOf,
        );
        corrections.certificate = table;
        pinned.corrections!.certificate = { tableId: table.id, version: table.version };
        uses.push({
          kind: "certificate-discount",
          id: table.id,
          version: table.version,
          source: table.source,
        });
      });
    }
  }
  if (model.corrections?.mki) corrections.mki = { valuationFactor: model.corrections.mki.valuationFactor };
  const tp = model.corrections?.truePrice;
  if (tp) {
    attempt(() => {
      const set = resolveTableRef(
        tables.factorSets ?? [],
        { tableId: tp.factorSetId, version: tp.version },
        `${prefix}.corrections.truePrice.factorSetId`,
        "true-price factor set",
        asOf,
      );
      pinned.corrections!.truePrice!.version = set.version;
      uses.push({ kind: "true-price-factors", id: set.id, version: set.version, source: set.source });
      let co2: Co2Price | undefined;
      if (tp.co2Price) {
        co2 = resolveTableRef(
          tables.co2Prices ?? [],
          tp.co2Price,
          `${prefix}.corrections.truePrice.co2Price`,
          "CO2 price",
          asOf,
        );
        pinned.corrections!.truePrice!.co2Price = { tableId: co2.id, version: co2.version };
        uses.push({ kind: "co2-price", id: co2.id, version: co2.version, source: co2.source });
      }
      if (tp.categories) {
        tp.categories.forEach((category, i) => {
          if (!set.factors.some((f) => f.category === category)) {
            errors.push({
              path: `${prefix}.corrections.truePrice.categories.${i}`,
              message: `no factor of category "${category}" in ${set.id} ${set.version}`,
            });
          }
        });
      }
      corrections.truePrice = {
        set,
        weight: tp.weight ?? 1,
        ...(tp.categories ? { categories: tp.categories } : {}),
        ...(co2 ? { co2Price: co2 } : {}),
      };
    });
  }
  const sr = model.socialReturn;
  if (sr) {
    attempt(() => {
      const found = resolveTableRef(
        tables.catalogues ?? [],
        { tableId: sr.catalogue.id, version: sr.catalogue.version },
        `${prefix}.socialReturn.catalogue`,
        "building-block catalogue",
        asOf,
      );
      catalogue = found;
      pinned.socialReturn!.catalogue = { id: found.id, version: found.version };
      uses.push({ kind: "sroi-catalogue", id: found.id, version: found.version, source: found.source });
    });
  }
  if (errors.length > 0) throw new InvalidInput(errors);
  return { model: pinned, corrections, catalogue, tables: uses };
}
