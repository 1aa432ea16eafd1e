/** Response bodies of a contract's realisation entries: an entry, lists, the review queue, CSV uploads. */
import * as z from "zod";
import { ENTRY_STATUSES } from "../../domain/sroi/balance.js";
import { BLOCK_KINDS } from "../../domain/sroi/catalogue.js";
import { isoDateSchema, isoDateTimeSchema, moneySchema, pageOf } from "../common.js";
import { entrySchema, periodSchema, storedInvoiceSchema } from "../contracts.js";
import { catalogueRef, count, reviewRecord } from "./contracts.js";

export const entryResponse = z.strictObject({
  id: z.string(),
  contractId: z.string(),
  supplierId: z.string(),
  status: z.enum(ENTRY_STATUSES),
  blockId: z.string(),
  kind: z.enum(BLOCK_KINDS),
  targetGroup: z.string().nullable(),
  catalogue: catalogueRef,
  candidateRef: z.string().nullable(),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  fte: z.number().nullable(),
  hours: z.number().nullable(),
  units: z.number().nullable(),
  invoice: storedInvoiceSchema.nullable(),
  bonuses: z.array(z.string()),
  evidence: z.array(z.string()),
  /** Evidence of target-group membership (labour lines); null when none was named. */
  targetGroupEvidence: entrySchema.shape.targetGroupEvidence.unwrap().nullable(),
  period: periodSchema,
  note: z.string().optional(),
  /** Two decimals; the exact figures are in exactMonths. Negative on a reversal. */
  reportedMonths: z.number().nullable(),
  countedMonths: z.number().nullable(),
  value: moneySchema,
  formula: z.string(),
  reverses: z.string().nullable(),
  submittedAt: isoDateTimeSchema,
  submittedBy: z.string(),
  submittedByOrg: z.string(),
  review: reviewRecord.nullable(),
  /** "pending" until the entry's deltas are in the running totals. */
  totals: z.enum(["pending", "applied"]),
  /** Exact months as fractions ("165/31"). */
  exactMonths: z.strictObject({ reported: z.string(), counted: z.string().nullable() }).nullable(),
  /** In lists: a submitted entry pending longer than the policy's review days. */
  overdue: z.boolean().optional(),
  /** The operation of the entry's review (or of the review of the entry a reversal cancels). */
  reviewOpId: z.string().nullable().optional(),
});
export type EntryResponse = z.output<typeof entryResponse>;

export const entryListResponse = pageOf(entryResponse);

export const reviewQueueResponse = pageOf(
  entryResponse.extend({
    contractReference: z.string(),
    /** A labour line that names no target-group evidence: the reviewer asks for it. */
    missingTargetGroupEvidence: z.boolean(),
  }),
);

export const entryImportRowResponse = z.strictObject({
  row: count,
  status: z.literal("created"),
  entryId: z.string(),
  value: moneySchema,
});

export const entryImportResponse = z.strictObject({
  written: z.literal(true),
  results: z.array(entryImportRowResponse),
  maxRows: count,
});
export type EntryImportResponse = z.output<typeof entryImportResponse>;
