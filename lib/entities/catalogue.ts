/**
 * Catalogue version: CATALOGUE#<id> / V#<version>   (gsi1: REGION#<region>#CATALOGUES / <id>#<version>;
 * gsi2: CATALOGUES / <id>#<version>, every region's). Created once, never updated.
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

const ALL = "CATALOGUES";

export const catalogueKey = (id: string, version: string) => ({ pk: `CATALOGUE#${id}`, sk: `V#${version}` });

export const catalogueIndexKeys = (catalogue: { id: string; version: string; regionId: string }) => ({
  gsi1pk: `REGION#${catalogue.regionId}#CATALOGUES`,
  gsi1sk: `${catalogue.id}#${catalogue.version}`,
  gsi2pk: ALL,
  gsi2sk: `${catalogue.id}#${catalogue.version}`,
});

/** Whether a stored catalogue version carries every index key it is listed by. */
export const hasCatalogueIndexKeys = (item: Record<string, unknown>) =>
  Object.entries(catalogueIndexKeys(item as { id: string; version: string; regionId: string })).every(
    ([field, value]) => item[field] === value,
  );

export const catalogueQueries = {
  /** Every version of one catalogue, in version-label order. */
  versions: (id: string) => ({ pk: `CATALOGUE#${id}`, skBeginsWith: "V#" }),
  /** The catalogue versions of one region, by id and version. */
  ofRegion: (regionId: string) => ({ index: "gsi1" as const, pk: `REGION#${regionId}#CATALOGUES` }),
  /** Every region's catalogue versions, by id and version. */
  all: () => ({ index: "gsi2" as const, pk: ALL }),
};
