import * as z from "zod";
import { BLOCK_KINDS } from "../domain/sroi/catalogue.js";
import { DEFAULT_MONTH_COUNTING, MONTH_COUNTING } from "../domain/sroi/months.js";
import {
  baseFromStored,
  CONTRACT_TYPES,
  COUNTING_MAXIMUM_PER,
  DEFAULT_AT_RISK_BEHIND_PERCENT,
  OBLIGATION_BASES,
} from "../domain/sroi/obligation.js";
import { PSO_LEVEL_NAMES, PSO_LEVELS } from "../domain/sroi/pso.js";
import {
  fteSchema,
  hoursSchema,
  isoDateSchema,
  MAX_FACTOR,
  MAX_MONTHS,
  moneySchema,
  monthsSchema,
  nonNegativeMoneySchema,
  numberIn,
  pageQuerySchema,
  percentSchema,
  psoLevelSchema,
  shareSchema,
  slugSchema,
  unitsSchema,
  versionNumberSchema,
} from "./common.js";

/** Catalogue versions as published ("V05-2023-04", "current-as-retrieved"). */
export const versionLabelSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-', at most 64 characters");

/** A catalogue's rate in euros (per year, month, hour or unit): up to EUR 10 million. */
const rate = (what: string) => numberIn(what, { min: 0, max: 10_000_000, decimals: 2 });

export const blockSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and hyphens"),
    kind: z.enum(BLOCK_KINDS),
    targetGroup: z.string().min(1).max(300).optional(),
    label: z.string().min(1).max(300).optional(),
    perYear: rate("euros per FTE-year").optional(),
    perMonth: rate("euros per month").optional(),
    perHour: rate("euros per hour").optional(),
    perUnit: rate("euros per unit").optional(),
    factor: numberIn("a factor on the invoice", { min: 0, max: MAX_FACTOR }).optional(),
    maxMonths: numberIn("maximum months", { min: 1, max: MAX_MONTHS, int: true }).nullable().optional(),
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

/** PSO level by name → discount percentage; a digit key (the old form) is refused, naming the levels. */
const psoDiscountTableSchema = z
  .record(z.string(), percentSchema)
  .superRefine((table, ctx) => {
    for (const key of Object.keys(table))
      if (!(PSO_LEVELS as readonly string[]).includes(key))
        ctx.addIssue({ code: "custom", path: [key], message: `not a PSO level: one of ${PSO_LEVEL_NAMES}` });
  })
  .describe(`PSO level by name (one of ${PSO_LEVEL_NAMES}) → discount percentage.`);

export const policyBodySchema = z
  .object({
    catalogueId: slugSchema,
    effectiveFrom: isoDateSchema.nullable(),
    threshold: nonNegativeMoneySchema,
    thresholdInclusive: z.boolean(),
    contractTypes: z.array(z.enum(CONTRACT_TYPES)).min(1),
    suppliesMinLabourShare: shareSchema.nullable(),
    percent: percentSchema,
    lowLabourShare: z
      .object({
        below: numberIn("a share", { min: 0, max: 1, exclusiveMin: true }),
        percent: percentSchema,
      })
      .strict()
      .nullable()
      .optional(),
    /** The old spelling "contract value excl. VAT" is still taken, as "contract-value". */
    base: z.preprocess(
      baseFromStored,
      z.enum(OBLIGATION_BASES, { error: `one of ${OBLIGATION_BASES.map((b) => `"${b}"`).join(", ")}` }),
    ),
    cap: nonNegativeMoneySchema.nullable(),
    minimumMonths: monthsSchema.nullable(),
    psoDiscountPercentByLevel: psoDiscountTableSchema,
    valuationDate: z.enum(["activity-start", "award-date"]),
    reportingFrequency: z.enum(["monthly", "quarterly", "half-yearly", "yearly"]),
    reviewDays: numberIn("review days", { min: 1, max: 365, int: true }),
    recoveryDays: numberIn("recovery days", { min: 0, max: 1095, int: true }),
    retentionMonths: numberIn("retention months", { min: 1, max: 240, int: true }),
    sanctionFactor: numberIn("a sanction factor", { min: 0, max: 10 }).default(1.5),
    /** A report flags a contract at risk when it is behind its expected-by-now value by more than this. */
    atRiskBehindPercent: numberIn("a percentage", { min: 0, max: 100, int: true }).default(
      DEFAULT_AT_RISK_BEHIND_PERCENT,
    ),
    /** How an entry's months are counted from its dates (lib/domain/sroi/README.md, Month counting). */
    monthCounting: z.enum(MONTH_COUNTING).default(DEFAULT_MONTH_COUNTING),
    /** Whether a block's counting maximum runs per contract or per candidate across the supplier's contracts in the region. */
    countingMaximumPer: z.enum(COUNTING_MAXIMUM_PER).default("contract"),
    /** Whether realisation above a contract's obligation may be transferred to another contract of the same supplier in the region. */
    allowPooling: z.boolean().default(false),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const valuationLineSchema = z
  .object({
    blockId: z.string().min(1).max(64),
    fte: fteSchema.optional(),
    months: monthsSchema.optional(),
    hours: hoursSchema.optional(),
    units: unitsSchema.optional(),
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
    labourShare: shareSchema.optional(),
    months: monthsSchema.optional(),
    /** The amount the policy's base needs: invoiced turnover excl. VAT, or the wage bill. */
    invoicedTurnover: nonNegativeMoneySchema.optional(),
    wageBill: nonNegativeMoneySchema.optional(),
    /** The contract period: needed with psoCertificateValidUntil (the discount stops at expiry). */
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
  })
  .strict();

export const obligationRequestSchema = z
  .object({
    regionId: slugSchema.optional(),
    policyVersion: versionNumberSchema.optional(),
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
    psoLevel: psoLevelSchema.optional(),
    /** Last day the supplier's PSO certificate is valid; a certificate expiring mid-contract earns part of the discount. */
    psoCertificateValidUntil: isoDateSchema.optional(),
  })
  .strict()
  .refine((b) => (b.regionId === undefined) !== (b.policy === undefined), {
    message: "give either regionId or policy",
    path: ["regionId"],
  })
  .meta({
    examples: [
      {
        regionId: "oost-nederland",
        contract: { value: { amount: 1200000, currency: "EUR" }, type: "services" },
      },
    ],
  });

export const listCataloguesQuery = pageQuerySchema.extend({ regionId: slugSchema.optional() });
