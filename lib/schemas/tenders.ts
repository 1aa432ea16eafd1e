import * as z from "zod";
import { MAX_CRITERIA } from "../domain/scoring/limits.js";
import { LOT_ID_PATTERN, MAX_LOTS } from "../domain/lots.js";
import { CONTRACT_TYPES } from "../domain/sroi/obligation.js";
import { parseDeadline } from "../domain/amsterdam-time.js";
import { PROCEDURES } from "../domain/procurement/procedure.js";
import {
  isoDateSchema,
  MAX_SCALE,
  nonNegativeMoneySchema,
  numberIn,
  pageQuerySchema,
  shareSchema,
  versionNumberSchema,
} from "./common.js";
import { awardModelSchema, bidContentSchema } from "./scoring.js";

/** Tenders, bids, committee scores and awards on the wire. */

/** Amsterdam wall-clock time ("2026-03-01T12:00") or an instant with an offset. */
export const deadlineSchema = z.string().superRefine((value, ctx) => {
  try {
    parseDeadline(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
  }
});

const tenderFields = {
  reference: z.string().trim().min(1).max(100),
  title: z.string().trim().min(3).max(300),
  description: z.string().max(10_000).optional(),
  cpvCode: z.string().regex(/^\d{8}(-\d)?$/, "a CPV code like 45233140-2"),
  estimatedValue: nonNegativeMoneySchema,
  contractType: z.enum(CONTRACT_TYPES),
  /** Share of labour in the contract value, 0–1 (social-return rules for supplies). */
  labourShare: shareSchema.nullable().optional(),
  contractPeriod: z.object({ startDate: isoDateSchema, endDate: isoDateSchema }).strict(),
  submissionDeadline: deadlineSchema,
  awardModel: awardModelSchema,
  /** Prices stay hidden from the officer until every bid's quality is scored. */
  pricesSealedUntilQualityScored: z.boolean().optional(),
  /**
   * Whether the OCDS export shows every bid's value after the final award (default false: only the
   * awarded bid's, with the lowest and highest valid bid values).
   */
  publishBidPrices: z.boolean().optional(),
  /**
   * Calendar days of the standstill after the intended award (default 20); above the EU threshold at
   * least 20 (422 standstill-too-short).
   */
  standstillDays: numberIn("standstill days", { min: 0, max: 365, int: true }).optional(),
  /** The procurement procedure (default "open"); a national or private one above the EU threshold is refused at publish. */
  procedure: z.enum(PROCEDURES).optional(),
  /** Whether a standstill ending on a Saturday, Sunday or public holiday runs to the next working day (default true). */
  algemeneTermijnenwet: z.boolean().optional(),
  /**
   * Why a lowest-price tender has no social or sustainable criterion ("pas toe of leg uit"): required to
   * publish one (lib/domain/impact/README.md); null clears it on a draft.
   */
  noImpactCriteriaReason: z.string().trim().min(10).max(2000).nullable().optional(),
};

export const lotIdSchema = z
  .string()
  .regex(LOT_ID_PATTERN, "1-20 letters, digits or hyphens")
  .describe("A lot's id; lots are awarded in the order of their ids (as numbers when both are digits).");

/** One lot: its own value and award model (its social-return requirement is `awardModel.socialReturn`). */
export const lotSchema = z
  .object({
    id: lotIdSchema,
    title: tenderFields.title,
    estimatedValue: nonNegativeMoneySchema,
    awardModel: awardModelSchema,
  })
  .strict();

/**
 * Lots: without them a tender has one lot "1" of its title, value and award model; with them the
 * top-level award model is optional and the value is the sum of the lots' values (derived when absent).
 */
const lotFields = {
  lots: z.array(lotSchema).min(1).max(MAX_LOTS).optional(),
  /** The most lots one supplier may win (at most the number of lots). */
  maxLotsPerSupplier: numberIn("lots per supplier", { min: 1, max: MAX_LOTS, int: true })
    .nullable()
    .optional(),
};

export const createTenderSchema = z
  .object({
    ...tenderFields,
    estimatedValue: tenderFields.estimatedValue.optional(),
    awardModel: tenderFields.awardModel.optional(),
    ...lotFields,
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.lots) return;
    for (const field of ["estimatedValue", "awardModel"] as const)
      if (body[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "required (or send `lots`)" });
  });

/** An edit of a draft; `version` is the one the client read (stale → 409). */
export const updateTenderSchema = z
  .object({ ...tenderFields, ...lotFields, version: versionNumberSchema })
  .partial()
  .required({ version: true })
  .strict();

/** Optional: the version the officer read (stale → 409); without it the current version is published. */
export const publishTenderSchema = z.object({ version: versionNumberSchema.optional() }).strict().optional();

export const cancelTenderSchema = z.object({ reason: z.string().trim().min(5).max(2000) }).strict();

/** `reference`: only the tenders with this reference (a key lookup, not a filter over pages). */
export const listTendersQuery = pageQuerySchema.extend({ reference: tenderFields.reference.optional() });

/** GET …/evaluation: `?verify=true` recomputes the stored result and reports whether it is the same. */
export const evaluationQuery = z
  .object({
    verify: z
      .enum(["true", "false"])
      .default("false")
      .describe("true: run the engine again on the stored input and add `verification`."),
  })
  .strict();

/** `lotId`: the lot the bid is for (default "1"). */
export const submitBidSchema = bidContentSchema.extend({ lotId: lotIdSchema.optional() }).strict();
export const replaceBidSchema = bidContentSchema.extend({ version: versionNumberSchema }).strict();

export const committeeScoresSchema = z
  .object({
    scores: z
      .array(
        z
          .object({
            criterionId: z.string().min(1).max(100),
            score: numberIn("a score", { min: -MAX_SCALE, max: MAX_SCALE }),
            justification: z.string().trim().min(3).max(5000),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_CRITERIA),
    /** Absent for the first scores of a bid; afterwards the version read (stale → 409). */
    version: versionNumberSchema.optional(),
  })
  .strict();

/** A change of a bid's committee scores after the prices were revealed; a second officer approves it. */
export const scoreCorrectionSchema = z
  .object({
    bidId: z.string().min(1).max(100),
    scores: committeeScoresSchema.shape.scores,
    reason: z.string().trim().min(1, "a reason is required").max(2000),
  })
  .strict();

export const listScoreCorrectionsQuery = pageQuerySchema;

/**
 * `bidId` absent: the best-ranked compliant bid whose supplier is under `maxLotsPerSupplier`.
 * `reason`: required for another bid than that one (or one sharing its rank with a drawing of lots).
 */
export const intendedAwardSchema = z
  .object({
    bidId: z.string().min(1).max(200).optional(),
    reason: z.string().trim().min(5).max(2000).optional(),
  })
  .strict();

export type CreateTenderBody = z.infer<typeof createTenderSchema>;
export type ListTendersQuery = z.infer<typeof listTendersQuery>;
export type SubmitBidBody = z.infer<typeof submitBidSchema>;
export type ReplaceBidBody = z.infer<typeof replaceBidSchema>;
export type IntendedAwardBody = z.infer<typeof intendedAwardSchema>;
export type UpdateTenderBody = z.infer<typeof updateTenderSchema>;
export type CommitteeScoresBody = z.infer<typeof committeeScoresSchema>;
export type ScoreCorrectionBody = z.infer<typeof scoreCorrectionSchema>;
