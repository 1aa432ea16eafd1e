/**
 * Region: REGION#<id> / REGION   (gsi1: REGIONS / <id>)
 */
import { z } from "zod";
import { entity } from "../store/entity.js";

export const regionEntity = entity("region", {
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const regionKey = (id: string) => ({ pk: `REGION#${id}`, sk: "REGION" });

export const regionIndexKeys = (id: string) => ({ gsi1pk: "REGIONS", gsi1sk: id });

export const regionQueries = {
  /** Every region, by id. */
  all: () => ({ index: "gsi1" as const, pk: "REGIONS" }),
};
