/**
 * Sealed bids and committee scores.
 * - A supplier submits, replaces or withdraws its own bid before the deadline; at or after it → 422.
 * - Before the bids are opened nobody but the bidder reads a bid; the officer sees a count.
 * - A supplier never sees another supplier's bid (404).
 * - After the deadline the officer opens the bids and enters the committee's score per criterion,
 *   each with a justification; prices stay hidden until every bid is scored when the tender says so,
 *   and from that moment the scores are frozen: only an approved score correction changes them.
 *
 * Keys: TENDER#<id> / BID#<lot>#<supplierId>      one bid per supplier and lot (the bid id is the supplier id)
 *       TENDER#<id> / SCORES#<lot>#<bidId>        the committee's scores of one bid (versioned)
 *       TENDER#<id> / BIDDER-COUNT#<lot>          suppliers with a bid item, capped at MAX_BIDS
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import { scoreBids } from "../domain/scoring/engine.js";
import { MAX_BIDS, tooManyBids } from "../domain/scoring/limits.js";
import type { Bid, Criterion } from "../domain/scoring/types.js";
import type { Actor, Operation } from "../operation.js";
import { loadTablesFor } from "../scoring/reference-tables.js";
import { inBody } from "../scoring/simulate.js";
import type { BidContent } from "../schemas/scoring.js";
import type { CommitteeScoresBody } from "../schemas/tenders.js";
import {
  addCounters,
  createOnce,
  getItem,
  incrementBelow,
  publicFields,
  queryAll,
  updateVersioned,
} from "../store/ops.js";
import {
  DEFAULT_LOT,
  deadlineLocal,
  deadlinePassed,
  loadOwnTender,
  loadTender,
  type Tender,
  transition,
} from "./tenders.js";

export interface StoredBid {
  tenderId: string;
  lotId: string;
  bidId: string;
  supplierId: string;
  status: "submitted" | "withdrawn";
  content: BidContent;
  submittedAt: string;
  updatedAt: string;
  version: number;
}

export interface CommitteeScore {
  score: number;
  justification: string;
  at: string;
  by: string;
  /** Set when an approved score correction entered this score. */
  correctionId?: string;
}

export interface StoredScores {
  tenderId: string;
  lotId: string;
  bidId: string;
  scores: Record<string, CommitteeScore>;
  /** The score corrections applied to these scores, so applying one is idempotent. */
  corrections?: string[];
  version: number;
}

export const bidKey = (tenderId: string, bidId: string, lot = DEFAULT_LOT) => ({
  pk: `TENDER#${tenderId}`,
  sk: `BID#${lot}#${bidId}`,
});
export const scoresKey = (tenderId: string, bidId: string, lot = DEFAULT_LOT) => ({
  pk: `TENDER#${tenderId}`,
  sk: `SCORES#${lot}#${bidId}`,
});
export const bidderCountKey = (tenderId: string, lot = DEFAULT_LOT) => ({
  pk: `TENDER#${tenderId}`,
  sk: `BIDDER-COUNT#${lot}`,
});

export async function allBids(tenderId: string, lot = DEFAULT_LOT): Promise<StoredBid[]> {
  const items = await queryAll<StoredBid>({ pk: `TENDER#${tenderId}`, skBeginsWith: `BID#${lot}#` });
  return items.map((i) => publicFields<StoredBid>(i));
}

export const submittedBids = async (tenderId: string) =>
  (await allBids(tenderId)).filter((b) => b.status === "submitted");

/** One submitted bid; a missing or withdrawn one is a 404. */
export async function submittedBid(tenderId: string, bidId: string): Promise<StoredBid> {
  const item = await getItem<StoredBid>(bidKey(tenderId, bidId));
  if (item?.status !== "submitted") throw new NotFound("bid");
  return publicFields<StoredBid>(item);
}

export async function allScores(tenderId: string, lot = DEFAULT_LOT): Promise<Map<string, StoredScores>> {
  const items = await queryAll<StoredScores>({ pk: `TENDER#${tenderId}`, skBeginsWith: `SCORES#${lot}#` });
  return new Map(items.map((i) => [i.bidId, publicFields<StoredScores>(i)]));
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
async function checkScorable(tender: Tender, supplierId: string, content: BidContent, at: string) {
  const criteria = tender.awardModel.criteria ?? [];
  const bid: Bid = {
    ...content,
    id: supplierId,
    submittedAt: at,
    qualityScores: Object.fromEntries(criteria.map((c) => [c.id, c.scale.max])),
  };
  const tables = await loadTablesFor(tender.awardModel);
  // The one bid's paths ("bids.0.price") are the body's ("body.price").
  inBody(
    () => scoreBids({ awardModel: tender.awardModel, bids: [bid] }, tables),
    (path) => path.replace(/^bids\.0/, "body"),
  );
}

/** A concurrent submission of the same supplier won the race: give back the place this one took. */
async function releaseOnConflict<T>(
  tenderId: string,
  tookPlace: boolean,
  create: () => Promise<T>,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (tookPlace && error instanceof Conflict) await addCounters(bidderCountKey(tenderId), { bidders: -1 });
    throw error;
  }
}

export async function submitBid(op: Operation, tenderId: string, content: BidContent): Promise<StoredBid> {
  requireSupplier(op);
  const tender = await loadTender(op.actor, tenderId);
  requireOpenForBids(tender, op.now);
  await checkScorable(tender, op.actor.orgId, content, op.now.toISOString());
  const key = bidKey(tenderId, op.actor.orgId);
  const existing = await getItem<StoredBid>(key);
  const now = op.now.toISOString();
  let bid: StoredBid;
  if (
    existing &&
    existing.status === "submitted" &&
    (existing as { lastOpId?: string }).lastOpId !== op.opId
  ) {
    throw new Conflict("You already have a bid on this tender; replace it with PUT or withdraw it first.");
  }
  if (existing && existing.status === "withdrawn") {
    bid = publicFields<StoredBid>(
      await updateVersioned<StoredBid>(
        key,
        existing.version,
        { status: "submitted", content, submittedAt: now, updatedAt: now },
        op.opId,
      ),
    );
  } else {
    // A new bidder takes one of the tender's MAX_BIDS places, so the evaluation can always run. A
    // counter with a condition: concurrent first bids cannot pass the cap together. (A crash between
    // the two writes costs a place on the retry: the cap errs on the safe side.)
    if (!existing && !(await incrementBelow(bidderCountKey(tenderId), "bidders", MAX_BIDS))) {
      throw tooManyBids("body");
    }
    bid = publicFields<StoredBid>(
      await releaseOnConflict(tenderId, existing === undefined, () =>
        createOnce(
          {
            ...key,
            lastOpId: op.opId,
            tenderId,
            lotId: DEFAULT_LOT,
            bidId: op.actor.orgId,
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
  if (bidId !== op.actor.orgId) throw new NotFound("bid");
  const tender = await loadTender(op.actor, tenderId);
  const item = await getItem<StoredBid>(bidKey(tenderId, bidId));
  if (!item) throw new NotFound("bid");
  return { tender, bid: publicFields<StoredBid>(item) };
}

export async function replaceBid(
  op: Operation,
  tenderId: string,
  bidId: string,
  change: BidContent & { version: number },
): Promise<StoredBid> {
  const { tender, bid: before } = await loadOwnBid(op, tenderId, bidId);
  requireOpenForBids(tender, op.now);
  if (before.status !== "submitted") throw new Conflict("The bid is withdrawn; submit a new one with POST.");
  const { version, ...content } = change;
  await checkScorable(tender, bidId, content, op.now.toISOString());
  const now = op.now.toISOString();
  const after = publicFields<StoredBid>(
    await updateVersioned<StoredBid>(
      bidKey(tenderId, bidId),
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
  const { tender, bid: before } = await loadOwnBid(op, tenderId, bidId);
  requireOpenForBids(tender, op.now);
  if (before.status === "withdrawn") return before;
  const after = publicFields<StoredBid>(
    await updateVersioned<StoredBid>(
      bidKey(tenderId, bidId),
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

const OPENED: Tender["status"][] = ["opened", "evaluated", "award-intended", "awarded"];
export const isOpened = (tender: Tender) => OPENED.includes(tender.status);
/** Opened and not yet finally awarded: the phases in which frozen scores can still be corrected. */
export const FREEZABLE: Tender["status"][] = ["opened", "evaluated", "award-intended"];

/** The committee scores still missing: one entry per submitted bid and criterion without a score. */
export function missingScores(
  tender: Tender,
  bids: StoredBid[],
  scores: Map<string, StoredScores>,
): { path: string; message: string }[] {
  const criteria = tender.awardModel.criteria ?? [];
  return bids.flatMap((b) =>
    criteria
      .filter((c) => scores.get(b.bidId)?.scores[c.id] === undefined)
      .map((c) => ({ path: `bids.${b.bidId}.scores.${c.id}`, message: "no committee score yet" })),
  );
}

/** True when every submitted bid has a committee score on every criterion. */
export const qualityComplete = (tender: Tender, bids: StoredBid[], scores: Map<string, StoredScores>) =>
  missingScores(tender, bids, scores).length === 0;

/**
 * With sealed prices, every bid scored means the prices are revealed; scores entered after that
 * could be chosen to flip the ranking, so they are frozen (bids and scores only grow after opening,
 * so once frozen they stay frozen).
 */
export const scoresFrozen = (tender: Tender, bids: StoredBid[], scores: Map<string, StoredScores>) =>
  tender.pricesSealedUntilQualityScored && qualityComplete(tender, bids, scores);

/** A bid as the officer reads it after opening; its money fields stay sealed until quality is scored when the tender says so. */
function officerView(bid: StoredBid, scores: StoredScores | undefined, pricesSealed: boolean) {
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
export async function listBids(actor: Actor, tenderId: string) {
  const tender = await loadTender(actor, tenderId);
  if (actor.role === "supplier") {
    const item = await getItem<StoredBid>(bidKey(tenderId, actor.orgId));
    const own = item ? [publicFields<StoredBid>(item)] : [];
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

export async function getBid(actor: Actor, tenderId: string, bidId: string) {
  const tender = await loadTender(actor, tenderId);
  if (actor.role === "supplier") {
    if (bidId !== actor.orgId) throw new NotFound("bid");
    const item = await getItem<StoredBid>(bidKey(tenderId, bidId));
    if (!item) throw new NotFound("bid");
    return publicFields<StoredBid>(item);
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

/** Opens the bids: only after the deadline, once. */
export async function openBids(op: Operation, tenderId: string): Promise<Tender> {
  const tender = await loadOwnTender(op, tenderId);
  if (tender.status !== "published")
    throw new Conflict(`The tender is ${tender.status}; only a published tender is opened.`);
  if (!deadlinePassed(tender, op.now)) {
    throw new RuleViolation(
      "deadline-not-passed",
      `Bids are opened after the submission deadline (${deadlineLocal(tender)}, Amsterdam time).`,
    );
  }
  const bids = await submittedBids(tenderId);
  return transition(
    op,
    tender,
    { status: "opened", opened: { at: op.now.toISOString(), by: op.actor.sub, bidCount: bids.length } },
    "tender.opened",
    `${bids.length} bids`,
  );
}

export function checkScores(criteria: readonly Criterion[], body: Pick<CommitteeScoresBody, "scores">) {
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  body.scores.forEach((s, i) => {
    const criterion = criteria.find((c) => c.id === s.criterionId);
    if (!criterion) {
      errors.push({
        path: `body.scores.${i}.criterionId`,
        message: `no criterion "${s.criterionId}" in the award model`,
      });
      return;
    }
    if (seen.has(s.criterionId))
      errors.push({ path: `body.scores.${i}.criterionId`, message: "scored twice" });
    seen.add(s.criterionId);
    if (s.score < criterion.scale.min || s.score > criterion.scale.max) {
      errors.push({
        path: `body.scores.${i}.score`,
        message: `the score must lie on the scale ${criterion.scale.min}–${criterion.scale.max}`,
      });
    }
  });
  if (errors.length > 0) throw new InvalidInput(errors);
}

/**
 * The committee's scores of one bid, each with a justification. Only while the bids are opened and not
 * yet evaluated, and with sealed prices only until every bid is scored (then: score corrections).
 */
export async function scoreBid(op: Operation, tenderId: string, bidId: string, body: CommitteeScoresBody) {
  const tender = await loadOwnTender(op, tenderId);
  if (
    FREEZABLE.includes(tender.status) &&
    scoresFrozen(tender, await submittedBids(tenderId), await allScores(tenderId))
  ) {
    throw new Conflict(
      `Every bid is scored and the prices are revealed, so the committee's scores are frozen. Propose a score correction (POST /v1/tenders/${tenderId}/score-corrections) for a second officer to approve.`,
      "scores-frozen",
    );
  }
  if (tender.status !== "opened") {
    throw new Conflict(
      tender.status === "published"
        ? "Open the bids first (after the deadline)."
        : `The tender is ${tender.status}; committee scores are entered while the bids are opened and not yet evaluated.`,
    );
  }
  await submittedBid(tenderId, bidId);
  checkScores(tender.awardModel.criteria ?? [], body);
  const at = op.now.toISOString();
  const entries = Object.fromEntries(
    body.scores.map((s) => [
      s.criterionId,
      { score: s.score, justification: s.justification, at, by: op.actor.sub },
    ]),
  );
  const key = scoresKey(tenderId, bidId);
  let after: StoredScores;
  if (body.version === undefined) {
    after = publicFields<StoredScores>(
      await createOnce(
        { ...key, lastOpId: op.opId, tenderId, lotId: DEFAULT_LOT, bidId, scores: entries, version: 1 },
        "Scores for this bid (send the version you read to change them)",
      ),
    );
  } else {
    const current = await getItem<StoredScores>(key);
    if (!current) throw new NotFound("scores");
    after = publicFields<StoredScores>(
      await updateVersioned<StoredScores>(
        key,
        body.version,
        { scores: { ...current.scores, ...entries } },
        op.opId,
      ),
    );
  }
  await appendAudit(op, {
    entityType: "bid",
    entityId: `${tenderId}/${bidId}`,
    action: "bid.scored",
    after,
    regionId: tender.regionId,
    summary: body.scores.map((s) => `${s.criterionId}=${s.score}`).join(", "),
    // The scores item is versioned on its own, beside the bid.
    once: `scores-v${after.version}`,
  });
  return after;
}
