/**
 * Organisation: ORG#<id> / ORG   (gsi1: ORGS / <kind>#<id>; gsi2 for members of a region:
 * REGION#<region>#ORGS / <kind>#<id>; gsi3 for suppliers: KVK#<kvk> / ORG#<id>)
 * The impact fields (cbsCode, postcode, …) are absent on organisations stored before them: read as null.
 */
import * as z from "zod";
import { SIZE_CLASSES, SOCIAL_ENTERPRISE_KINDS } from "../domain/impact/organisations.js";
import { ORG_KINDS } from "../domain/orgs.js";
import { entity } from "../store/entity.js";

export const organisationEntity = entity(
  "organisation",
  { pk: "ORG#<id>", sk: "ORG" },
  {
    id: z.string(),
    kind: z.enum(ORG_KINDS),
    name: z.string(),
    regionId: z.string().nullable(),
    kvk: z.string().nullable(),
    cbsCode: z.string().nullable().default(null),
    postcode: z.string().nullable().default(null),
    municipalityCbsCode: z.string().nullable().default(null),
    sizeClass: z.enum(SIZE_CLASSES).nullable().default(null),
    sbiCode: z.string().nullable().default(null),
    socialEnterprise: z
      .looseObject({
        kind: z.enum(SOCIAL_ENTERPRISE_KINDS),
        evidence: z.string(),
        validUntil: z.string(),
      })
      .nullable()
      .default(null),
    createdAt: z.string(),
    version: z.number().int(),
  },
);

export const organisationKey = (id: string) => ({ pk: `ORG#${id}`, sk: "ORG" });

export const organisationIndexKeys = (org: {
  id: string;
  kind: string;
  regionId: string | null;
  kvk: string | null;
}) => ({
  gsi1pk: "ORGS",
  gsi1sk: `${org.kind}#${org.id}`,
  ...(org.regionId ? { gsi2pk: `REGION#${org.regionId}#ORGS`, gsi2sk: `${org.kind}#${org.id}` } : {}),
  ...(org.kvk ? kvkIndexKeys({ id: org.id, kvk: org.kvk }) : {}),
});

/** A supplier by its KvK number (written at creation; the list-keys backfill adds it to older ones). */
export const kvkIndexKeys = (org: { id: string; kvk: string }) => ({
  gsi3pk: `KVK#${org.kvk}`,
  gsi3sk: `ORG#${org.id}`,
});

/** Whether a stored organisation carries the KvK index keys. */
export const hasKvkIndexKeys = (item: Record<string, unknown>) => typeof item.gsi3pk === "string";

export const organisationQueries = {
  /** Every organisation, optionally of one kind. */
  all: (kind?: string) => ({
    index: "gsi1" as const,
    pk: "ORGS",
    skBeginsWith: kind ? `${kind}#` : undefined,
  }),
  /** The organisations with this KvK number (suppliers; the number is not unique by rule). */
  byKvk: (kvk: string) => ({ index: "gsi3" as const, pk: `KVK#${kvk}` }),
  /** The municipalities and region bodies of one region, optionally of one kind. */
  ofRegion: (regionId: string, kind?: string) => ({
    index: "gsi2" as const,
    pk: `REGION#${regionId}#ORGS`,
    skBeginsWith: kind ? `${kind}#` : undefined,
  }),
};
