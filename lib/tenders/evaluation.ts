/**
 * Evaluation and award. The engine scores the stored bids and the committee's scores
 * under the tender's frozen model; the result is stored append-only with its input, digest and
 * engine version so it can be recomputed and verified. The officer records an intended award
 * (another than rank 1 only with a reason); each bidder then reads its own evaluation; after the
 * standstill period the award becomes final and creates the contract (once: the contract id derives
 * from the tender id, so a retried award never makes two). An evaluation names the score corrections
 * applied after the prices were revealed (corrections.ts); once another is applied the evaluation is
 * stale and the intended and final award wait for a new one.
 *
 * Keys: TENDER#<id> / EVALUATION#<lot>#<at>#<opId>   one item per evaluation run (append-only)
 */
import { type AwardPromise, createContractFromAward } from "../contracts/from-award.js";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import { centsFromMoney } from "../domain/money.js";
import { scoreBids } from "../domain/scoring/engine.js";
import type { Bid, RankedBid, ScoringInput, ScoringResult } from "../domain/scoring/types.js";
import { type Actor, canonicalJson, type Operation } from "../operation.js";
import { loadTablesFor } from "../scoring/reference-tables.js";
import { getItem, publicFields, putIfAbsent } from "../store/ops.js";
import { addAmsterdamDays, amsterdamDate } from "../domain/amsterdam-time.js";
import { allScores, submittedBid, submittedBids } from "./bids.js";
import { missingScores } from "./committee-scores.js";
import { applyToScores, appliedCorrections, type ScoreEntry, type StoredCorrection } from "./corrections.js";
import {
  auditTransition,
  DEFAULT_LOT,
  lastWrittenBy,
  loadOwnTender,
  loadTender,
  type Tender,
  transition,
} from "./tenders.js";

/** A score correction as an evaluation records it. */
export interface Amendment {
  correctionId: string;
  bidId: string;
  before: ScoreEntry[];
  after: ScoreEntry[];
  reason: string;
  proposedBy: string;
  approvedBy: string;
  appliedAt: string;
}

export interface StoredEvaluation {
  tenderId: string;
  lotId: string;
  at: string;
  by: string;
  input: ScoringInput;
  result: ScoringResult;
  /** True when committee scores were corrected after the prices were revealed; `corrections` says how. */
  amendedAfterPriceReveal: boolean;
  corrections: Amendment[];
}

const amendmentOf = (c: StoredCorrection): Amendment => ({
  correctionId: c.id,
  bidId: c.bidId,
  before: c.before,
  after: c.after,
  reason: c.reason,
  proposedBy: c.proposedBy,
  approvedBy: c.approvedBy!,
  appliedAt: c.appliedAt!,
});

/** An evaluation stored before corrections existed has none. */
function withAmendments(item: object): StoredEvaluation {
  const stored = publicFields<Omit<StoredEvaluation, "corrections"> & { corrections?: Amendment[] }>(item);
  const corrections = stored.corrections ?? [];
  return { ...stored, amendedAfterPriceReveal: corrections.length > 0, corrections };
}

/** Corrections applied since `evaluation` was made: it no longer reflects the committee's scores. */
async function correctionsSince(evaluation: StoredEvaluation): Promise<StoredCorrection[]> {
  const included = new Set(evaluation.corrections.map((c) => c.correctionId));
  return (await appliedCorrections(evaluation.tenderId)).filter((c) => !included.has(c.id));
}

async function refuseStale(evaluation: StoredEvaluation, tenderId: string) {
  const since = await correctionsSince(evaluation);
  if (since.length === 0) return;
  throw new Conflict(
    `Score correction ${since.map((c) => c.id).join(", ")} was applied after the evaluation of ${evaluation.at}; re-run POST /v1/tenders/${tenderId}/evaluation first.`,
    "evaluation-stale",
  );
}

const evaluationKey = (tenderId: string, run: string) => ({ pk: `TENDER#${tenderId}`, sk: run });

/** Scores the stored bids with the committee's scores; stores the result with its digest. */
export async function evaluateTender(op: Operation, tenderId: string): Promise<StoredEvaluation> {
  const tender = await loadOwnTender(op, tenderId);
  const run = `EVALUATION#${DEFAULT_LOT}#${op.now.toISOString()}#${op.opId}`;
  if (tender.evaluation?.run === run) {
    // A retry of this evaluation: the tender already points at its run; only the event may be missing.
    const evaluation = await latestEvaluation(tender);
    await auditTransition(
      op,
      undefined,
      tender,
      "tender.evaluated",
      evaluatedSummary(evaluation.result, evaluation.corrections?.length ?? 0),
    );
    return evaluation;
  }
  // An intended award whose evaluation a correction made stale is evaluated again (and recorded again).
  const reevaluate =
    tender.status === "award-intended" && (await correctionsSince(await latestEvaluation(tender))).length > 0;
  if (tender.status !== "opened" && tender.status !== "evaluated" && !reevaluate) {
    throw new Conflict(
      tender.status === "published"
        ? "Open the bids first (after the deadline)."
        : `The tender is ${tender.status}; it is evaluated after opening and before the intended award.`,
    );
  }
  const corrections = await appliedCorrections(tenderId);
  const bids = await submittedBids(tenderId);
  let scores = await allScores(tenderId);
  // An approval that died before writing the scores is completed here, never left out.
  const unwritten = corrections.filter((c) => !scores.get(c.bidId)?.corrections?.includes(c.id));
  if (unwritten.length > 0) {
    for (const correction of unwritten) await applyToScores(correction, op.opId);
    scores = await allScores(tenderId);
  }
  const missing = missingScores(tender, bids, scores);
  if (missing.length > 0) {
    throw new RuleViolation(
      "quality-not-scored",
      "Every bid needs a committee score on every criterion first.",
      missing,
    );
  }
  const input: ScoringInput = {
    awardModel: tender.awardModel,
    bids: bids.map(
      (b): Bid => ({
        ...b.content,
        id: b.bidId,
        submittedAt: b.submittedAt,
        qualityScores: Object.fromEntries(
          Object.entries(scores.get(b.bidId)?.scores ?? {}).map(([criterionId, s]) => [criterionId, s.score]),
        ),
      }),
    ),
  };
  const result = scoreBids(input, await loadTablesFor(tender.awardModel));
  const at = op.now.toISOString();
  const evaluation: StoredEvaluation = {
    tenderId,
    lotId: DEFAULT_LOT,
    at,
    by: op.actor.sub,
    input,
    result,
    amendedAfterPriceReveal: corrections.length > 0,
    corrections: corrections.map(amendmentOf),
  };
  await putIfAbsent({ ...evaluationKey(tenderId, run), ...evaluation });
  await transition(
    op,
    tender,
    {
      status: "evaluated",
      evaluation: {
        at,
        by: op.actor.sub,
        run,
        inputDigest: result.inputDigest,
        engineVersion: result.engineVersion,
      },
      ...(reevaluate ? { intendedAward: null } : {}),
    },
    "tender.evaluated",
    evaluatedSummary(result, corrections.length),
  );
  return evaluation;
}

const evaluatedSummary = (result: ScoringResult, corrections: number) =>
  `digest ${result.inputDigest}; winner ${result.ranking[0]?.bidId ?? "none"}` +
  (corrections > 0 ? `; ${corrections} score corrections` : "");

async function latestEvaluation(tender: Tender): Promise<StoredEvaluation> {
  if (!tender.evaluation) throw new NotFound("evaluation");
  const item = await getItem<StoredEvaluation>(evaluationKey(tender.id, tender.evaluation.run));
  if (!item) throw new NotFound("evaluation");
  return withAmendments(item);
}

/**
 * Recomputes a stored evaluation from its stored input and the pinned tables: the same engine version
 * must give the same bytes; another engine version is reported, not hidden.
 */
async function verify(tender: Tender, evaluation: StoredEvaluation) {
  const recomputed = scoreBids(evaluation.input, await loadTablesFor(tender.awardModel));
  const sameEngine = recomputed.engineVersion === evaluation.result.engineVersion;
  return {
    engineVersion: recomputed.engineVersion,
    inputDigest: recomputed.inputDigest,
    digestMatches: recomputed.inputDigest === evaluation.result.inputDigest,
    identical: sameEngine && canonicalJson(recomputed) === canonicalJson(evaluation.result),
    note: sameEngine
      ? "recomputed on read from the stored input, the pinned table versions and the same engine version"
      : `stored with ${evaluation.result.engineVersion}, recomputed with ${recomputed.engineVersion}`,
  };
}

/** The parts of a ranked bid another bidder may read: rank and quality scores, no price. */
const scoresOnly = (entry: RankedBid) => ({
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
function correctionsForBidder(corrections: Amendment[], ownBidId: string, winnerBidId: string) {
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

/**
 * GET …/evaluation. The buying officer, the region's auditors and admins read the whole result;
 * after the intended award a bidder reads its own evaluation and the winner's scores.
 */
export async function readEvaluation(actor: Actor, tenderId: string) {
  const tender = await loadTender(actor, tenderId);
  if (actor.role !== "supplier") {
    const evaluation = await latestEvaluation(tender);
    return {
      tenderId,
      at: evaluation.at,
      by: evaluation.by,
      intendedAward: tender.intendedAward,
      ...evaluation.result,
      amendedAfterPriceReveal: evaluation.amendedAfterPriceReveal,
      corrections: evaluation.corrections,
      // A score correction was applied after this evaluation: evaluate again before awarding.
      stale: (await correctionsSince(evaluation)).length > 0,
      verification: await verify(tender, evaluation),
    };
  }
  const award = tender.intendedAward;
  if (!award) throw new NotFound("evaluation");
  const evaluation = await latestEvaluation(tender);
  const { result } = evaluation;
  const own = result.ranking.find((r) => r.bidId === actor.orgId);
  if (!own) throw new NotFound("evaluation");
  const winner = result.ranking.find((r) => r.bidId === award.bidId)!;
  return {
    tenderId,
    engineVersion: result.engineVersion,
    inputDigest: result.inputDigest,
    method: result.method,
    intendedAward: { bidId: award.bidId, at: award.at, standstillEndsAt: award.standstillEndsAt },
    own,
    winner: scoresOnly(winner),
    amendedAfterPriceReveal: evaluation.amendedAfterPriceReveal,
    corrections: correctionsForBidder(evaluation.corrections, own.bidId, award.bidId),
  };
}

export async function recordIntendedAward(
  op: Operation,
  tenderId: string,
  choice: { bidId: string; reason?: string | undefined },
): Promise<Tender> {
  const tender = await loadOwnTender(op, tenderId);
  if (tender.status === "award-intended" && (await lastWrittenBy(op, tenderId))) {
    // A retry of this operation after its state write: only the event may be missing.
    await auditTransition(op, undefined, tender, "tender.award-intended", intendedSummary(tender));
    return tender;
  }
  if (tender.status !== "evaluated") {
    throw new Conflict(`The tender is ${tender.status}; the intended award follows the evaluation.`);
  }
  const evaluation = await latestEvaluation(tender);
  await refuseStale(evaluation, tenderId);
  const { result } = evaluation;
  const entry = result.ranking.find((r) => r.bidId === choice.bidId);
  if (!entry)
    throw new InvalidInput([{ path: "body.bidId", message: "no bid with this id in the evaluation" }]);
  if (entry.rank === null) {
    throw new RuleViolation(
      "bid-not-compliant",
      `Bid ${entry.bidId} is not compliant: ${entry.reasons.join("; ")}.`,
    );
  }
  const lots = result.ties.some(
    (t) => t.drawingOfLotsNeeded && t.bidIds.includes(entry.bidId) && t.sharedRank === 1,
  );
  if ((entry.rank !== 1 || lots) && !choice.reason) {
    throw new RuleViolation(
      "award-reason-required",
      entry.rank !== 1
        ? `Bid ${entry.bidId} is ranked ${entry.rank}; awarding another than rank 1 needs a recorded reason.`
        : `Bid ${entry.bidId} shares rank 1; record the drawing of lots (or other reason) that chose it.`,
      [{ path: "body.reason", message: "required" }],
    );
  }
  const intendedAward = {
    bidId: entry.bidId,
    rank: entry.rank,
    reason: choice.reason ?? null,
    at: op.now.toISOString(),
    by: op.actor.sub,
    standstillEndsAt: addAmsterdamDays(op.now, tender.standstillDays).toISOString(),
  };
  return transition(
    op,
    tender,
    { status: "award-intended", intendedAward },
    "tender.award-intended",
    intendedSummary({ intendedAward }),
  );
}

const intendedSummary = ({ intendedAward: a }: Pick<Tender, "intendedAward">) =>
  `bid ${a?.bidId} (rank ${a?.rank}); standstill until ${a?.standstillEndsAt}`;

/** Sustainability promises the contract follows up: a committed CO2-ladder level that earned a discount. */
function promisesOf(entry: RankedBid): AwardPromise[] {
  return entry.breakdown.corrections
    .filter((c) => c.kind === "certificate-discount" && c.category === "certificate")
    .map((c) => ({
      id: `certificate-${c.table?.id ?? "inline"}`,
      kind: "co2-ladder" as const,
      description: `${c.label} committed in the bid (${c.table ? `${c.table.id} ${c.table.version}` : "award model"})`,
      promised: c.label,
      advantageCents: -c.amountCents,
    }));
}

/**
 * The final award after the standstill period: creates the contract (idempotently) and marks the
 * tender awarded. Calling it again returns the awarded tender; it never makes a second contract.
 */
export async function finaliseAward(op: Operation, tenderId: string): Promise<Tender> {
  const tender = await loadOwnTender(op, tenderId);
  if (tender.status === "awarded") {
    // A retry of the awarding operation completes its event; anyone else just reads the award.
    if (await lastWrittenBy(op, tenderId))
      await auditTransition(op, undefined, tender, "tender.awarded", awardedSummary(tender));
    return tender;
  }
  if (tender.status !== "award-intended" || !tender.intendedAward) {
    throw new Conflict(`The tender is ${tender.status}; record the intended award first.`);
  }
  const award = tender.intendedAward;
  const evaluation = await latestEvaluation(tender);
  await refuseStale(evaluation, tenderId);
  if (op.now.getTime() < Date.parse(award.standstillEndsAt)) {
    throw new RuleViolation(
      "standstill-running",
      `The standstill period runs until ${award.standstillEndsAt}; the award becomes final after it.`,
    );
  }
  const bid = await submittedBid(tenderId, award.bidId);
  const entry = evaluation.result.ranking.find((r) => r.bidId === award.bidId)!;
  const contract = await createContractFromAward(op, {
    tenderId,
    reference: tender.reference,
    title: tender.title,
    buyerId: tender.buyerId,
    supplierId: bid.supplierId,
    type: tender.contractType,
    valueCents: centsFromMoney(bid.content.price),
    labourShare: tender.labourShare,
    startDate: tender.contractPeriod.startDate,
    endDate: tender.contractPeriod.endDate,
    awardDate: amsterdamDate(op.now),
    psoLevel: bid.content.certificates?.pso ?? null,
    offerLines: bid.content.socialReturnOffer ?? [],
    promises: promisesOf(entry),
  });
  const final = {
    at: op.now.toISOString(),
    by: op.actor.sub,
    bidId: award.bidId,
    contractId: contract.id,
    value: bid.content.price,
  };
  try {
    return await transition(
      op,
      tender,
      { status: "awarded", award: final },
      "tender.awarded",
      awardedSummary({ award: final }),
    );
  } catch (error) {
    // Concurrent awards: one wins the versioned write (and records it); the others return its award.
    if (!(error instanceof Conflict)) throw error;
    const current = await loadOwnTender(op, tenderId);
    if (current.status !== "awarded") throw error;
    return current;
  }
}

const awardedSummary = ({ award }: Pick<Tender, "award">) => `contract ${award?.contractId}`;
