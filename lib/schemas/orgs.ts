import * as z from "zod";
import {
  CBS_CODE,
  POSTCODE,
  SBI_CODE,
  SIZE_CLASSES,
  SOCIAL_ENTERPRISE_KINDS,
} from "../domain/impact/organisations.js";
import { ORG_KINDS } from "../domain/orgs.js";
import { isoDateSchema, kvkSchema, pageQuerySchema, slugSchema, versionNumberSchema } from "./common.js";

const name = z.string().trim().min(2).max(200);

export const createRegionSchema = z.object({ id: slugSchema.optional(), name }).strict();

export const cbsCodeSchema = z
  .string()
  .regex(CBS_CODE, 'a CBS municipality code: "GM" and four digits, e.g. GM0193');
export const postcodeSchema = z
  .string()
  .regex(POSTCODE, 'a Dutch postcode: four digits, a space, two capitals ("8011 AB")');
export const sbiCodeSchema = z
  .string()
  .regex(SBI_CODE, "an SBI code: two to five digits (e.g. 4399 or 43.99)");
export const socialEnterpriseSchema = z
  .object({
    kind: z.enum(SOCIAL_ENTERPRISE_KINDS),
    evidence: z.string().trim().min(3).max(500),
    validUntil: isoDateSchema,
  })
  .strict();

/**
 * What the impact monitor knows of an organisation (lib/domain/impact/README.md): a municipality's CBS
 * code; a supplier's postcode, municipality, size class (EU SME definition), SBI code and social-enterprise
 * evidence. Which kind may carry which is checked by the use case (400 naming the field).
 */
const impactFields = {
  cbsCode: cbsCodeSchema,
  postcode: postcodeSchema,
  municipalityCbsCode: cbsCodeSchema,
  sizeClass: z.enum(SIZE_CLASSES),
  sbiCode: sbiCodeSchema,
  socialEnterprise: socialEnterpriseSchema,
};

export const createOrganisationSchema = z
  .object({
    id: slugSchema.optional(),
    kind: z.enum(ORG_KINDS),
    name,
    regionId: slugSchema.optional(),
    kvk: kvkSchema.optional(),
    cbsCode: impactFields.cbsCode.optional(),
    postcode: impactFields.postcode.optional(),
    municipalityCbsCode: impactFields.municipalityCbsCode.optional(),
    sizeClass: impactFields.sizeClass.optional(),
    sbiCode: impactFields.sbiCode.optional(),
    socialEnterprise: impactFields.socialEnterprise.optional(),
  })
  .strict();

/**
 * A change of the name or the impact fields (null clears one); `version` is the one the client read
 * (optimistic locking: a stale version is a 409).
 */
export const updateOrganisationSchema = z
  .object({
    name: name.optional(),
    cbsCode: impactFields.cbsCode.nullable().optional(),
    postcode: impactFields.postcode.nullable().optional(),
    municipalityCbsCode: impactFields.municipalityCbsCode.nullable().optional(),
    sizeClass: impactFields.sizeClass.nullable().optional(),
    sbiCode: impactFields.sbiCode.nullable().optional(),
    socialEnterprise: impactFields.socialEnterprise.nullable().optional(),
    version: versionNumberSchema,
  })
  .strict();

export const listOrganisationsQuery = pageQuerySchema.extend({
  kind: z.enum(ORG_KINDS).optional(),
  regionId: slugSchema.optional(),
});

export type CreateOrganisationBody = z.infer<typeof createOrganisationSchema>;
export type UpdateOrganisationBody = z.infer<typeof updateOrganisationSchema>;
