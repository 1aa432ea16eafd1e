import * as z from "zod";
import { TENDER_PHASES } from "../../domain/tenders.js";
import { LOT_STATUSES, MAX_LOTS } from "../../domain/lots.js";
import { TIME_ZONE } from "../../domain/amsterdam-time.js";
import { PROCEDURES } from "../../domain/procurement/procedure.js";
import { isoDateSchema, moneySchema, nonNegativeMoneySchema, pageOf, shareSchema } from "../common.js";
import { awardModelSchema, bidContentSchema, criterionSchema } from "../scoring.js";
import { createTenderSchema } from "../tenders.js";
import { digestResponse, engineVersionResponse, tableUseResponse } from "./scoring-result.js";

/**
 * What the tender routes answer: tenders in the view of their reader, bids, committee scores, score
 * corrections and evaluations.
 */

/** Instants are rendered in UTC: "2026-03-02T11:00:00.000Z". */
const instant = z.iso.datetime();
const subject = z.string().min(1);
const version = z.int().min(1);
const count = z.int().min(0);

// ---- tenders -----------------------------------------------------------------------------------

/** The award model as stored: the one the officer sent, with table versions pinned at publication. */
const awardModelResponse = awardModelSchema.extend({ criteria: z.array(criterionSchema).optional() });

const { reference, title, cpvCode, contractType, contractPeriod } = createTenderSchema.shape;
const estimatedValue = nonNegativeMoneySchema;

/** What every reader sees of a tender. */
const tenderShape = {
  id: z.string(),
  buyerId: z.string(),
  regionId: z.string(),
  reference,
  title,
  description: z.string().nullable(),
  cpvCode,
  estimatedValue,
  contractType,
  labourShare: shareSchema.nullable(),
  contractPeriod,
  /** The UTC instant; `submissionDeadlineLocal` is the same moment in Amsterdam time. */
  submissionDeadline: instant,
  awardModel: awardModelResponse,
  noImpactCriteriaReason: z
    .string()
    .nullable()
    .describe('Why a lowest-price tender has no social or sustainable criterion ("pas toe of leg uit").'),
  pricesSealedUntilQualityScored: z.boolean(),
  /** Whether the OCDS export shows every bid's value after the final award, or only the awarded bid's. */
  publishBidPrices: z.boolean(),
  standstillDays: count,
  /** The most lots one supplier may win; null: no cap. */
  maxLotsPerSupplier: z.int().min(1).nullable(),
  /** The stored status (once the bids are opened: that of the least advanced lot); `phase` adds "closed" once the deadline of a published tender has passed. */
  status: z.enum(TENDER_PHASES).exclude(["closed"]),
  createdAt: instant,
  version,
  /** Amsterdam wall-clock time: "2026-03-02T12:00:00". */
  submissionDeadlineLocal: z.iso.datetime({ local: true }),
  timeZone: z.literal(TIME_ZONE),
  phase: z.enum(TENDER_PHASES),
  procedure: z.enum(PROCEDURES),
  algemeneTermijnenwet: z.boolean(),
  /** Derived: the estimated value reaches the EU threshold in force at publication (today for a draft). */
  aboveEuThreshold: z.boolean(),
};

const intendedAwardShape = {
  bidId: z.string(),
  rank: z.int().min(1),
  /** Required when the bid is not the only one at the best rank under `maxLotsPerSupplier`. */
  reason: z.string().nullable(),
  at: instant,
  /** 00:00 Europe/Amsterdam of `finalAwardPossibleFrom`: the final award is refused before it. */
  standstillEndsAt: instant,
  /** The Amsterdam date from which the award may become final. */
  finalAwardPossibleFrom: isoDateSchema,
  /** Better-ranked bids whose supplier already won `maxLotsPerSupplier` earlier lots (absent on awards before lots). */
  passedOver: z
    .array(
      z.strictObject({ bidId: z.string(), supplierId: z.string(), rank: z.int().min(1), reason: z.string() }),
    )
    .optional(),
};

/**
 * A lot in a tender's view: its value, award model and where it stands (`status` null until the bids
 * are opened); `evaluation`, `intendedAward` and `award` as the view shows them at the top level,
 * which mirrors the primary lot ("1").
 */
const lotsOf = <E extends z.ZodType, I extends z.ZodType, A extends z.ZodType>(
  evaluation: E,
  intendedAward: I,
  award: A,
) =>
  z.array(
    z.strictObject({
      id: z.string(),
      title,
      estimatedValue,
      awardModel: awardModelResponse,
      status: z.enum(LOT_STATUSES).nullable(),
      evaluation,
      intendedAward,
      award,
    }),
  );

const internalEvaluation = z
  .strictObject({
    at: instant,
    by: subject,
    inputDigest: digestResponse,
    engineVersion: engineVersionResponse,
  })
  .nullable();
const internalIntendedAward = z.strictObject({ ...intendedAwardShape, by: subject }).nullable();
const internalAward = z
  .strictObject({
    at: instant,
    by: subject,
    bidId: z.string(),
    contractId: z.string(),
    /** The winning bid's price; absent on tenders awarded before it was recorded. */
    value: nonNegativeMoneySchema.optional(),
  })
  .nullable();

/** The buying officers, the region's auditors and admins: everything, with who did what. */
export const internalTenderResponse = z.strictObject({
  ...tenderShape,
  createdBy: subject,
  published: z.strictObject({ at: instant, by: subject, tables: z.array(tableUseResponse) }).nullable(),
  opened: z.strictObject({ at: instant, by: subject, bidCount: count }).nullable(),
  evaluation: internalEvaluation,
  intendedAward: internalIntendedAward,
  award: internalAward,
  lots: lotsOf(internalEvaluation, internalIntendedAward, internalAward),
  cancellation: z.strictObject({ reason: z.string(), at: instant, by: subject }).nullable(),
});

const publicAward = z
  .strictObject({ at: instant, bidId: z.string(), value: nonNegativeMoneySchema.nullable() })
  .nullable();

/** What a supplier without a submitted bid sees and a published award notice shows: no subject ids. */
const anonymousShape = {
  ...tenderShape,
  published: z.strictObject({ at: instant, tables: z.array(tableUseResponse) }).nullable(),
  cancellation: z.strictObject({ reason: z.string(), at: instant }).nullable(),
  /** The winner and the awarded value (null on tenders awarded before it was recorded). */
  award: publicAward,
};

export const publicTenderResponse = z.strictObject({
  ...anonymousShape,
  opened: z.strictObject({ at: instant }).nullable(),
  evaluation: z.null(),
  intendedAward: z.null(),
  lots: lotsOf(z.null(), z.null(), publicAward),
});

const bidderEvaluation = z
  .strictObject({ at: instant, inputDigest: digestResponse, engineVersion: engineVersionResponse })
  .nullable();
const bidderIntendedAward = z.strictObject(intendedAwardShape).nullable();

/** A supplier with a submitted bid: also the intended award and the evaluation's digest. */
export const bidderTenderResponse = z.strictObject({
  ...anonymousShape,
  opened: z.strictObject({ at: instant, bidCount: count }).nullable(),
  evaluation: bidderEvaluation,
  intendedAward: bidderIntendedAward,
  lots: lotsOf(bidderEvaluation, bidderIntendedAward, publicAward),
});

/** A publication warning: the procedure does not fit the value (never a refusal), with its source. */
export const publicationWarningResponse = z.strictObject({
  code: z.string(),
  message: z.string(),
  source: z.string(),
});

/** POST …/publish: the published tender and what publishing warned about. */
export const publishedTenderResponse = internalTenderResponse.extend({
  warnings: z.array(publicationWarningResponse),
});

/** GET /v1/tenders/{tenderId}: the view follows from the reader. */
export const tenderResponse = z.union([internalTenderResponse, bidderTenderResponse, publicTenderResponse]);

/** GET /v1/tenders: officers their municipality's tenders in full, suppliers the public view. */
export const tenderPageResponse = pageOf(z.union([internalTenderResponse, publicTenderResponse]));

export type InternalTenderResponse = z.output<typeof internalTenderResponse>;
export type PublishedTenderResponse = z.output<typeof publishedTenderResponse>;
export type PublicTenderResponse = z.output<typeof publicTenderResponse>;
export type TenderResponse = z.output<typeof tenderResponse>;
export type TenderPageResponse = z.output<typeof tenderPageResponse>;

// ---- bids and committee scores ---------------------------------------------------------------

/** A bid as stored; the bid id is the supplier's id. */
export const bidResponse = z.strictObject({
  tenderId: z.string(),
  lotId: z.string(),
  bidId: z.string(),
  supplierId: z.string(),
  status: z.enum(["submitted", "withdrawn"]),
  content: bidContentSchema,
  submittedAt: instant,
  updatedAt: instant,
  version,
});

export const committeeScoreResponse = z.strictObject({
  score: z.number(),
  justification: z.string(),
  at: instant,
  by: subject,
  /** Set when an approved score correction entered this score. */
  correctionId: z.string().optional(),
});

const scoresByCriterion = z.record(z.string(), committeeScoreResponse);

/** PUT …/bids/{bidId}/scores: the committee's scores of one bid (versioned). */
export const committeeScoresResponse = z.strictObject({
  tenderId: z.string(),
  lotId: z.string(),
  bidId: z.string(),
  scores: scoresByCriterion,
  /** The score corrections applied to these scores. */
  corrections: z.array(z.string()).optional(),
  version,
});

/** A bid as the officer reads it after opening: its money is null while prices are sealed. */
export const officerBidResponse = bidResponse.extend({
  content: bidContentSchema.extend({
    price: nonNegativeMoneySchema.nullable(),
    mki: nonNegativeMoneySchema.nullable().optional(),
    lcc: z.array(z.strictObject({ label: z.string(), amount: moneySchema.nullable() })).optional(),
  }),
  pricesSealed: z.boolean(),
  committeeScores: z.strictObject({ scores: scoresByCriterion, version }).nullable(),
});

/** GET …/bids/{bidId}: a supplier its own bid; the officer, after opening, any bid with its scores. */
export const bidReadResponse = z.union([bidResponse, officerBidResponse]);

/**
 * GET …/bids: a supplier its own bid (or none); the officer a count while the bids are sealed, and
 * every bid once they are opened.
 */
export const bidListResponse = z.union([
  z.strictObject({ count, sealed: z.literal(false), items: z.array(bidResponse).max(MAX_LOTS) }),
  z.strictObject({
    count,
    sealed: z.literal(false),
    pricesSealed: z.boolean(),
    items: z.array(officerBidResponse),
  }),
  z.strictObject({ count, sealed: z.literal(true), items: z.tuple([]) }),
]);

export type BidResponse = z.output<typeof bidResponse>;
export type CommitteeScoreResponse = z.output<typeof committeeScoreResponse>;
export type CommitteeScoresResponse = z.output<typeof committeeScoresResponse>;
export type OfficerBidResponse = z.output<typeof officerBidResponse>;
export type BidReadResponse = z.output<typeof bidReadResponse>;
export type BidListResponse = z.output<typeof bidListResponse>;

// ---- score corrections -----------------------------------------------------------------------

export const scoreEntryResponse = z.strictObject({
  criterionId: z.string(),
  score: z.number(),
  justification: z.string(),
});

/** A proposed change of a bid's frozen committee scores: proposed → applied | withdrawn. */
export const scoreCorrectionResponse = z.strictObject({
  /** Starts with the proposal time, so corrections list in the order they were proposed. */
  id: z.string(),
  tenderId: z.string(),
  lotId: z.string(),
  bidId: z.string(),
  /** The bid's scores on the corrected criteria when the correction was proposed. */
  before: z.array(scoreEntryResponse),
  after: z.array(scoreEntryResponse),
  reason: z.string(),
  status: z.enum(["proposed", "applied", "withdrawn"]),
  proposedBy: subject,
  proposedAt: instant,
  approvedBy: subject.nullable(),
  appliedAt: instant.nullable(),
  withdrawnAt: instant.nullable(),
});

export const scoreCorrectionPageResponse = pageOf(scoreCorrectionResponse);

export type ScoreEntryResponse = z.output<typeof scoreEntryResponse>;
export type ScoreCorrectionResponse = z.output<typeof scoreCorrectionResponse>;
