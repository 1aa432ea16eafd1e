/**
 * Opening the bids and the committee's scores: entered per criterion with a justification while the
 * bids are opened, and frozen once every bid is scored when prices are sealed until then.
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import type { Criterion } from "../domain/scoring/types.js";
import type { Operation } from "../operation.js";
import type { CommitteeScoresBody } from "../schemas/tenders.js";
import { committeeScoresEntity, scoresKey } from "../entities/committee-scores.js";
import { parseBidId } from "../domain/lots.js";
import { lotOf, lotStatus, storedLots } from "./lots.js";
import { createOnce, getItem, updateVersioned } from "../store/ops.js";
import {
  allScores,
  type StoredBid,
  type StoredScores,
  submittedBid,
  submittedBids,
  submittedBidsOfAllLots,
  toScores,
} from "./bids.js";
import {
  deadlineLocal,
  deadlinePassed,
  type Lot,
  loadOwnTender,
  type Tender,
  transition,
} from "./tenders.js";

const OPENED: Tender["status"][] = ["opened", "evaluated", "award-intended", "awarded"];
export const isOpened = (tender: Tender) => OPENED.includes(tender.status);
/** Opened and not yet finally awarded: the phases in which frozen scores can still be corrected. */
export const FREEZABLE: Tender["status"][] = ["opened", "evaluated", "award-intended"];

/** The committee scores still missing: one entry per submitted bid and criterion without a score. */
export function missingScores(
  lot: Pick<Lot, "awardModel">,
  bids: StoredBid[],
  scores: Map<string, StoredScores>,
): { path: string; message: string }[] {
  const criteria = lot.awardModel.criteria ?? [];
  return bids.flatMap((b) =>
    criteria
      .filter((c) => scores.get(b.bidId)?.scores[c.id] === undefined)
      .map((c) => ({ path: `bids.${b.bidId}.scores.${c.id}`, message: "no committee score yet" })),
  );
}

/** True when every submitted bid has a committee score on every criterion. */
export const qualityComplete = (
  lot: Pick<Lot, "awardModel">,
  bids: StoredBid[],
  scores: Map<string, StoredScores>,
) => missingScores(lot, bids, scores).length === 0;

/**
 * With sealed prices, every bid scored means the prices are revealed; scores entered after that
 * could be chosen to flip the ranking, so they are frozen (bids and scores only grow after opening,
 * so once frozen they stay frozen).
 */
export const scoresFrozen = (
  tender: Tender,
  lot: Pick<Lot, "awardModel">,
  bids: StoredBid[],
  scores: Map<string, StoredScores>,
) => tender.pricesSealedUntilQualityScored && qualityComplete(lot, bids, scores);

/** Opens the bids of every lot: only after the deadline, once. */
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
  const bids = await submittedBidsOfAllLots(tender);
  return transition(
    op,
    tender,
    {
      status: "opened",
      opened: { at: op.now.toISOString(), by: op.actor.sub, bidCount: bids.length },
      lots: storedLots(tender.lots.map((l) => ({ ...l, status: "opened" as const }))),
    },
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
  const { lotId } = parseBidId(bidId);
  if (!tender.lots.some((l) => l.id === lotId)) throw new NotFound("bid");
  const lot = lotOf(tender, lotId);
  const status = lotStatus(tender, lot);
  if (
    FREEZABLE.includes(status) &&
    scoresFrozen(tender, lot, await submittedBids(tenderId, lotId), await allScores(tenderId, lotId))
  ) {
    throw new Conflict(
      `Every bid is scored and the prices are revealed, so the committee's scores are frozen. Propose a score correction (POST /v1/tenders/${tenderId}/score-corrections) for a second officer to approve.`,
      "scores-frozen",
    );
  }
  if (status !== "opened") {
    throw new Conflict(
      status === "published"
        ? "Open the bids first (after the deadline)."
        : `The ${tender.lots.length > 1 && status !== tender.status ? `lot ${lotId}` : "tender"} is ${status}; committee scores are entered while the bids are opened and not yet evaluated.`,
    );
  }
  await submittedBid(tenderId, bidId);
  checkScores(lot.awardModel.criteria ?? [], body);
  const at = op.now.toISOString();
  const entries = Object.fromEntries(
    body.scores.map((s) => [
      s.criterionId,
      { score: s.score, justification: s.justification, at, by: op.actor.sub },
    ]),
  );
  const key = scoresKey(tenderId, bidId, lotId);
  let after: StoredScores;
  if (body.version === undefined) {
    after = toScores(
      await createOnce(
        { ...key, lastOpId: op.opId, tenderId, lotId, bidId, scores: entries, version: 1 },
        "Scores for this bid (send the version you read to change them)",
      ),
    );
  } else {
    const found = await getItem(key);
    if (!found) throw new NotFound("scores");
    const current = committeeScoresEntity.read(found);
    after = toScores(
      await updateVersioned(key, body.version, { scores: { ...current.scores, ...entries } }, op.opId),
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
