import * as z from "zod";
import { ORG_KINDS } from "../domain/orgs.js";
import { kvkSchema, pageQuerySchema, slugSchema, versionNumberSchema } from "./common.js";

const name = z.string().trim().min(2).max(200);

export const createRegionSchema = z.object({ id: slugSchema.optional(), name }).strict();

export const createOrganisationSchema = z
  .object({
    id: slugSchema.optional(),
    kind: z.enum(ORG_KINDS),
    name,
    regionId: slugSchema.optional(),
    kvk: kvkSchema.optional(),
  })
  .strict();

/** A rename; `version` is the one the client read (optimistic locking: a stale version is a 409). */
export const updateOrganisationSchema = z.object({ name, version: versionNumberSchema }).strict();

export const listOrganisationsQuery = pageQuerySchema.extend({
  kind: z.enum(ORG_KINDS).optional(),
  regionId: slugSchema.optional(),
});
