/**
 * Score correction: TENDER#<id> / SCORE-CORRECTION#<lot>#<correctionId> (the id starts with the
 * proposal time, so a tender's corrections read oldest first).
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import { DEFAULT_LOT, tenderPartition } from "./tender.js";

/** One criterion's score and justification, before or after a correction. */
export const scoreEntry = z.looseObject({
  criterionId: z.string(),
  score: z.number(),
  justification: z.string(),
});

// `lastOpId` tells a retry its own status change.
export const scoreCorrectionEntity = entity(
  "score correction",
  { pk: "TENDER#<tenderId>", sk: "SCORE-CORRECTION#<lot>#<correctionId>" },
  {
    id: z.string(),
    tenderId: z.string(),
    lotId: z.string(),
    bidId: z.string(),
    before: z.array(scoreEntry),
    after: z.array(scoreEntry),
    reason: z.string(),
    status: z.enum(["proposed", "applied", "withdrawn"]),
    proposedBy: z.string(),
    proposedAt: z.string(),
    approvedBy: z.string().nullable(),
    appliedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    lastOpId: z.string().optional(),
  },
);

const correctionPrefix = (lot: string) => `SCORE-CORRECTION#${lot}#`;

export const correctionKey = (tenderId: string, id: string, lot = DEFAULT_LOT) => ({
  pk: tenderPartition(tenderId),
  sk: `${correctionPrefix(lot)}${id}`,
});

export const scoreCorrectionQueries = {
  /** The corrections of one lot of a tender, oldest first. */
  ofTender: (tenderId: string, lot = DEFAULT_LOT) => ({
    pk: tenderPartition(tenderId),
    skBeginsWith: correctionPrefix(lot),
  }),
  /** The corrections of every lot of a tender, lot by lot. */
  ofAllLots: (tenderId: string) => ({ pk: tenderPartition(tenderId), skBeginsWith: "SCORE-CORRECTION#" }),
};
