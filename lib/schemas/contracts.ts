import * as z from "zod";
import { SOCIAL_ENTERPRISE_KINDS } from "../domain/impact/organisations.js";
import { BALANCE_STATUSES, ENTRY_STATUSES } from "../domain/sroi/balance.js";
import { CONTRACT_TYPES } from "../domain/sroi/obligation.js";
import { TARGET_GROUP_EVIDENCE_KINDS } from "../domain/sroi/target-group.js";
import {
  fteSchema,
  hoursSchema,
  isoDateSchema,
  kvkSchema,
  moneySchema,
  nonNegativeMoneySchema,
  pageQuerySchema,
  psoLevelSchema,
  shareSchema,
  slugSchema,
  unitsSchema,
  versionNumberSchema,
} from "./common.js";
import { valuationLineSchema } from "./sroi.js";

const text = (max: number) => z.string().trim().min(1).max(max);

export const promiseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "lowercase letters, digits and hyphens"),
    kind: z.enum(["co2-ladder", "mki", "other"]),
    description: text(500),
    /** What was promised, e.g. "level 3" or "MKI EUR 120000". */
    promised: text(200),
    /** The advantage the promise gave at award (fictitious discount, avoided correction). */
    advantage: nonNegativeMoneySchema,
  })
  .strict();

export const commitmentSchema = z
  .object({ lines: z.array(valuationLineSchema).max(200), note: text(1000).optional() })
  .strict();

export const registerContractSchema = z
  .object({
    reference: text(100),
    title: text(300),
    supplierId: slugSchema,
    type: z.enum(CONTRACT_TYPES),
    value: nonNegativeMoneySchema,
    labourShare: shareSchema.optional(),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    awardDate: isoDateSchema.optional(),
    psoLevel: psoLevelSchema.optional(),
    /** Last day the PSO certificate is valid; one expiring during the contract earns its discount until then. */
    psoCertificateValidUntil: isoDateSchema.optional(),
    commitment: commitmentSchema.optional(),
    promises: z.array(promiseSchema).max(20).optional(),
  })
  .strict();

export const amendContractSchema = z
  .object({
    value: nonNegativeMoneySchema.optional(),
    endDate: isoDateSchema.optional(),
    labourShare: shareSchema.optional(),
    reason: text(1000),
    version: versionNumberSchema,
  })
  .strict();

export const updateCommitmentSchema = commitmentSchema.extend({ version: versionNumberSchema }).strict();

export const verifyPromiseSchema = z
  .object({
    status: z.enum(["met", "not-met", "partly-met"]),
    /** What was delivered, e.g. "level 2". */
    achieved: text(200).optional(),
    /** partly-met: the part of the advantage the delivery did earn. */
    earned: nonNegativeMoneySchema.optional(),
    note: text(1000).optional(),
    version: versionNumberSchema,
  })
  .strict();

export const settlementSchema = z
  .object({
    outcome: z.enum(["withheld", "invoiced", "waived"]),
    reason: text(2000),
    version: versionNumberSchema,
  })
  .strict();

export const listContractsQuery = pageQuerySchema.extend({ status: z.enum(BALANCE_STATUSES).optional() });

export const invoiceSchema = z
  .object({
    /** Named invoiceNumber so the request-wide BSN scan skips it (a structured identifier; see lib/domain/sroi/README.md, Privacy: BSN refusal). */
    invoiceNumber: text(100),
    date: isoDateSchema,
    amount: moneySchema,
    /** The vendor, a supplier organisation whose socialEnterprise evidence holds on the invoice date. */
    vendorKvk: kvkSchema,
    /** No longer taken: refused with a message saying where the qualification comes from now. */
    vendorQualification: z
      .never({
        error:
          "no longer taken: the qualification now comes from the vendor's organisation (its socialEnterprise, found by vendorKvk)",
      })
      .optional(),
  })
  .strict();

/** An invoice as stored and shown: the vendor's qualification as its organisation gave it at submission. */
export const storedInvoiceSchema = invoiceSchema
  .omit({ vendorQualification: true })
  .extend({ vendorQualification: z.enum(SOCIAL_ENTERPRISE_KINDS) })
  .strict();

/** Reporting period labels: 2025, 2025-H1, 2025-Q3, 2025-07. */
export const periodSchema = z
  .string()
  .regex(
    /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/,
    "a year (2025), half (2025-H1), quarter (2025-Q3) or month (2025-07)",
  );

export const entrySchema = z
  .object({
    blockId: z.string().min(1).max(64),
    candidateRef: z.string().trim().min(1).max(64).optional(),
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
    fte: fteSchema.optional(),
    hours: hoursSchema.optional(),
    units: unitsSchema.optional(),
    invoice: invoiceSchema.optional(),
    bonuses: z.array(z.string().min(1).max(64)).max(10).optional(),
    evidence: z.array(text(300)).max(20).default([]),
    /** Evidence of target-group membership on a labour line: its kind and date (not after today). */
    targetGroupEvidence: z
      .object({ kind: z.enum(TARGET_GROUP_EVIDENCE_KINDS), date: isoDateSchema })
      .strict()
      .optional(),
    period: periodSchema,
    note: text(1000).optional(),
  })
  .strict();

/** A transfer of realised value to another contract of the same supplier in the region (pooling). */
export const poolTransferSchema = z
  .object({
    toContractId: z.string().min(1).max(64),
    amount: moneySchema,
    reason: text(1000),
  })
  .strict();

export const reviewSchema = z.object({ decision: z.enum(["accept", "reject"]), reason: text(1000) }).strict();

export const reversalSchema = z.object({ reason: text(1000) }).strict();

export const listEntriesQuery = pageQuerySchema.extend({ status: z.enum(ENTRY_STATUSES).optional() });
/** The review queue lists submitted entries only; `status=submitted` says so explicitly. */
export const reviewQueueQuery = pageQuerySchema.extend({
  status: z.literal("submitted", { error: 'the queue holds entries awaiting review: "submitted"' }),
});

/** The invoiced turnover or wage bill of one reporting period, for a policy on that base. */
export const baseAmountSchema = z.object({ period: periodSchema, amount: nonNegativeMoneySchema }).strict();
