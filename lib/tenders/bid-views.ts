/**
 * Reading bids: a supplier its own; the officer a count until opening, then every bid with its
 * committee scores (money sealed until all quality is scored when the tender says so).
 */
import { Conflict, NotFound } from "../domain/errors.js";
import type { Actor } from "../operation.js";
import { bidKey } from "../entities/bid.js";
import { getItem } from "../store/ops.js";
import { bidIdFor, parseBidId } from "../domain/lots.js";
import { allScores, type StoredBid, type StoredScores, submittedBids, toBid } from "./bids.js";
import { isOpened, qualityComplete } from "./committee-scores.js";
import { type Lot, loadTender, type Tender } from "./tenders.js";
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

/** A lot's submitted bids and scores, and whether its prices are still sealed. */
async function lotBids(tender: Tender, lot: Lot) {
  const bids = await submittedBids(tender.id, lot.id);
  const scores = await allScores(tender.id, lot.id);
  const sealed = tender.pricesSealedUntilQualityScored && !qualityComplete(lot, bids, scores);
  return { bids, scores, sealed };
}

/**
 * GET …/bids. A supplier reads only its own bids (one per lot); the officer sees a count until the
 * bids are opened, then every bid of every lot (money sealed until all quality of its lot is scored
 * when the tender says so).
 */
export async function listBids(actor: Actor, tenderId: string): Promise<BidListResponse> {
  const tender = await loadTender(actor, tenderId);
  if (actor.role === "supplier") {
    const items = await Promise.all(
      tender.lots.map((l) => getItem(bidKey(tenderId, bidIdFor(actor.orgId, l.id), l.id))),
    );
    const own = items.filter((i) => i !== undefined).map(toBid);
    return { count: own.length, sealed: false, items: own };
  }
  if (actor.role === "officer" && isOpened(tender)) {
    const lots = await Promise.all(tender.lots.map((l) => lotBids(tender, l)));
    return {
      count: lots.reduce((n, l) => n + l.bids.length, 0),
      sealed: false,
      pricesSealed: lots.some((l) => l.sealed),
      items: lots.flatMap((l) => l.bids.map((b) => officerView(b, l.scores.get(b.bidId), l.sealed))),
    };
  }
  const counts = await Promise.all(tender.lots.map((l) => submittedBids(tenderId, l.id)));
  return { count: counts.reduce((n, bids) => n + bids.length, 0), sealed: true, items: [] };
}

export async function getBid(actor: Actor, tenderId: string, bidId: string): Promise<BidReadResponse> {
  const tender = await loadTender(actor, tenderId);
  const { supplierId, lotId } = parseBidId(bidId);
  const lot = tender.lots.find((l) => l.id === lotId);
  if (!lot) throw new NotFound("bid");
  if (actor.role === "supplier") {
    if (supplierId !== actor.orgId) throw new NotFound("bid");
    const item = await getItem(bidKey(tenderId, bidId, lotId));
    if (!item) throw new NotFound("bid");
    return toBid(item);
  }
  if (actor.role !== "officer") throw new NotFound("bid");
  if (!isOpened(tender)) {
    throw new Conflict("Bids are sealed until the officer opens them after the submission deadline.");
  }
  const { bids, scores, sealed } = await lotBids(tender, lot);
  const bid = bids.find((b) => b.bidId === bidId);
  if (!bid) throw new NotFound("bid");
  return officerView(bid, scores.get(bidId), sealed);
}
