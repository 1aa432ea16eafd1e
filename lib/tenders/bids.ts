/**
 * Sealed bids: a supplier submits, replaces or withdraws its own bid before the deadline; at or
 * after it → 422. Reading bids: lib/tenders/bid-views.ts; opening and the committee's scores:
 * lib/tenders/committee-scores.ts. Stored as lib/entities/bid.ts and committee-scores.ts describe.
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, NotFound, RuleViolation } from "../domain/errors.js";
import { scoreBids } from "../domain/scoring/engine.js";
import { MAX_BIDS, tooManyBids } from "../domain/scoring/limits.js";
import type { AwardModel, Bid } from "../domain/scoring/types.js";
import type { Operation } from "../operation.js";
import { loadTablesFor } from "../scoring/reference-tables.js";
import { inBody } from "../scoring/simulate.js";
import type { BidContent } from "../schemas/scoring.js";
import type { ReplaceBidBody, SubmitBidBody } from "../schemas/tenders.js";
import { bidIdFor, parseBidId } from "../domain/lots.js";
import { bodyLot } from "./lots.js";
import type { BidResponse, CommitteeScoresResponse } from "../schemas/responses/tenders.js";
import { addCounters, incrementBelow } from "../store/counters.js";
import { createOnce, getItem, publicFields, updateVersioned } from "../store/ops.js";
import { queryAll } from "../store/paging.js";
import { bidderCountKey, bidEntity, bidKey, bidQueries } from "../entities/bid.js";
import { committeeScoresEntity, committeeScoresQueries } from "../entities/committee-scores.js";
import { DEFAULT_LOT } from "../entities/tender.js";
import { deadlineLocal, deadlinePassed, loadTender, type Tender } from "./tenders.js";

/** A bid as stored, and as the bid routes answer it. */
export type StoredBid = BidResponse;

/** The committee's scores of one bid; `corrections` lists those applied, so applying one is idempotent. */
export type StoredScores = CommitteeScoresResponse;

/** A stored bid without its key fields and bookkeeping. */
export const toBid = (item: unknown) => publicFields<StoredBid>(bidEntity.read(item) satisfies StoredBid);

/** Stored committee scores without their key fields and bookkeeping. */
export const toScores = (item: unknown) =>
  publicFields<StoredScores>(committeeScoresEntity.read(item) satisfies StoredScores);

export async function allBids(tenderId: string, lot = DEFAULT_LOT): Promise<StoredBid[]> {
  return (await queryAll(bidQueries.ofTender(tenderId, lot))).map(toBid);
}

export const submittedBids = async (tenderId: string, lot = DEFAULT_LOT) =>
  (await allBids(tenderId, lot)).filter((b) => b.status === "submitted");

/** Every submitted bid of the tender, lot by lot. */
export const submittedBidsOfAllLots = async (tender: Pick<Tender, "id" | "lots">) =>
  (await Promise.all(tender.lots.map((l) => submittedBids(tender.id, l.id)))).flat();

/** The stored item of a bid (its lot follows from its id); undefined when there is none. */
export const bidItem = (tenderId: string, bidId: string) =>
  getItem(bidKey(tenderId, bidId, parseBidId(bidId).lotId));

/** One submitted bid; a missing or withdrawn one is a 404. */
export async function submittedBid(tenderId: string, bidId: string): Promise<StoredBid> {
  const item = await bidItem(tenderId, bidId);
  const bid = item && toBid(item);
  if (bid?.status !== "submitted") throw new NotFound("bid");
  return bid;
}

export async function allScores(tenderId: string, lot = DEFAULT_LOT): Promise<Map<string, StoredScores>> {
  const items = (await queryAll(committeeScoresQueries.ofTender(tenderId, lot))).map(toScores);
  return new Map(items.map((i) => [i.bidId, i]));
}

function requireOpenForBids(tender: Tender, now: Date) {
  if (tender.status === "draft") throw new NotFound("tender");
  if (tender.status === "cancelled") throw new Conflict("The tender is cancelled.");
  if (deadlinePassed(tender, now) || tender.status !== "published") {
    throw new RuleViolation(
      "deadline-passed",
      `The submission deadline (${deadlineLocal(tender)}, Amsterdam time) has passed; no bid is accepted, replaced or withdrawn after it.`,
    );
  }
}

const requireSupplier = (op: Operation) => {
  if (op.actor.role !== "supplier") throw new NotFound("bid");
};

/** Checks a bid against the tender's frozen model now, so a bid that could never be scored is refused at once. */
async function checkScorable(model: AwardModel, supplierId: string, content: BidContent, at: string) {
  const criteria = model.criteria ?? [];
  const bid: Bid = {
    ...content,
    id: supplierId,
    submittedAt: at,
    qualityScores: Object.fromEntries(criteria.map((c) => [c.id, c.scale.max])),
  };
  const tables = await loadTablesFor(model);
  // The one bid's paths ("bids.0.price") are the body's ("body.price").
  inBody(
    () => scoreBids({ awardModel: model, bids: [bid] }, tables),
    (path) => path.replace(/^bids\.0/, "body"),
  );
}

/** A concurrent submission of the same supplier won the race: give back the place this one took. */
async function releaseOnConflict<T>(
  tenderId: string,
  lotId: string,
  tookPlace: boolean,
  create: () => Promise<T>,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (tookPlace && error instanceof Conflict)
      await addCounters(bidderCountKey(tenderId, lotId), { bidders: -1 });
    throw error;
  }
}

/** A first bid (or one after a lost answer): takes a bidder place, then creates the bid item. */
async function storeNewBid(
  op: Operation,
  tenderId: string,
  lotId: string,
  existing: StoredBid | undefined,
  content: BidContent,
  now: string,
): Promise<StoredBid> {
  const bidId = bidIdFor(op.actor.orgId, lotId);
  const key = bidKey(tenderId, bidId, lotId);
  // A new bidder takes one of the lot's MAX_BIDS places, so its evaluation can always run. A
  // counter with a condition: concurrent first bids cannot pass the cap together. (A crash between
  // the two writes costs a place on the retry: the cap errs on the safe side.)
  if (!existing && !(await incrementBelow(bidderCountKey(tenderId, lotId), "bidders", MAX_BIDS))) {
    throw tooManyBids("body");
  }
  return toBid(
    await releaseOnConflict(tenderId, lotId, existing === undefined, () =>
      createOnce(
        {
          ...key,
          lastOpId: op.opId,
          tenderId,
          lotId,
          bidId,
          supplierId: op.actor.orgId,
          status: "submitted",
          content,
          submittedAt: now,
          updatedAt: now,
          version: 1,
        },
        "Your bid",
      ),
    ),
  );
}

/** A supplier's bid on one lot (`lotId`, default "1"); it may bid on several lots, once on each. */
export async function submitBid(op: Operation, tenderId: string, body: SubmitBidBody): Promise<StoredBid> {
  requireSupplier(op);
  const tender = await loadTender(op.actor, tenderId);
  requireOpenForBids(tender, op.now);
  const { lotId: _lotId, ...content } = body;
  const lot = bodyLot(tender, body.lotId);
  await checkScorable(lot.awardModel, op.actor.orgId, content, op.now.toISOString());
  const key = bidKey(tenderId, bidIdFor(op.actor.orgId, lot.id), lot.id);
  const found = await getItem(key);
  const existing = found && bidEntity.read(found);
  const now = op.now.toISOString();
  let bid: StoredBid;
  if (existing && existing.status === "submitted" && existing.lastOpId !== op.opId) {
    throw new Conflict(
      `You already have a bid on ${tender.lots.length > 1 ? `lot ${lot.id} of ` : ""}this tender; replace it with PUT or withdraw it first.`,
    );
  }
  if (existing && existing.status === "withdrawn") {
    bid = toBid(
      await updateVersioned(
        key,
        existing.version,
        { status: "submitted", content, submittedAt: now, updatedAt: now },
        op.opId,
      ),
    );
  } else {
    bid = await storeNewBid(op, tenderId, lot.id, existing, content, now);
  }
  await appendAudit(op, {
    entityType: "bid",
    entityId: `${tenderId}/${bid.bidId}`,
    action: "bid.submitted",
    after: bid,
    regionId: tender.regionId,
    once: `v${bid.version}`,
  });
  return bid;
}

async function loadOwnBid(op: Operation, tenderId: string, bidId: string) {
  requireSupplier(op);
  const { supplierId, lotId } = parseBidId(bidId);
  if (supplierId !== op.actor.orgId) throw new NotFound("bid");
  const tender = await loadTender(op.actor, tenderId);
  const item = await getItem(bidKey(tenderId, bidId, lotId));
  if (!item) throw new NotFound("bid");
  const lot = tender.lots.find((l) => l.id === lotId);
  if (!lot) throw new NotFound("bid");
  return { tender, lot, bid: toBid(item) };
}

export async function replaceBid(
  op: Operation,
  tenderId: string,
  bidId: string,
  change: ReplaceBidBody,
): Promise<StoredBid> {
  const { tender, lot, bid: before } = await loadOwnBid(op, tenderId, bidId);
  requireOpenForBids(tender, op.now);
  if (before.status !== "submitted") throw new Conflict("The bid is withdrawn; submit a new one with POST.");
  const { version, ...content } = change;
  await checkScorable(lot.awardModel, bidId, content, op.now.toISOString());
  const now = op.now.toISOString();
  const after = toBid(
    await updateVersioned(
      bidKey(tenderId, bidId, lot.id),
      version,
      { content, submittedAt: now, updatedAt: now },
      op.opId,
    ),
  );
  await appendAudit(op, {
    entityType: "bid",
    entityId: `${tenderId}/${bidId}`,
    action: "bid.replaced",
    before,
    after,
    regionId: tender.regionId,
    once: `v${after.version}`,
  });
  return after;
}

export async function withdrawBid(op: Operation, tenderId: string, bidId: string): Promise<StoredBid> {
  const { tender, lot, bid: before } = await loadOwnBid(op, tenderId, bidId);
  requireOpenForBids(tender, op.now);
  if (before.status === "withdrawn") return before;
  const after = toBid(
    await updateVersioned(
      bidKey(tenderId, bidId, lot.id),
      before.version,
      { status: "withdrawn", updatedAt: op.now.toISOString() },
      op.opId,
    ),
  );
  await appendAudit(op, {
    entityType: "bid",
    entityId: `${tenderId}/${bidId}`,
    action: "bid.withdrawn",
    before,
    after,
    regionId: tender.regionId,
    once: `v${after.version}`,
  });
  return after;
}
