/**
 * Evaluation. The engine scores the stored bids and the committee's scores
 * under the tender's frozen model; the result is stored append-only with its input, digest and
 * engine version so it can be recomputed and verified. The officer records an intended award
 * (another than rank 1 only with a reason); each bidder then reads its own evaluation; after the
 * standstill period the award becomes final and creates the contract (once: the contract id derives
 * from the tender id, so a retried award never makes two). An evaluation names the score corrections
 * applied after the prices were revealed (corrections.ts); once another is applied the evaluation is
 * stale and the intended and final award wait for a new one. Stored as lib/entities/evaluation.ts describes.
 */
import { createHash } from "node:crypto";
import { Conflict, NotFound, RuleViolation } from "../domain/errors.js";
import type { AmendmentResponse } from "../schemas/responses/evaluations.js";
import { changedSince, scoreBids } from "../domain/scoring/engine.js";
import type { Bid, ScoringInput, ScoringResult } from "../domain/scoring/types.js";
import { canonicalJson, type Operation } from "../operation.js";
import { loadTablesFor } from "../scoring/reference-tables.js";
import {
  type DocumentPointer,
  evaluationDocument,
  evaluationDocumentKey,
  evaluationEntity,
  evaluationKey,
  evaluationRun,
  type EvaluationRunItem,
} from "../entities/evaluation.js";
import { primaryLotId } from "../domain/lots.js";
import { lotChange, lotOf, lotStatus } from "./lots.js";
import { CorruptDocument, getDocument, putDocument } from "../store/documents.js";
import { getItem, publicFields, putIfAbsent } from "../store/ops.js";
import { allScores, type StoredBid, type StoredScores, submittedBids } from "./bids.js";
import { missingScores } from "./committee-scores.js";
import { applyToScores, appliedCorrections, type StoredCorrection } from "./corrections.js";
import { auditTransition, type Lot, loadOwnTender, type Tender, transition } from "./tenders.js";
/** A score correction as an evaluation records it. */
export type Amendment = AmendmentResponse;

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

const JSON_TYPE = "application/json";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Stores a run: first its input and result as a document (content-addressed, so a retry writes the
 * same bytes under the same key), then the run item pointing at it. A run item already stored by an
 * earlier attempt of this operation wins: it is read back, never replaced.
 */
async function storeRun(run: string, evaluation: StoredEvaluation): Promise<StoredEvaluation> {
  const { tenderId, lotId, input, result, ...metadata } = evaluation;
  const body = Buffer.from(JSON.stringify({ tenderId, lotId, input, result }), "utf8");
  const digest = sha256(body);
  const key = evaluationDocumentKey(tenderId, digest, lotId);
  await putDocument(key, body, JSON_TYPE);
  const stored = await putIfAbsent({
    ...evaluationKey(tenderId, run),
    tenderId,
    lotId,
    ...metadata,
    engineVersion: result.engineVersion,
    inputDigest: result.inputDigest,
    winner: result.ranking[0]?.bidId ?? null,
    document: { key, bytes: body.byteLength, sha256: digest },
  });
  return stored ? evaluation : loadRun(tenderId, run);
}

/** A run's input and result from its document, checked against the size and sha256 the run recorded. */
async function readDocument(
  run: EvaluationRunItem,
  { key, bytes, sha256: expected }: DocumentPointer,
): Promise<Pick<StoredEvaluation, "input" | "result">> {
  const owner = `the evaluation of tender ${run.tenderId} at ${run.at}`;
  const stored = await getDocument(key);
  if (!stored) throw new CorruptDocument(key, "is missing", owner);
  if (stored.byteLength !== bytes || sha256(stored) !== expected)
    throw new CorruptDocument(
      key,
      `does not match the size (${bytes} bytes) and sha256 its run recorded`,
      owner,
    );
  const text = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString("utf8");
  const parsed = evaluationDocument.safeParse(JSON.parse(text));
  if (!parsed.success) throw new CorruptDocument(key, "is not an evaluation document", owner);
  return { input: parsed.data.input, result: parsed.data.result };
}

/** A stored run with its input and result; one stored before corrections existed is amended by none. */
async function loadRun(tenderId: string, run: string): Promise<StoredEvaluation> {
  const item = await getItem(evaluationKey(tenderId, run));
  if (!item) throw new NotFound("evaluation");
  const stored = publicFields<EvaluationRunItem>(evaluationEntity.read(item));
  const { input, result } = stored.document ? await readDocument(stored, stored.document) : stored;
  const corrections = stored.corrections ?? [];
  return {
    tenderId: stored.tenderId,
    lotId: stored.lotId,
    at: stored.at,
    by: stored.by,
    input,
    result,
    amendedAfterPriceReveal: corrections.length > 0,
    corrections,
  };
}

/** Corrections applied since `evaluation` was made: it no longer reflects the committee's scores. */
export async function correctionsSince(evaluation: StoredEvaluation): Promise<StoredCorrection[]> {
  const included = new Set(evaluation.corrections.map((c) => c.correctionId));
  return (await appliedCorrections(evaluation.tenderId, evaluation.lotId)).filter((c) => !included.has(c.id));
}

/** The path of a lot's evaluation: the tender-level one for the primary lot. */
export const evaluationPath = (tender: Pick<Tender, "id" | "lots">, lotId: string) =>
  lotId === primaryLotId(tender.lots)
    ? `/v1/tenders/${tender.id}/evaluation`
    : `/v1/tenders/${tender.id}/lots/${lotId}/evaluation`;

export async function refuseStale(evaluation: StoredEvaluation, tender: Tender) {
  const since = await correctionsSince(evaluation);
  if (since.length === 0) return;
  throw new Conflict(
    `Score correction ${since.map((c) => c.id).join(", ")} was applied after the evaluation of ${evaluation.at}; re-run POST ${evaluationPath(tender, evaluation.lotId)} first.`,
    "evaluation-stale",
  );
}

/** A retry of this evaluation: the tender already points at its run; only the event may be missing. */
async function completeRetry(op: Operation, tender: Tender, lot: Lot): Promise<StoredEvaluation> {
  const evaluation = await latestEvaluation(tender, lot.id);
  await auditTransition(
    op,
    undefined,
    tender,
    "tender.evaluated",
    evaluatedSummary(evaluation.result, evaluation.corrections?.length ?? 0),
  );
  return evaluation;
}

/** Whether the tender may be evaluated now; true when it re-evaluates a stale intended award. */
async function requireEvaluable(tender: Tender, lot: Lot): Promise<boolean> {
  const status = lotStatus(tender, lot);
  // An intended award whose evaluation a correction made stale is evaluated again (and recorded again).
  const reevaluate =
    status === "award-intended" &&
    (await correctionsSince(await latestEvaluation(tender, lot.id))).length > 0;
  if (status !== "opened" && status !== "evaluated" && !reevaluate) {
    throw new Conflict(
      status === "published"
        ? "Open the bids first (after the deadline)."
        : `The ${tender.lots.length > 1 ? `lot ${lot.id}` : "tender"} is ${status}; it is evaluated after opening and before the intended award.`,
    );
  }
  return reevaluate;
}

/** The committee's scores with every applied correction written into them. */
async function correctedScores(
  op: Operation,
  tenderId: string,
  lotId: string,
  corrections: StoredCorrection[],
) {
  const scores = await allScores(tenderId, lotId);
  // An approval that died before writing the scores is completed here, never left out.
  const unwritten = corrections.filter((c) => !scores.get(c.bidId)?.corrections?.includes(c.id));
  if (unwritten.length === 0) return scores;
  for (const correction of unwritten) await applyToScores(correction, op.opId);
  return allScores(tenderId, lotId);
}

/** The engine's input: the lot's frozen model and its every submitted bid with its committee scores. */
function scoringInput(lot: Lot, bids: StoredBid[], scores: Map<string, StoredScores>): ScoringInput {
  const missing = missingScores(lot, bids, scores);
  if (missing.length > 0) {
    throw new RuleViolation(
      "quality-not-scored",
      "Every bid needs a committee score on every criterion first.",
      missing,
    );
  }
  return {
    awardModel: lot.awardModel,
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
}

/**
 * Scores a lot's stored bids with the committee's scores; stores the result with its digest. Without
 * `lotId`: the primary lot (the tender-level route).
 */
export async function evaluateTender(
  op: Operation,
  tenderId: string,
  lotId?: string,
): Promise<StoredEvaluation> {
  const tender = await loadOwnTender(op, tenderId);
  const lot = lotOf(tender, lotId ?? primaryLotId(tender.lots));
  const run = evaluationRun(op.now.toISOString(), op.opId, lot.id);
  if (lot.evaluation?.run === run) return completeRetry(op, tender, lot);
  const reevaluate = await requireEvaluable(tender, lot);
  const corrections = await appliedCorrections(tenderId, lot.id);
  const bids = await submittedBids(tenderId, lot.id);
  const input = scoringInput(lot, bids, await correctedScores(op, tenderId, lot.id, corrections));
  const result = scoreBids(input, await loadTablesFor(lot.awardModel));
  const at = op.now.toISOString();
  const evaluation: StoredEvaluation = {
    tenderId,
    lotId: lot.id,
    at,
    by: op.actor.sub,
    input,
    result,
    amendedAfterPriceReveal: corrections.length > 0,
    corrections: corrections.map(amendmentOf),
  };
  const stored = await storeRun(run, evaluation);
  await transition(
    op,
    tender,
    lotChange(tender, lot.id, {
      status: "evaluated",
      evaluation: {
        at,
        by: op.actor.sub,
        run,
        inputDigest: stored.result.inputDigest,
        engineVersion: stored.result.engineVersion,
      },
      ...(reevaluate ? { intendedAward: null } : {}),
    }),
    "tender.evaluated",
    lotSummary(tender, lot.id, evaluatedSummary(stored.result, stored.corrections.length)),
  );
  return stored;
}

const evaluatedSummary = (result: ScoringResult, corrections: number) =>
  `digest ${result.inputDigest}; winner ${result.ranking[0]?.bidId ?? "none"}` +
  (corrections > 0 ? `; ${corrections} score corrections` : "");

/** An audit summary that names the lot when the tender has several. */
export const lotSummary = (tender: Pick<Tender, "lots">, lotId: string, summary: string) =>
  tender.lots.length > 1 ? `lot ${lotId}: ${summary}` : summary;

/** The latest evaluation of a lot (default: the primary lot). */
export async function latestEvaluation(tender: Tender, lotId?: string): Promise<StoredEvaluation> {
  const lot = lotOf(tender, lotId ?? primaryLotId(tender.lots));
  if (!lot.evaluation) throw new NotFound("evaluation");
  return loadRun(tender.id, lot.evaluation.run);
}

/**
 * Recomputes a stored evaluation from its stored input and the pinned tables: the same engine version
 * must give the same bytes. A result of an earlier version is compared on the fields both versions
 * share (ENGINE_CHANGES names the others, `sharedFields.notCompared` lists them); a version this
 * engine does not know is reported, not compared. Another engine version is never hidden.
 */
export async function verify(tender: Tender, evaluation: StoredEvaluation) {
  const recomputed = scoreBids(
    evaluation.input,
    await loadTablesFor(lotOf(tender, evaluation.lotId).awardModel),
  );
  const stored = evaluation.result;
  const sameEngine = recomputed.engineVersion === stored.engineVersion;
  const notCompared = sameEngine ? [] : changedSince(stored.engineVersion);
  const sharedFields =
    notCompared === null
      ? null
      : {
          identical:
            canonicalJson(without(recomputed, notCompared)) === canonicalJson(without(stored, notCompared)),
          notCompared,
        };
  return {
    engineVersion: recomputed.engineVersion,
    inputDigest: recomputed.inputDigest,
    digestMatches: recomputed.inputDigest === stored.inputDigest,
    identical: sameEngine && canonicalJson(recomputed) === canonicalJson(stored),
    sharedFields,
    note: sameEngine
      ? "recomputed on read from the stored input, the pinned table versions and the same engine version"
      : sharedFields === null
        ? `stored with ${stored.engineVersion}, which ${recomputed.engineVersion} does not know: recomputed, not compared`
        : `stored with ${stored.engineVersion}, recomputed with ${recomputed.engineVersion}: ${sharedFields.identical ? "identical" : "different"} on the fields both versions share (all but ${["engineVersion", ...notCompared!].join(", ")})`,
  };
}

/**
 * A result without the engine version and the given dotted paths (fields another version shapes
 * differently); a path through a list drops the field from each element.
 */
function without(result: ScoringResult, paths: readonly string[]): unknown {
  const drop = (node: unknown, keys: string[]): unknown => {
    if (Array.isArray(node)) return node.map((element) => drop(element, keys));
    if (typeof node !== "object" || node === null) return node;
    const [key, ...rest] = keys;
    const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
    if (rest.length === 0) delete copy[key!];
    else if (key! in copy) copy[key!] = drop(copy[key!], rest);
    return copy;
  };
  return paths.reduce((acc, path) => drop(acc, path.split(".")), drop(result, ["engineVersion"]));
}
