/**
 * What each reader sees of an evaluation: the buying officer, the region's auditors and admins the
 * whole result; a bidder, after the intended award, its own evaluation and the winner's scores.
 */
import { NotFound } from "../domain/errors.js";
import type { RankedBid } from "../domain/scoring/types.js";
import type { Actor } from "../operation.js";
import type {
  BidderEvaluationResponse,
  EvaluationResponse,
  EvaluationRunResponse,
} from "../schemas/responses/evaluations.js";
import type { ScoreEntry } from "./corrections.js";
import {
  type Amendment,
  correctionsSince,
  latestEvaluation,
  type StoredEvaluation,
  verify,
} from "./evaluation.js";
import { bidIdFor, primaryLotId } from "../domain/lots.js";
import { lotOf } from "./lots.js";
import { loadTender } from "./tenders.js";

/** The parts of a ranked bid another bidder may read: rank and quality scores, no price. */
const scoresOnly = (entry: RankedBid): BidderEvaluationResponse["winner"] => ({
  bidId: entry.bidId,
  rank: entry.rank,
  totalScore: entry.totalScore,
  quality: entry.breakdown.quality,
  qualityPoints: entry.breakdown.qualityPoints,
  socialReturnPoints: entry.breakdown.socialReturn?.points ?? null,
});

const scoresOf = (entries: ScoreEntry[]) =>
  entries.map((e) => ({ criterionId: e.criterionId, score: e.score }));

/**
 * Corrections as a bidder reads them: officers by a label that is pseudonymous and valid within this
 * evaluation only, no committee justifications, and only its own and the winner's bid id.
 */
function correctionsForBidder(
  corrections: Amendment[],
  ownBidId: string,
  winnerBidId: string,
): BidderEvaluationResponse["corrections"] {
  const labels = new Map<string, string>();
  const officer = (sub: string) => {
    if (!labels.has(sub)) labels.set(sub, `officer ${labels.size + 1}`);
    return { role: "officer" as const, label: labels.get(sub)! };
  };
  return corrections.map((c) => {
    const bid = c.bidId === ownBidId ? "own" : c.bidId === winnerBidId ? "winner" : "other";
    return {
      correctionId: c.correctionId,
      bid,
      bidId: bid === "other" ? null : c.bidId,
      before: scoresOf(c.before),
      after: scoresOf(c.after),
      reason: c.reason,
      proposedBy: officer(c.proposedBy),
      approvedBy: officer(c.approvedBy),
      appliedAt: c.appliedAt,
    };
  });
}

/** POST …/evaluation: the run as stored, without its input. */
export const evaluationRunToWire = (evaluation: StoredEvaluation): EvaluationRunResponse => ({
  tenderId: evaluation.tenderId,
  at: evaluation.at,
  by: evaluation.by,
  ...evaluation.result,
  amendedAfterPriceReveal: evaluation.amendedAfterPriceReveal,
  corrections: evaluation.corrections,
});

/**
 * GET …/evaluation (of a lot; the tender-level route: the primary lot). The buying officer, the region's auditors and admins read the whole result as
 * stored, and with `recompute` also its `verification` (the engine run again on the stored input);
 * after the intended award a bidder reads its own evaluation and the winner's scores.
 */
export async function readEvaluation(
  actor: Actor,
  tenderId: string,
  recompute = false,
  lotId?: string,
): Promise<EvaluationResponse> {
  const tender = await loadTender(actor, tenderId);
  const lot = lotOf(tender, lotId ?? primaryLotId(tender.lots));
  if (actor.role !== "supplier") {
    const evaluation = await latestEvaluation(tender, lot.id);
    return {
      tenderId,
      at: evaluation.at,
      by: evaluation.by,
      intendedAward: lot.intendedAward,
      ...evaluation.result,
      amendedAfterPriceReveal: evaluation.amendedAfterPriceReveal,
      corrections: evaluation.corrections,
      // A score correction was applied after this evaluation: evaluate again before awarding.
      stale: (await correctionsSince(evaluation)).length > 0,
      ...(recompute ? { verification: await verify(tender, evaluation) } : {}),
    };
  }
  const award = lot.intendedAward;
  if (!award) throw new NotFound("evaluation");
  const evaluation = await latestEvaluation(tender, lot.id);
  const { result } = evaluation;
  const own = result.ranking.find((r) => r.bidId === bidIdFor(actor.orgId, lot.id));
  if (!own) throw new NotFound("evaluation");
  const winner = result.ranking.find((r) => r.bidId === award.bidId)!;
  return {
    tenderId,
    engineVersion: result.engineVersion,
    inputDigest: result.inputDigest,
    method: result.method,
    intendedAward: {
      bidId: award.bidId,
      at: award.at,
      standstillEndsAt: award.standstillEndsAt,
      finalAwardPossibleFrom: award.finalAwardPossibleFrom,
    },
    own,
    winner: scoresOnly(winner),
    amendedAfterPriceReveal: evaluation.amendedAfterPriceReveal,
    corrections: correctionsForBidder(evaluation.corrections, own.bidId, award.bidId),
  };
}
