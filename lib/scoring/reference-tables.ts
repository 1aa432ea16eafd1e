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
import { createOnce, publicFields } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import { catalogueVersions } from "../sroi/rules.js";

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
 * Every version of every table an award model names, as the engine's input (the engine resolves a
 * missing version to the newest). Unknown ids give empty lists, which the engine reports with paths.
 */
export async function loadTablesFor(model: AwardModel): Promise<ReferenceTables> {
  const c = model.corrections;
  const certificate = c?.certificate && "tableId" in c.certificate ? c.certificate.tableId : undefined;
  const [certificateTables, factorSets, co2Prices, catalogues] = await Promise.all([
    certificate ? tableVersions("certificate-discount", certificate) : [],
    c?.truePrice ? tableVersions("true-price-factors", c.truePrice.factorSetId) : [],
    c?.truePrice?.co2Price ? tableVersions("co2-price", c.truePrice.co2Price.tableId) : [],
    model.socialReturn ? catalogueVersions(model.socialReturn.catalogue.id) : [],
  ]);
  return { certificateTables, factorSets, co2Prices, catalogues };
}
