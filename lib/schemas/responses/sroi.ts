import * as z from "zod";
import { BLOCK_KINDS } from "../../domain/sroi/catalogue.js";
import { OBLIGATION_STEPS } from "../../domain/sroi/obligation.js";
import { pageOf } from "../common.js";
import { createCatalogueSchema, policyBodySchema } from "../sroi.js";
import { moneyResponse as money } from "./scoring-result.js";

/** A published catalogue version: what the auditor sent, with its region and publication. */
export const catalogueResponse = createCatalogueSchema.extend({
  regionId: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
});

export const cataloguePageResponse = pageOf(catalogueResponse);

/** A published policy version: what the auditor sent, numbered per region (1, 2, 3 …). */
export const policyResponse = policyBodySchema.extend({
  id: z.string().describe("The policy's id is its region's id."),
  regionId: z.string(),
  version: z.number().int().min(1),
  /** Keys by level name; a digit stored before names without one reads as "legacy-<n>". */
  psoDiscountPercentByLevel: z.record(z.string(), z.number()),
  // The API always stores one (its default is 1.5); a policy seeded or stored without one has none.
  sanctionFactor: z.number().min(0).optional(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
});

export const policyVersionsResponse = z.strictObject({
  current: policyResponse.nullable().describe("The version in force today; null before the first starts."),
  versions: z.array(policyResponse),
});

/** One valued line of the shared valuation. */
export const valuedLineResponse = z.strictObject({
  blockId: z.string(),
  kind: z.enum(BLOCK_KINDS),
  targetGroup: z.string().nullable(),
  value: money,
  reportedMonths: z.number().nullable(),
  countedMonths: z.number().nullable(),
  formula: z.string(),
});

export const valuationResponse = z.strictObject({
  lines: z.array(valuedLineResponse),
  total: money,
  catalogue: z.strictObject({
    id: z.string(),
    version: z.string(),
    name: z.string(),
    incomplete: z.boolean(),
  }),
});

export const obligationResponse = z.strictObject({
  applies: z.boolean(),
  obligation: money,
  steps: z.array(
    z.strictObject({ step: z.enum(OBLIGATION_STEPS), detail: z.string(), amount: money.optional() }),
  ),
  policy: z.strictObject({
    id: z.string().describe('The region\'s policy, or "inline" for a policy sent with the request.'),
    version: z.number().int().min(1).nullable(),
  }),
});

export type CatalogueResponse = z.output<typeof catalogueResponse>;
export type CataloguePageResponse = z.output<typeof cataloguePageResponse>;
export type PolicyResponse = z.output<typeof policyResponse>;
export type PolicyVersionsResponse = z.output<typeof policyVersionsResponse>;
export type ValuationResponse = z.output<typeof valuationResponse>;
export type ObligationResponse = z.output<typeof obligationResponse>;
