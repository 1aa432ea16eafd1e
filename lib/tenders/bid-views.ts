/**
 * Reading bids: a supplier its own; the officer a count until opening, then every bid with its
 * committee scores (money sealed until all quality is scored when the tender says so).
 */
import { Conflict, NotFound } from "../domain/errors.js";
import type { Actor } from "../operation.js";
import { bidKey } from "../entities/bid.js";
import { getItem } from "../store/ops.js";
import { allScores, type StoredBid, type StoredScores, submittedBids, toBid } from "./bids.js";
import { isOpened, qualityComplete } from "./committee-scores.js";
import { loadTender } from "./tenders.js";
import type { BidListResponse, BidReadResponse, OfficerBidResponse } from "../schemas/responses/tenders.js";

/** A bid as the officer reads it after opening; its money fields stay sealed until quality is scored when the tender says so. */
function officerView(
  bid: StoredBid,
  scores: StoredScores | undefined,
  pricesSealed: boolean,
): OfficerBidResponse {
  const { content, ...rest } = bid;
  const sealedContent = pricesSealed
    ? {
        ...content,
        price: null,
        ...(content.lcc ? { lcc: content.lcc.map((l) => ({ label: l.label, amount: null })) } : {}),
        ...(content.mki ? { mki: null } : {}),
      }
    : content;
  return {
    ...rest,
    content: sealedContent,
    pricesSealed,
    committeeScores: scores ? { scores: scores.scores, version: scores.version } : null,
  };
}

/**
 * GET …/bids. A supplier reads only its own bid; the officer sees a count until the bids are opened,
 * then every bid (money sealed until all quality is scored when the tender says so).
 */
export async function listBids(actor: Actor, tenderId: string): Promise<BidListResponse> {
  const tender = await loadTender(actor, tenderId);
  if (actor.role === "supplier") {
    const item = await getItem(bidKey(tenderId, actor.orgId));
    const own = item ? [toBid(item)] : [];
    return { count: own.length, sealed: false, items: own };
  }
  const bids = await submittedBids(tenderId);
  if (actor.role === "officer" && isOpened(tender)) {
    const scores = await allScores(tenderId);
    const sealed = tender.pricesSealedUntilQualityScored && !qualityComplete(tender, bids, scores);
    return {
      count: bids.length,
      sealed: false,
      pricesSealed: sealed,
      items: bids.map((b) => officerView(b, scores.get(b.bidId), sealed)),
    };
  }
  return { count: bids.length, sealed: true, items: [] };
}

export async function getBid(actor: Actor, tenderId: string, bidId: string): Promise<BidReadResponse> {
  const tender = await loadTender(actor, tenderId);
  if (actor.role === "supplier") {
    if (bidId !== actor.orgId) throw new NotFound("bid");
    const item = await getItem(bidKey(tenderId, bidId));
    if (!item) throw new NotFound("bid");
    return toBid(item);
  }
  if (actor.role !== "officer") throw new NotFound("bid");
  if (!isOpened(tender)) {
    throw new Conflict("Bids are sealed until the officer opens them after the submission deadline.");
  }
  const bids = await submittedBids(tenderId);
  const bid = bids.find((b) => b.bidId === bidId);
  if (!bid) throw new NotFound("bid");
  const scores = await allScores(tenderId);
  const sealed = tender.pricesSealedUntilQualityScored && !qualityComplete(tender, bids, scores);
  return officerView(bid, scores.get(bidId), sealed);
}
