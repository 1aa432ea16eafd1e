import * as z from "zod";
import { ORG_KINDS } from "../../domain/orgs.js";
import { kvkSchema, pageOf } from "../common.js";

/** An admin's chosen slug, or an opaque id the service issued. */
const id = z.string().min(1);
const version = z.number().int().min(1);

export const regionResponse = z.strictObject({
  id,
  name: z.string(),
  createdAt: z.iso.datetime(),
  version,
});

export const organisationResponse = z.strictObject({
  id,
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  regionId: z
    .string()
    .nullable()
    .describe("Set for municipalities and region bodies: the region whose rules apply."),
  kvk: kvkSchema.nullable().describe("Set for suppliers."),
  createdAt: z.iso.datetime(),
  version,
});

export const regionPageResponse = pageOf(regionResponse);
export const organisationPageResponse = pageOf(organisationResponse);

export type RegionResponse = z.output<typeof regionResponse>;
export type OrganisationResponse = z.output<typeof organisationResponse>;
