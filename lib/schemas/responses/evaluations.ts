/** What the evaluation routes answer: evaluation runs, officers' and bidders' views, score amendments. */
import * as z from "zod";
import { METHODS } from "../../domain/scoring/types.js";
import { isoDateSchema } from "../common.js";
import {
  bidRemovalResponse,
  digestResponse,
  engineVersionResponse,
  qualityLineResponse,
  rankedBidResponse,
  removalEffectV2Response,
  robustnessResponse,
  scoringResultResponse,
} from "./scoring-result.js";
import { internalTenderResponse, scoreEntryResponse } from "./tenders.js";

const instant = z.iso.datetime();
const subject = z.string().min(1);
const _version = z.int().min(1);
const _count = z.int().min(0);

/** A score correction as an evaluation records it. */
export const amendmentResponse = z.strictObject({
  correctionId: z.string(),
  bidId: z.string(),
  before: z.array(scoreEntryResponse),
  after: z.array(scoreEntryResponse),
  reason: z.string(),
  proposedBy: subject,
  approvedBy: subject,
  appliedAt: instant,
});

/** Engine 1.0.0 listed the whole ranking with each bid removed; its evaluations are read as stored. */
const removalEffectV1 = z.strictObject({
  removedBidId: z.string(),
  ranking: z.array(z.strictObject({ bidId: z.string(), rank: z.int().min(1) })),
  reversals: z.array(z.strictObject({ nowAhead: z.string(), nowBehind: z.string() })),
});

/** A stored result: the current engine's, or an earlier engine's read as it was stored. */
const storedResultShape = scoringResultResponse.extend({
  robustness: robustnessResponse.extend({
    bidRemoval: z
      .union([bidRemovalResponse, z.array(z.union([removalEffectV2Response, removalEffectV1]))])
      .nullable(),
  }),
}).shape;

const evaluationRunShape = {
  tenderId: z.string(),
  at: instant,
  by: subject,
  ...storedResultShape,
  /** True when committee scores were corrected after the prices were revealed; `corrections` says how. */
  amendedAfterPriceReveal: z.boolean(),
  corrections: z.array(amendmentResponse),
};

/** POST …/evaluation: the stored run. */
export const evaluationRunResponse = z.strictObject(evaluationRunShape);

/** GET …/evaluation for the buying officer, the region's auditors and admins: the whole result. */
export const officerEvaluationResponse = z.strictObject({
  ...evaluationRunShape,
  intendedAward: internalTenderResponse.shape.intendedAward,
  /** A score correction was applied after this evaluation: evaluate again before awarding. */
  stale: z.boolean(),
  /** With `?verify=true` only: the result recomputed from the stored input and the pinned tables. */
  verification: z
    .strictObject({
      engineVersion: engineVersionResponse,
      inputDigest: digestResponse,
      digestMatches: z.boolean(),
      identical: z.boolean(),
      /** A result of an earlier engine version, compared on the fields both versions share; null when unknown. */
      sharedFields: z.strictObject({ identical: z.boolean(), notCompared: z.array(z.string()) }).nullable(),
      note: z.string(),
    })
    .optional(),
});

/** An officer as a bidder reads it: a label valid within this evaluation only. */
const pseudonymousOfficer = z.strictObject({ role: z.literal("officer"), label: z.string() });
const scoreOnly = z.strictObject({ criterionId: z.string(), score: z.number() });

/** GET …/evaluation for a bidder after the intended award: its own evaluation and the winner's scores. */
export const bidderEvaluationResponse = z.strictObject({
  tenderId: z.string(),
  engineVersion: engineVersionResponse,
  inputDigest: digestResponse,
  method: z.enum(METHODS),
  intendedAward: z.strictObject({
    bidId: z.string(),
    at: instant,
    standstillEndsAt: instant,
    finalAwardPossibleFrom: isoDateSchema,
  }),
  own: rankedBidResponse,
  winner: z.strictObject({
    bidId: z.string(),
    rank: z.int().min(1).nullable(),
    totalScore: z.number().nullable(),
    quality: z.array(qualityLineResponse),
    qualityPoints: z.number().nullable(),
    socialReturnPoints: z.number().nullable(),
  }),
  amendedAfterPriceReveal: z.boolean(),
  /** No justifications, and no bid id but the reader's own and the winner's. */
  corrections: z.array(
    z.strictObject({
      correctionId: z.string(),
      bid: z.enum(["own", "winner", "other"]),
      bidId: z.string().nullable(),
      before: z.array(scoreOnly),
      after: z.array(scoreOnly),
      reason: z.string(),
      proposedBy: pseudonymousOfficer,
      approvedBy: pseudonymousOfficer,
      appliedAt: instant,
    }),
  ),
});

export const evaluationResponse = z.union([officerEvaluationResponse, bidderEvaluationResponse]);

export type AmendmentResponse = z.output<typeof amendmentResponse>;
export type EvaluationRunResponse = z.output<typeof evaluationRunResponse>;
export type OfficerEvaluationResponse = z.output<typeof officerEvaluationResponse>;
export type BidderEvaluationResponse = z.output<typeof bidderEvaluationResponse>;
export type EvaluationResponse = z.output<typeof evaluationResponse>;
