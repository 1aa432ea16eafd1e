import { type FieldError, InvalidInput } from "../errors.js";
import type { Catalogue } from "../sroi/catalogue.js";
import type { ResolvedCorrections } from "./corrections.js";
import { categoryKind, LIFE_CYCLE_COSTING_RULE } from "./factor-kinds.js";
import { validateAwardModel } from "./model.js";
import { type CertificateTable, type Co2Price, type FactorSet, resolveTableRef } from "./tables.js";
import type {
  AwardModel,
  Corrections,
  InlineCertificateTable,
  SocialReturnRule,
  TableRef,
  TableUse,
} from "./types.js";

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
  const r: Resolution = {
    tables,
    prefix,
    asOf,
    pinned: copyData(model),
    uses: [],
    corrections: { lcc: model.corrections?.lcc === true },
    errors,
  };
  const cert = model.corrections?.certificate;
  if (cert) collecting(errors, () => resolveCertificate(r, cert));
  if (model.corrections?.mki) r.corrections.mki = { valuationFactor: model.corrections.mki.valuationFactor };
  const tp = model.corrections?.truePrice;
  if (tp) collecting(errors, () => resolveTruePrice(r, tp));
  const sr = model.socialReturn;
  let catalogue: Catalogue | null = null;
  if (sr)
    collecting(errors, () => {
      catalogue = resolveCatalogue(r, sr);
    });
  if (errors.length > 0) throw new InvalidInput(errors);
  return { model: r.pinned, corrections: r.corrections, catalogue, tables: r.uses };
}

/**
 * A deep copy of JSON data (plain objects, arrays, primitives), as structuredClone gives it — keys
 * with undefined values kept — without its serialisation, which cost most of a resolution.
 */
function copyData<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyData((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** One resolution under way: where its tables come from, and what it has pinned, used and found wrong. */
interface Resolution {
  tables: ReferenceTables;
  prefix: string;
  asOf: string | undefined;
  pinned: AwardModel;
  uses: TableUse[];
  corrections: ResolvedCorrections;
  errors: FieldError[];
}

/** Runs one resolution step, keeping its problems, so one answer names every unknown reference. */
function collecting(errors: FieldError[], step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof InvalidInput) errors.push(...error.errors);
    else throw error;
  }
}

/** A buyer's own ladder is used as written; a table reference is pinned to its version. */
function resolveCertificate(r: Resolution, cert: TableRef | InlineCertificateTable): void {
  if ("discountPercentByLevel" in cert) {
    r.corrections.certificate = {
      id: `inline:${cert.scheme}`,
      version: "award-model",
      scheme: cert.scheme,
      discountPercentByLevel: cert.discountPercentByLevel,
      source: INLINE_SOURCE,
    };
    r.uses.push({
      kind: "certificate-discount",
      id: `inline:${cert.scheme}`,
      version: "award-model",
      source: INLINE_SOURCE,
    });
    return;
  }
  const table = resolveTableRef(
    r.tables.certificateTables ?? [],
    cert,
    `${r.prefix}.corrections.certificate`,
    "certificate table",
    r.asOf,
  );
  r.corrections.certificate = table;
  r.pinned.corrections!.certificate = { tableId: table.id, version: table.version };
  r.uses.push({
    kind: "certificate-discount",
    id: table.id,
    version: table.version,
    source: table.source,
  });
}

/** The factor set, then its CO2 price; the categories named must exist in the set. */
function resolveTruePrice(r: Resolution, tp: NonNullable<Corrections["truePrice"]>): void {
  const set = resolveTableRef(
    r.tables.factorSets ?? [],
    { tableId: tp.factorSetId, version: tp.version },
    `${r.prefix}.corrections.truePrice.factorSetId`,
    "true-price factor set",
    r.asOf,
  );
  r.pinned.corrections!.truePrice!.version = set.version;
  r.uses.push({ kind: "true-price-factors", id: set.id, version: set.version, source: set.source });
  const co2 = tp.co2Price ? resolveCo2Price(r, tp.co2Price) : undefined;
  if (tp.categories) checkCategories(r, tp.categories, set, tp.socialCosts === true);
  r.corrections.truePrice = {
    set,
    weight: tp.weight ?? 1,
    socialCosts: tp.socialCosts === true,
    ...(tp.categories ? { categories: tp.categories } : {}),
    ...(co2 ? { co2Price: co2 } : {}),
  };
}

/**
 * The categories named must exist in the set, and a social one needs a model that counts social costs:
 * never under lowest-cost (life-cycle costing), and under the price-quality methods only with
 * `socialCosts: true` — naming it without is refused rather than silently skipped.
 */
function checkCategories(r: Resolution, categories: string[], set: FactorSet, socialCosts: boolean): void {
  categories.forEach((category, i) => {
    const path = `${r.prefix}.corrections.truePrice.categories.${i}`;
    if (!set.factors.some((f) => f.category === category)) {
      r.errors.push({ path, message: `no factor of category "${category}" in ${set.id} ${set.version}` });
    } else if (categoryKind(set.factors, category) === "social") {
      if (r.pinned.method === "lowest-cost") {
        r.errors.push({
          path,
          message: `"${category}" is a social category and lowest-cost counts no social costs: ${LIFE_CYCLE_COSTING_RULE}`,
        });
      } else if (!socialCosts) {
        r.errors.push({
          path,
          message: `"${category}" is a social category: social costs count only when the model says socialCosts: true`,
        });
      }
    }
  });
}

function resolveCo2Price(r: Resolution, ref: TableRef): Co2Price {
  const co2 = resolveTableRef(
    r.tables.co2Prices ?? [],
    ref,
    `${r.prefix}.corrections.truePrice.co2Price`,
    "CO2 price",
    r.asOf,
  );
  r.pinned.corrections!.truePrice!.co2Price = { tableId: co2.id, version: co2.version };
  r.uses.push({ kind: "co2-price", id: co2.id, version: co2.version, source: co2.source });
  return co2;
}

function resolveCatalogue(r: Resolution, sr: SocialReturnRule): Catalogue {
  const found = resolveTableRef(
    r.tables.catalogues ?? [],
    { tableId: sr.catalogue.id, version: sr.catalogue.version },
    `${r.prefix}.socialReturn.catalogue`,
    "building-block catalogue",
    r.asOf,
  );
  r.pinned.socialReturn!.catalogue = { id: found.id, version: found.version };
  r.uses.push({ kind: "sroi-catalogue", id: found.id, version: found.version, source: found.source });
  return found;
}
