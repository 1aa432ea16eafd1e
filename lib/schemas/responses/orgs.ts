import * as z from "zod";
import { ORG_KINDS } from "../../domain/orgs.js";
import { SIZE_CLASSES } from "../../domain/impact/organisations.js";
import { kvkSchema, pageOf } from "../common.js";
import { cbsCodeSchema, postcodeSchema, sbiCodeSchema, socialEnterpriseSchema } from "../orgs.js";

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
  cbsCode: cbsCodeSchema.nullable().describe("Municipalities: the CBS municipality code (GM0193 is Zwolle)."),
  postcode: postcodeSchema.nullable().describe("Suppliers: the postcode of their establishment."),
  municipalityCbsCode: cbsCodeSchema
    .nullable()
    .describe("Suppliers: the CBS code of the municipality they are established in (local spend)."),
  sizeClass: z
    .enum(SIZE_CLASSES)
    .nullable()
    .describe("Suppliers: micro, small or medium (an SME, Recommendation 2003/361/EC) or large."),
  sbiCode: sbiCodeSchema.nullable().describe("Suppliers: the SBI activity code."),
  socialEnterprise: socialEnterpriseSchema
    .nullable()
    .describe("Suppliers that claim it: the evidence of being a social enterprise and until when it holds."),
  createdAt: z.iso.datetime(),
  version,
});

export const regionPageResponse = pageOf(regionResponse);
export const organisationPageResponse = pageOf(organisationResponse);

export type RegionResponse = z.output<typeof regionResponse>;
export type OrganisationResponse = z.output<typeof organisationResponse>;
