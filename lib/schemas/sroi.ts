import { z } from "zod";
import { BLOCK_KINDS } from "../domain/sroi/catalogue.js";
import { CONTRACT_TYPES } from "../domain/sroi/obligation.js";
import { isoDateSchema, moneySchema, nonNegativeMoneySchema, pageQuerySchema, slugSchema } from "./common.js";

/** Catalogue versions as published ("V05-2023-04", "current-as-retrieved"). */
export const versionLabelSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-', at most 64 characters");

const euros = z.number().finite().min(0);

export const blockSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and hyphens"),
    kind: z.enum(BLOCK_KINDS),
    targetGroup: z.string().min(1).max(300).optional(),
    label: z.string().min(1).max(300).optional(),
    perYear: euros.optional(),
    perMonth: euros.optional(),
    perHour: euros.optional(),
    perUnit: euros.optional(),
    factor: euros.optional(),
    maxMonths: z.number().int().positive().nullable().optional(),
    note: z.string().max(1000).optional(),
  })
  .strict();

export const createCatalogueSchema = z
  .object({
    id: slugSchema,
    version: versionLabelSchema,
    name: z.string().min(2).max(300),
    source: z.string().min(2).max(1000),
    incomplete: z.boolean(),
    missing: z.array(z.string().min(1).max(300)).max(100).optional(),
    effectiveFrom: isoDateSchema.nullable(),
    blocks: z.array(blockSchema).min(1).max(200),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const policyBodySchema = z
  .object({
    catalogueId: slugSchema,
    effectiveFrom: isoDateSchema.nullable(),
    threshold: nonNegativeMoneySchema,
    thresholdInclusive: z.boolean(),
    contractTypes: z.array(z.enum(CONTRACT_TYPES)).min(1),
    suppliesMinLabourShare: z.number().min(0).max(1).nullable(),
    percent: z.number().min(0).max(100),
    lowLabourShare: z
      .object({ below: z.number().gt(0).max(1), percent: z.number().min(0).max(100) })
      .strict()
      .nullable()
      .optional(),
    base: z.literal("contract value excl. VAT"),
    cap: nonNegativeMoneySchema.nullable(),
    minimumMonths: z.number().min(0).nullable(),
    psoDiscountPercentByLevel: z.record(z.string().regex(/^[0-9]$/), z.number().min(0).max(100)),
    valuationDate: z.enum(["activity-start", "award-date"]),
    reportingFrequency: z.enum(["monthly", "quarterly", "half-yearly", "yearly"]),
    reviewDays: z.number().int().min(1).max(365),
    recoveryDays: z.number().int().min(0).max(1095),
    retentionMonths: z.number().int().min(1).max(240),
    sanctionFactor: z.number().min(0).max(10).default(1.5),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const valuationLineSchema = z
  .object({
    blockId: z.string().min(1).max(64),
    fte: z.number().finite().optional(),
    months: z.number().finite().optional(),
    hours: z.number().finite().optional(),
    units: z.number().finite().optional(),
    invoice: moneySchema.optional(),
    bonuses: z.array(z.string().min(1).max(64)).max(10).optional(),
  })
  .strict();

export const catalogueRefSchema = z.object({ id: slugSchema, version: versionLabelSchema }).strict();

export const valuateSchema = z
  .object({ catalogue: catalogueRefSchema, lines: z.array(valuationLineSchema).max(500) })
  .strict();

export const obligationContractSchema = z
  .object({
    value: nonNegativeMoneySchema,
    type: z.enum(CONTRACT_TYPES),
    labourShare: z.number().min(0).max(1).optional(),
    months: z.number().min(0).optional(),
  })
  .strict();

export const obligationRequestSchema = z
  .object({
    regionId: slugSchema.optional(),
    policyVersion: z.number().int().min(1).optional(),
    policy: policyBodySchema
      .omit({ catalogueId: true, effectiveFrom: true })
      .partial({
        valuationDate: true,
        reportingFrequency: true,
        reviewDays: true,
        recoveryDays: true,
        retentionMonths: true,
      })
      .optional(),
    contract: obligationContractSchema,
    psoLevel: z.number().int().min(0).max(9).optional(),
  })
  .strict()
  .refine((b) => (b.regionId === undefined) !== (b.policy === undefined), {
    message: "give either regionId or policy",
    path: ["regionId"],
  });

export const listCataloguesQuery = pageQuerySchema.extend({ regionId: slugSchema.optional() });
