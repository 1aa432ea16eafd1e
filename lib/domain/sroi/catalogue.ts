/**
 * Building-block catalogues (bouwblokken; see lib/domain/sroi/README.md, Building blocks) as versioned data.
 * Values are euros as published (perYear, perMonth, perHour, perUnit) or a factor on an invoice;
 * they are parsed exactly (lib/domain/exact.ts) wherever they are used, never summed as floats.
 */
import { isIsoDate } from "../dates.js";
import type { FieldError } from "../errors.js";
import { ratio } from "../exact.js";

export const BLOCK_KINDS = [
  "employment",
  "placement",
  "apprenticeship",
  "hours",
  "purchase",
  "fixed",
  "bonus",
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface Block {
  id: string;
  kind: BlockKind;
  targetGroup?: string;
  label?: string;
  /** employment, apprenticeship, bonus: euros per full-time person-year / learning year. */
  perYear?: number;
  /** placement: euros per month. */
  perMonth?: number;
  /** hours: euros per hour. */
  perHour?: number;
  /** fixed: euros per activity. */
  perUnit?: number;
  /** purchase: factor on the invoice amount excl. VAT. */
  factor?: number;
  /** employment: maximum months counted per candidate; null or absent = no limit (whole contract). */
  maxMonths?: number | null;
  note?: string;
}

export interface Catalogue {
  id: string;
  version: string;
  name: string;
  source: string;
  /** true when not every row of the published table could be verified (see `missing`). */
  incomplete: boolean;
  missing?: string[];
  /** ISO date from which this version applies; null = from the beginning until a later version starts. */
  effectiveFrom: string | null;
  blocks: Block[];
}

/** The field holding a kind's rate; every kind has exactly one. */
export const RATE_FIELD: Record<BlockKind, "perYear" | "perMonth" | "perHour" | "perUnit" | "factor"> = {
  employment: "perYear",
  placement: "perMonth",
  apprenticeship: "perYear",
  hours: "perHour",
  purchase: "factor",
  fixed: "perUnit",
  bonus: "perYear",
};

export function findBlock(catalogue: Catalogue, blockId: string): Block | undefined {
  // A loop rather than find(callback): every valuation line looks its blocks up.
  for (const block of catalogue.blocks) if (block.id === blockId) return block;
  return undefined;
}

/**
 * The version in force on `date` (ISO yyyy-mm-dd): the one with the latest effectiveFrom on or before
 * the date, where effectiveFrom null counts as "since the beginning". Undefined when every version
 * starts later. Two versions with the same start are a data error (validateCatalogueVersions refuses them).
 */
export function catalogueInForce<T extends Pick<Catalogue, "effectiveFrom">>(
  versions: readonly T[],
  date: string,
): T | undefined {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  let best: T | undefined;
  for (const v of versions) {
    const from = v.effectiveFrom;
    if (from !== null && from > date) continue;
    if (best === undefined) {
      best = v;
      continue;
    }
    const bestFrom = best.effectiveFrom;
    if (bestFrom === null || (from !== null && from > bestFrom)) best = v;
  }
  return best;
}

/** Structural checks for a catalogue version before it is published (auditors enter these by hand). */
export function validateCatalogue(catalogue: Catalogue, pathPrefix = ""): FieldError[] {
  const p = (s: string) => (pathPrefix ? `${pathPrefix}.${s}` : s);
  const errors: FieldError[] = [];
  if (catalogue.effectiveFrom !== null && !isIsoDate(catalogue.effectiveFrom))
    errors.push({ path: p("effectiveFrom"), message: "must be an ISO date (yyyy-mm-dd) or null" });
  if (catalogue.blocks.length === 0)
    errors.push({ path: p("blocks"), message: "a catalogue has at least one block" });
  const seen = new Set<string>();
  catalogue.blocks.forEach((block, i) => {
    const bp = (s: string) => p(`blocks.${i}.${s}`);
    if (seen.has(block.id)) errors.push({ path: bp("id"), message: `duplicate block id "${block.id}"` });
    seen.add(block.id);
    if (!BLOCK_KINDS.includes(block.kind)) {
      errors.push({ path: bp("kind"), message: `must be one of ${BLOCK_KINDS.join(", ")}` });
      return;
    }
    const rateField = RATE_FIELD[block.kind];
    for (const field of ["perYear", "perMonth", "perHour", "perUnit", "factor"] as const) {
      const value = block[field];
      if (field === rateField) {
        if (value === undefined || value === null)
          errors.push({ path: bp(field), message: `required for kind ${block.kind}` });
        else if (!Number.isFinite(value) || value < 0)
          errors.push({ path: bp(field), message: "must be a number ≥ 0" });
        else if (field !== "factor" && ratio(value).d > 100n)
          errors.push({ path: bp(field), message: "at most 2 decimals (euros)" });
      } else if (value !== undefined) {
        errors.push({ path: bp(field), message: `not used by kind ${block.kind}` });
      }
    }
    if (block.maxMonths !== undefined && block.maxMonths !== null) {
      if (block.kind !== "employment")
        errors.push({ path: bp("maxMonths"), message: "only employment blocks have a maximum" });
      else if (!Number.isInteger(block.maxMonths) || block.maxMonths <= 0)
        errors.push({ path: bp("maxMonths"), message: "must be a whole number of months > 0, or null" });
    }
  });
  return errors;
}

/** Checks a set of versions of one catalogue id: distinct versions and distinct start dates. */
export function validateCatalogueVersions(versions: readonly Catalogue[]): FieldError[] {
  const errors: FieldError[] = [];
  const versionIds = new Set<string>();
  const starts = new Set<string>();
  versions.forEach((v, i) => {
    if (versionIds.has(v.version))
      errors.push({ path: `${i}.version`, message: `duplicate version "${v.version}"` });
    versionIds.add(v.version);
    const start = v.effectiveFrom ?? "(beginning)";
    if (starts.has(start))
      errors.push({ path: `${i}.effectiveFrom`, message: `another version already starts on ${start}` });
    starts.add(start);
  });
  return errors;
}
