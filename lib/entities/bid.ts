/**
 * Bid: TENDER#<id> / BID#<lot>#<supplierId>, one per supplier and lot (the bid id is the supplier id).
 * Bidder count: TENDER#<id> / BIDDER-COUNT#<lot>, suppliers with a bid item (an ADD counter, `bidders`,
 * capped by a condition; never read back).
 */
import * as z from "zod";
import type { BidContent } from "../schemas/scoring.js";
import { entity } from "../store/entity.js";
import { domainObject } from "./parts.js";
import { DEFAULT_LOT, tenderPartition } from "./tender.js";

export const bidEntity = entity(
  "bid",
  { pk: "TENDER#<tenderId>", sk: "BID#<lot>#<bidId>" },
  {
    tenderId: z.string(),
    lotId: z.string(),
    bidId: z.string(),
    supplierId: z.string(),
    status: z.enum(["submitted", "withdrawn"]),
    content: domainObject<BidContent>("price"),
    submittedAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  },
);

/** Never read by the service; its schema says what the conditional ADD leaves (absent until the first bid). */
export const bidderCountEntity = entity(
  "bidder count",
  { pk: "TENDER#<tenderId>", sk: "BIDDER-COUNT#<lot>" },
  { bidders: z.number().int().optional() },
);

export const bidKey = (tenderId: string, bidId: string, lot = DEFAULT_LOT) => ({
  pk: tenderPartition(tenderId),
  sk: `BID#${lot}#${bidId}`,
});

export const bidderCountKey = (tenderId: string, lot = DEFAULT_LOT) => ({
  pk: tenderPartition(tenderId),
  sk: `BIDDER-COUNT#${lot}`,
});

export const bidQueries = {
  /** Every bid of one lot of a tender (submitted and withdrawn). */
  ofTender: (tenderId: string, lot = DEFAULT_LOT) => ({
    pk: tenderPartition(tenderId),
    skBeginsWith: `BID#${lot}#`,
  }),
};
