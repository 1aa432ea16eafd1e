/**
 * Committee scores: TENDER#<id> / SCORES#<lot>#<bidId>, the committee's scores of one bid per criterion
 * (versioned), with the score corrections applied to them.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import { DEFAULT_LOT, tenderPartition } from "./tender.js";

const committeeScore = z.looseObject({
  score: z.number(),
  justification: z.string(),
  at: z.string(),
  by: z.string(),
  correctionId: z.string().optional(),
});

// `corrections` is added by the first applied correction.
export const committeeScoresEntity = entity(
  "committee scores",
  { pk: "TENDER#<tenderId>", sk: "SCORES#<lot>#<bidId>" },
  {
    tenderId: z.string(),
    lotId: z.string(),
    bidId: z.string(),
    scores: z.record(z.string(), committeeScore),
    version: z.number().int(),
    corrections: z.array(z.string()).optional(),
  },
);

export const scoresKey = (tenderId: string, bidId: string, lot = DEFAULT_LOT) => ({
  pk: tenderPartition(tenderId),
  sk: `SCORES#${lot}#${bidId}`,
});

export const committeeScoresQueries = {
  /** The scores of every scored bid of one lot of a tender. */
  ofTender: (tenderId: string, lot = DEFAULT_LOT) => ({
    pk: tenderPartition(tenderId),
    skBeginsWith: `SCORES#${lot}#`,
  }),
};
