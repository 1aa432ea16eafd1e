/**
 * Region: REGION#<id> / REGION   (gsi1: REGIONS / <id>)
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import type { Key } from "../store/ops.js";

export const regionEntity = entity(
  "region",
  { pk: "REGION#<id>", sk: "REGION" },
  {
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
  },
);

export const regionKey = (id: string) => ({ pk: `REGION#${id}`, sk: "REGION" });

/** Whether an item (or key) is a region's. */
export const isRegion = (item: Partial<Key> | undefined) =>
  item?.sk === "REGION" && item.pk?.startsWith("REGION#") === true;

export const regionIndexKeys = (id: string) => ({ gsi1pk: "REGIONS", gsi1sk: id });

export const regionQueries = {
  /** Every region, by id. */
  all: () => ({ index: "gsi1" as const, pk: "REGIONS" }),
};
