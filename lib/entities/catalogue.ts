/**
 * Catalogue version: CATALOGUE#<id> / V#<version>   (gsi1: REGION#<region>#CATALOGUES / <id>#<version>)
 * Created once, never updated.
 */
import * as z from "zod";
import { BLOCK_KINDS, type Block } from "../domain/sroi/catalogue.js";
import { entity } from "../store/entity.js";

const blockSchema: z.ZodType<Block> = z.looseObject({
  id: z.string(),
  kind: z.enum(BLOCK_KINDS),
  targetGroup: z.string().optional(),
  label: z.string().optional(),
  perYear: z.number().optional(),
  perMonth: z.number().optional(),
  perHour: z.number().optional(),
  perUnit: z.number().optional(),
  factor: z.number().optional(),
  maxMonths: z.number().int().nullable().optional(),
  note: z.string().optional(),
});

export const catalogueEntity = entity(
  "catalogue version",
  { pk: "CATALOGUE#<id>", sk: "V#<version>" },
  {
    id: z.string(),
    version: z.string(),
    name: z.string(),
    source: z.string(),
    incomplete: z.boolean(),
    missing: z.array(z.string()).optional(),
    effectiveFrom: z.string().nullable(),
    blocks: z.array(blockSchema),
    regionId: z.string(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    note: z.string().optional(),
  },
);

export const catalogueKey = (id: string, version: string) => ({ pk: `CATALOGUE#${id}`, sk: `V#${version}` });

export const catalogueIndexKeys = (catalogue: { id: string; version: string; regionId: string }) => ({
  gsi1pk: `REGION#${catalogue.regionId}#CATALOGUES`,
  gsi1sk: `${catalogue.id}#${catalogue.version}`,
});

export const catalogueQueries = {
  /** Every version of one catalogue, in version-label order. */
  versions: (id: string) => ({ pk: `CATALOGUE#${id}`, skBeginsWith: "V#" }),
  /** The catalogue versions of one region, by id and version. */
  ofRegion: (regionId: string) => ({ index: "gsi1" as const, pk: `REGION#${regionId}#CATALOGUES` }),
  /** The list without a region. No catalogue version is written with this index key, so it reads none. */
  all: () => ({ index: "gsi1" as const, pk: "CATALOGUES" }),
};
