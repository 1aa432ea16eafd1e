import { InvalidInput } from "../errors.js";

/**
 * Reference tables as resolved data. The engine never loads files: callers pass the tables in
 * (seed data, the store, or a test), and table references in an award model are resolved here.
 */

/** The kinds of versioned reference table: certificate discounts, true-price factor sets, CO2 prices. */
export const TABLE_KINDS = ["certificate-discount", "true-price-factors", "co2-price"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export interface CertificateTable {
  id: string;
  version: string;
  scheme: string;
  discountPercentByLevel: Record<string, number>;
  source: string;
  effectiveFrom?: string | null;
}

export interface TruePriceFactor {
  id: string;
  category: string;
  unit: string;
  eurPerUnit: number;
  /** environmental or social; absent in sets stored before it existed (read by category, factor-kinds.ts). */
  kind?: "environmental" | "social";
  /** An exclusion ground or contract condition (child labour, forced labour): never a cost. */
  exclusionGround?: boolean;
}

export interface FactorSet {
  id: string;
  version: string;
  name?: string;
  source: string;
  factors: TruePriceFactor[];
  effectiveFrom?: string | null;
}

export interface Co2Price {
  id: string;
  version: string;
  eurPerTonne: number;
  source: string;
  effectiveFrom?: string | null;
}

export interface Versioned {
  id: string;
  version: string;
  effectiveFrom?: string | null;
}

/** Natural order of version strings: digit runs compare as numbers ("4.0.10" after "4.0.2"). */
export function compareVersions(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) {
      const diff = BigInt(p) - BigInt(q);
      if (diff !== 0n) return diff < 0n ? -1 : 1;
      return p.length - q.length;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Orders the versions of one table, oldest first: by `effectiveFrom` (a missing date is the oldest),
 * then by natural version order. Deterministic whatever order the list comes in.
 */
export function compareTableVersions(a: Versioned, b: Versioned): number {
  const ea = a.effectiveFrom ?? "";
  const eb = b.effectiveFrom ?? "";
  if (ea !== eb) return ea < eb ? -1 : 1;
  return compareVersions(a.version, b.version);
}

/** The newest version of table `id` in `tables`, or undefined. */
export function newestVersion<T extends Versioned>(tables: readonly T[], id: string): T | undefined {
  let best: T | undefined;
  for (const table of tables) {
    if (table.id !== id) continue;
    if (!best || compareTableVersions(table, best) > 0) best = table;
  }
  return best;
}

/**
 * Resolves `{ tableId, version? }` against a list of tables: the named version, or the newest
 * when no version is given — with `asOf` (YYYY-MM-DD), the newest in force on that date (versions
 * effective later are skipped). Unknown → InvalidInput at `path`.
 */
export function resolveTableRef<T extends Versioned>(
  tables: readonly T[],
  ref: { tableId: string; version?: string | undefined },
  path: string,
  what = "table",
  asOf?: string,
): T {
  const inForce =
    asOf === undefined ? tables : tables.filter((t) => !t.effectiveFrom || t.effectiveFrom <= asOf);
  const found =
    ref.version === undefined
      ? newestVersion(inForce, ref.tableId)
      : tables.find((t) => t.id === ref.tableId && t.version === ref.version);
  if (!found) {
    const known = tables
      .filter((t) => t.id === ref.tableId)
      .map((t) => t.version)
      .sort(compareVersions);
    const message =
      known.length === 0
        ? `unknown ${what} "${ref.tableId}"`
        : ref.version === undefined
          ? `no version of ${what} "${ref.tableId}" is in force on ${asOf} (known: ${known.join(", ")})`
          : `unknown version "${ref.version}" of ${what} "${ref.tableId}" (known: ${known.join(", ")})`;
    throw new InvalidInput([{ path, message }]);
  }
  return found;
}
