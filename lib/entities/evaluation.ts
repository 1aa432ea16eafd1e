/**
 * Evaluation run: TENDER#<id> / EVALUATION#<lot>#<at>#<opId>, one item per run (append-only); the
 * tender's `evaluation.run` holds the sort key of its latest.
 */
import * as z from "zod";
import type { ScoringInput, ScoringResult } from "../domain/scoring/types.js";
import { entity } from "../store/entity.js";
import { domainObject } from "./parts.js";
import { scoreEntry } from "./score-correction.js";
import { DEFAULT_LOT, tenderPartition } from "./tender.js";

const amendment = z.looseObject({
  correctionId: z.string(),
  bidId: z.string(),
  before: z.array(scoreEntry),
  after: z.array(scoreEntry),
  reason: z.string(),
  proposedBy: z.string(),
  approvedBy: z.string(),
  appliedAt: z.string(),
});

// Runs stored before score corrections existed have neither `amendedAfterPriceReveal` nor `corrections`.
export const evaluationEntity = entity(
  "evaluation",
  { pk: "TENDER#<tenderId>", sk: "EVALUATION#<lot>#<at>#<opId>" },
  {
    tenderId: z.string(),
    lotId: z.string(),
    at: z.string(),
    by: z.string(),
    input: domainObject<ScoringInput>("awardModel", "bids"),
    result: domainObject<ScoringResult>("engineVersion", "inputDigest", "ranking"),
    amendedAfterPriceReveal: z.boolean().optional(),
    corrections: z.array(amendment).optional(),
  },
);

/** The sort key of one run, which the tender records as `evaluation.run`. */
export const evaluationRun = (at: string, opId: string, lot = DEFAULT_LOT) =>
  `EVALUATION#${lot}#${at}#${opId}`;

export const evaluationKey = (tenderId: string, run: string) => ({ pk: tenderPartition(tenderId), sk: run });

export const evaluationQueries = {
  /** Every run of one lot of a tender, oldest first. */
  ofTender: (tenderId: string, lot = DEFAULT_LOT) => ({
    pk: tenderPartition(tenderId),
    skBeginsWith: `EVALUATION#${lot}#`,
  }),
};
