/**
 * Reference table version: REFTABLE#<kind>#<id> / V#<version>   (gsi1: REFTABLES / <kind>#<id>#<version>)
 * Created once, never updated. Each kind has its own fields; the item's `kind` picks the schema.
 */
import * as z from "zod";
import { TABLE_KINDS, type TableKind } from "../domain/scoring/tables.js";
import { entity } from "../store/entity.js";

const common = {
  id: z.string(),
  version: z.string(),
  source: z.string(),
  effectiveFrom: z.string().nullable(),
  addedAt: z.string(),
  addedBy: z.string(),
  note: z.string().optional(),
};

export const referenceTableEntities = {
  "certificate-discount": entity(
    "certificate-discount table version",
    { pk: "REFTABLE#certificate-discount#<id>", sk: "V#<version>" },
    {
      kind: z.literal("certificate-discount"),
      ...common,
      scheme: z.string(),
      discountPercentByLevel: z.record(z.string(), z.number()),
    },
  ),
  "true-price-factors": entity(
    "true-price factor set version",
    { pk: "REFTABLE#true-price-factors#<id>", sk: "V#<version>" },
    {
      kind: z.literal("true-price-factors"),
      ...common,
      name: z.string().optional(),
      factors: z.array(
        z.looseObject({ id: z.string(), category: z.string(), unit: z.string(), eurPerUnit: z.number() }),
      ),
    },
  ),
  "co2-price": entity(
    "CO2 price version",
    { pk: "REFTABLE#co2-price#<id>", sk: "V#<version>" },
    {
      kind: z.literal("co2-price"),
      ...common,
      eurPerTonne: z.number(),
    },
  ),
};

const anyKind = entity(
  "reference table version",
  { pk: "REFTABLE#<kind>#<id>", sk: "V#<version>" },
  { kind: z.enum(TABLE_KINDS) },
);

type Read = ReturnType<(typeof referenceTableEntities)[TableKind]["read"]>;

export const referenceTableEntity = {
  /** Checks the item against the schema of its kind (an unknown kind is corrupt too). */
  read: (item: unknown): Read => referenceTableEntities[anyKind.read(item).kind].read(item),
  readAll: (items: readonly unknown[]): Read[] => items.map(referenceTableEntity.read),
};

export const tableKey = (kind: TableKind, id: string, version: string) => ({
  pk: `REFTABLE#${kind}#${id}`,
  sk: `V#${version}`,
});

export const tableIndexKeys = (table: { kind: TableKind; id: string; version: string }) => ({
  gsi1pk: "REFTABLES",
  gsi1sk: `${table.kind}#${table.id}#${table.version}`,
});

export const tableQueries = {
  /** Every version of one table. */
  versions: (kind: TableKind, id: string) => ({ pk: `REFTABLE#${kind}#${id}`, skBeginsWith: "V#" }),
  /** Every table version, optionally of one kind, by kind, id and version. */
  all: (kind?: TableKind) => ({
    index: "gsi1" as const,
    pk: "REFTABLES",
    skBeginsWith: kind ? `${kind}#` : undefined,
  }),
};
