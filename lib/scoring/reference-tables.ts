/**
 * Price-correction reference tables as versioned data in the store (see lib/domain/scoring/README.md,
 * Corrections, for how they are applied and their sources): certificate
 * discount tables (CO2-Prestatieladder), true-price factor sets and CO2 prices. A version is
 * immutable once added (created once, never updated); a change is a new version; old versions stay
 * readable, so a published tender's pinned versions always resolve. Building-block catalogues live
 * with the social-return rules (lib/sroi/rules.ts) and are read from there. The shipped versions are
 * seeded by lib/seed/reference-tables.ts (kept out of the request path, with their JSON). Stored as
 * lib/entities/reference-table.ts.
 */
import { appendAudit } from "../audit/audit.js";
import { Forbidden } from "../domain/errors.js";
import type { ReferenceTables } from "../domain/scoring/engine.js";
import type { CertificateTable, Co2Price, FactorSet, TableKind } from "../domain/scoring/tables.js";
import type { AwardModel } from "../domain/scoring/types.js";
import { referenceTableEntity, tableIndexKeys, tableKey, tableQueries } from "../entities/reference-table.js";
import type { Operation } from "../operation.js";
import { containerCache, NEWEST_VERSION_TTL_MS } from "../store/container-cache.js";
import { createOnce, getItem, publicFields } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import { getCatalogue, recentCatalogueVersions } from "../sroi/rules.js";

interface Meta {
  kind: TableKind;
  addedAt: string;
  addedBy: string;
  note?: string;
  /** Always stored: null when the version applies from the beginning. */
  effectiveFrom: string | null;
}

export type StoredTable =
  | (CertificateTable & Meta & { kind: "certificate-discount" })
  | (FactorSet & Meta & { kind: "true-price-factors" })
  | (Co2Price & Meta & { kind: "co2-price" });

export type NewTable =
  | (CertificateTable & { kind: "certificate-discount"; note?: string | undefined })
  | (FactorSet & { kind: "true-price-factors"; note?: string | undefined })
  | (Co2Price & { kind: "co2-price"; note?: string | undefined });

const stored = (item: unknown) => publicFields<StoredTable>(referenceTableEntity.read(item));

export async function tableVersions<K extends TableKind>(
  kind: K,
  id: string,
): Promise<Extract<StoredTable, { kind: K }>[]> {
  const items = await queryAll(tableQueries.versions(kind, id));
  return items.map(stored) as Extract<StoredTable, { kind: K }>[];
}

/** One version, as stored; undefined when there is none. */
export async function getTableVersion<K extends TableKind>(
  kind: K,
  id: string,
  version: string,
): Promise<Extract<StoredTable, { kind: K }> | undefined> {
  const item = await getItem(tableKey(kind, id, version));
  return item ? (stored(item) as Extract<StoredTable, { kind: K }>) : undefined;
}

/** A version never changes: kept as long as the container lives. */
const versionCache = containerCache<StoredTable | undefined>(Number.POSITIVE_INFINITY);
/** The list of versions changes when one is added: a reference without a version trusts it briefly. */
const listCache = containerCache<StoredTable[]>(NEWEST_VERSION_TTL_MS);

/**
 * What the engine needs of table `id` for a reference: the version named (read once per container),
 * or without one every version, as read at most NEWEST_VERSION_TTL_MS ago (a version added in this
 * container is seen at once). An unknown version gives every version, for the engine's message.
 */
async function versionsFor<K extends TableKind>(
  kind: K,
  id: string,
  version: string | undefined,
  fresh: boolean,
): Promise<Extract<StoredTable, { kind: K }>[]> {
  if (version !== undefined) {
    const one = await versionCache.get(`${kind}#${id}#${version}`, () => getTableVersion(kind, id, version));
    if (one) return [one as Extract<StoredTable, { kind: K }>];
  }
  if (fresh) listCache.delete(`${kind}#${id}`);
  const all = await listCache.get(`${kind}#${id}`, () => tableVersions(kind, id));
  return all as Extract<StoredTable, { kind: K }>[];
}

export async function listReferenceTables(filter: {
  kind?: TableKind | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<Page<StoredTable>> {
  const page = await queryPage({
    ...tableQueries.all(filter.kind),
    limit: filter.limit,
    cursor: filter.cursor,
  });
  return { items: page.items.map(stored), nextCursor: page.nextCursor };
}

/** The stored item of a table version (the seed writes it directly, without an audit event). */
export function tableItem(table: NewTable, meta: { addedAt: string; addedBy: string }, opId: string) {
  const { note, ...data } = table;
  return {
    ...tableKey(table.kind, table.id, table.version),
    ...tableIndexKeys(table),
    lastOpId: opId,
    ...data,
    effectiveFrom: table.effectiveFrom ?? null,
    ...meta,
    ...(note ? { note } : {}),
  };
}

/** Adds a version of a reference table (admins). An existing id + version is a 409: versions are immutable. */
export async function addTableVersion(op: Operation, table: NewTable): Promise<StoredTable> {
  if (op.actor.role !== "admin")
    throw new Forbidden("Only an operator's admin adds reference table versions.");
  const item = tableItem(table, { addedAt: op.now.toISOString(), addedBy: op.actor.sub }, op.opId);
  const result = stored(
    await createOnce(item, `Version ${table.version} of ${table.kind} table ${table.id}`),
  );
  listCache.delete(`${table.kind}#${table.id}`);
  await appendAudit(op, {
    entityType: "reference-table",
    entityId: `${table.kind}/${table.id}/${table.version}`,
    action: "reference-table.version-added",
    after: result,
    regionId: null,
    summary: `${table.kind} ${table.id} version ${table.version}`,
    once: "created",
  });
  return result;
}

/**
 * The tables an award model names, as the engine's input: a named version, or every version of a
 * table named without one (the engine takes the newest, or the newest in force on a date). Cached per
 * container (versionsFor); `fresh` reads the lists of versions again, for what freezes a newest
 * version (publishing a tender). Unknown ids give empty lists, which the engine reports with paths.
 */
export async function loadTablesFor(
  model: AwardModel,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<ReferenceTables> {
  const c = model.corrections;
  const certificate = c?.certificate && "tableId" in c.certificate ? c.certificate : undefined;
  const co2 = c?.truePrice?.co2Price;
  const catalogue = model.socialReturn?.catalogue;
  const [certificateTables, factorSets, co2Prices, catalogues] = await Promise.all([
    certificate ? versionsFor("certificate-discount", certificate.tableId, certificate.version, fresh) : [],
    c?.truePrice
      ? versionsFor("true-price-factors", c.truePrice.factorSetId, c.truePrice.version, fresh)
      : [],
    co2 ? versionsFor("co2-price", co2.tableId, co2.version, fresh) : [],
    catalogue ? catalogueFor(catalogue, fresh) : [],
  ]);
  return { certificateTables, factorSets, co2Prices, catalogues };
}

async function catalogueFor(ref: { id: string; version?: string | undefined }, fresh: boolean) {
  const one = ref.version === undefined ? undefined : await getCatalogue(ref.id, ref.version);
  return one ? [one] : recentCatalogueVersions(ref.id, { fresh });
}
