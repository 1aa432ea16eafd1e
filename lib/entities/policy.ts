/**
 * Obligation policy version: POLICY#<region> / V#<nnnnnn>   (versions 1, 2, 3 … zero-padded, so they
 * sort in order). Created once, never updated.
 */
import * as z from "zod";
import { DEFAULT_MONTH_COUNTING, MONTH_COUNTING } from "../domain/sroi/months.js";
import {
  baseFromStored,
  CONTRACT_TYPES,
  COUNTING_MAXIMUM_PER,
  DEFAULT_AT_RISK_BEHIND_PERCENT,
  OBLIGATION_BASES,
} from "../domain/sroi/obligation.js";
import { psoTableFromStored } from "../domain/sroi/pso.js";
import { entity } from "../store/entity.js";

export const policyEntity = entity(
  "policy version",
  { pk: "POLICY#<regionId>", sk: "V#<version>" },
  {
    thresholdCents: z.number().int(),
    thresholdInclusive: z.boolean(),
    contractTypes: z.array(z.enum(CONTRACT_TYPES)),
    suppliesMinLabourShare: z.number().nullable(),
    percent: z.number(),
    lowLabourShare: z.looseObject({ below: z.number(), percent: z.number() }).nullable().optional(),
    /** Versions stored before other bases existed say "contract value excl. VAT": read as "contract-value". */
    base: z.preprocess(baseFromStored, z.enum(OBLIGATION_BASES)),
    capCents: z.number().int().nullable(),
    minimumMonths: z.number().nullable(),
    /** Digit keys of versions stored before levels had names read as names (lib/domain/sroi/pso.ts). */
    psoDiscountPercentByLevel: z.record(z.string(), z.number()).transform(psoTableFromStored),
    valuationDate: z.enum(["activity-start", "award-date"]),
    reportingFrequency: z.enum(["monthly", "quarterly", "half-yearly", "yearly"]),
    reviewDays: z.number().int(),
    recoveryDays: z.number().int(),
    retentionMonths: z.number().int(),
    sanctionFactor: z.number().optional(),
    /** Absent on versions stored before it existed: they read as the default. */
    atRiskBehindPercent: z.number().int().min(0).max(100).default(DEFAULT_AT_RISK_BEHIND_PERCENT),
    /** Absent on versions stored before these options existed: they read as today's rules. */
    monthCounting: z.enum(MONTH_COUNTING).default(DEFAULT_MONTH_COUNTING),
    countingMaximumPer: z.enum(COUNTING_MAXIMUM_PER).default("contract"),
    allowPooling: z.boolean().default(false),
    id: z.string(),
    regionId: z.string(),
    version: z.number().int(),
    catalogueId: z.string(),
    effectiveFrom: z.string().nullable(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    note: z.string().optional(),
  },
);

export const policyKey = (regionId: string, version: number) => ({
  pk: `POLICY#${regionId}`,
  sk: `V#${String(version).padStart(6, "0")}`,
});

export const policyQueries = {
  /** Every policy version of a region, oldest first. */
  versions: (regionId: string) => ({ pk: `POLICY#${regionId}`, skBeginsWith: "V#" }),
};
