/**
 * Organisation: ORG#<id> / ORG   (gsi1: ORGS / <kind>#<id>; gsi2 for members of a region:
 * REGION#<region>#ORGS / <kind>#<id>)
 */
import * as z from "zod";
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
    createdAt: z.string(),
    version: z.number().int(),
  },
);

export const organisationKey = (id: string) => ({ pk: `ORG#${id}`, sk: "ORG" });

export const organisationIndexKeys = (org: { id: string; kind: string; regionId: string | null }) => ({
  gsi1pk: "ORGS",
  gsi1sk: `${org.kind}#${org.id}`,
  ...(org.regionId ? { gsi2pk: `REGION#${org.regionId}#ORGS`, gsi2sk: `${org.kind}#${org.id}` } : {}),
});

export const organisationQueries = {
  /** Every organisation, optionally of one kind. */
  all: (kind?: string) => ({
    index: "gsi1" as const,
    pk: "ORGS",
    skBeginsWith: kind ? `${kind}#` : undefined,
  }),
  /** The municipalities and region bodies of one region, optionally of one kind. */
  ofRegion: (regionId: string, kind?: string) => ({
    index: "gsi2" as const,
    pk: `REGION#${regionId}#ORGS`,
    skBeginsWith: kind ? `${kind}#` : undefined,
  }),
};
