/**
 * Score corrections. On a tender with `pricesSealedUntilQualityScored` the committee's scores freeze
 * the moment every bid is scored and the prices are revealed: a score changed after that could be
 * chosen to flip the ranking now that the prices are known. A mistake is still fixable: one officer
 * proposes a correction with a reason, a second officer of the buying municipality approves it, and
 * only then do the bid's scores change. Every evaluation names the corrections it includes.
 *
 * Status: proposed → applied | withdrawn; each transition is one write conditional on the status, so
 * of two concurrent approvals (or an approval and a withdrawal) exactly one wins. Stored as
 * lib/entities/score-correction.ts describes.
 */
import { appendAudit } from "../audit/audit.js";
import type { ScoreCorrectionResponse, ScoreEntryResponse } from "../schemas/responses/tenders.js";
import { Conflict, Forbidden, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import type { Actor, Operation } from "../operation.js";
import type { ScoreCorrectionBody } from "../schemas/tenders.js";
import { committeeScoresEntity, scoresKey } from "../entities/committee-scores.js";
import {
  correctionKey,
  scoreCorrectionEntity,
  scoreCorrectionQueries,
} from "../entities/score-correction.js";
import { DEFAULT_LOT, parseBidId } from "../domain/lots.js";
import { lotStatus } from "./lots.js";
import { createOnce, getItem, publicFields, setIf, updateVersioned } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import { allScores, type StoredBid, type StoredScores, submittedBids } from "./bids.js";
import { checkScores, FREEZABLE, scoresFrozen } from "./committee-scores.js";
import { type Lot, loadOwnTender, loadTender, type Tender } from "./tenders.js";

export type ScoreEntry = ScoreEntryResponse;

/** A correction as stored, and as the correction routes answer it. */
export type StoredCorrection = ScoreCorrectionResponse;

/** Like a bid's: the audit trail of a correction is `score-correction:<tenderId>:<correctionId>`. */
const entityId = (c: Pick<StoredCorrection, "tenderId" | "id">) => `${c.tenderId}/${c.id}`;

type CorrectionItem = StoredCorrection & { lastOpId?: string };

const toCorrectionItem = (item: unknown): CorrectionItem =>
  scoreCorrectionEntity.read(item) satisfies CorrectionItem;

/** A correction by id: its key names its lot, so each of the tender's lots is tried (lot "1" first). */
async function readCorrection(tender: Tender, id: string): Promise<CorrectionItem> {
  const lots = [DEFAULT_LOT, ...tender.lots.map((l) => l.id).filter((l) => l !== DEFAULT_LOT)];
  for (const lot of lots) {
    const item = await getItem(correctionKey(tender.id, id, lot));
    if (!item) continue;
    const { pk: _pk, sk: _sk, ...correction } = scoreCorrectionEntity.read(item);
    return correction;
  }
  throw new NotFound("score correction");
}

const publicCorrection = (item: CorrectionItem) => publicFields<StoredCorrection>(item);

export async function allCorrections(tenderId: string, lot = DEFAULT_LOT): Promise<StoredCorrection[]> {
  const items = await queryAll(scoreCorrectionQueries.ofTender(tenderId, lot));
  return items.map((i) => publicCorrection(toCorrectionItem(i)));
}

/** Applied corrections in the order they were applied. */
export const appliedCorrections = async (tenderId: string, lot = DEFAULT_LOT) =>
  (await allCorrections(tenderId, lot))
    .filter((c) => c.status === "applied")
    .sort((a, b) => a.appliedAt!.localeCompare(b.appliedAt!) || a.id.localeCompare(b.id));

/** Corrections exist only between the reveal of the prices and the final award. */
function requireCorrectable(tender: Tender, lot: Lot, bids: StoredBid[], scores: Map<string, StoredScores>) {
  const status = lotStatus(tender, lot);
  if (status === "awarded" || status === "cancelled") {
    throw new Conflict(
      `The ${status === tender.status ? "tender" : `lot ${lot.id}`} is ${status}; its scores are final and cannot be corrected.`,
      "corrections-closed",
    );
  }
  if (FREEZABLE.includes(status) && scoresFrozen(tender, lot, bids, scores)) return;
  throw new Conflict(
    !tender.pricesSealedUntilQualityScored
      ? "This tender does not seal prices, so its committee scores never freeze; they are entered with PUT …/bids/{bidId}/scores while the bids are opened."
      : "The prices are still sealed, so the committee's scores are not frozen yet: change them with PUT …/bids/{bidId}/scores until every bid is scored.",
    "scores-not-frozen",
  );
}

const entriesOf = (scores: StoredScores, criterionIds: string[]): ScoreEntry[] =>
  criterionIds.map((criterionId) => {
    const current = scores.scores[criterionId]!;
    return { criterionId, score: current.score, justification: current.justification };
  });

const sameEntries = (a: ScoreEntry[], b: ScoreEntry[]) =>
  a.length === b.length &&
  a.every((e, i) => e.score === b[i]!.score && e.justification === b[i]!.justification);

/** Time-ordered and stable across retries of the same operation. */
const newCorrectionId = (op: Operation) =>
  `${op.now.toISOString().replace(/[^0-9]/g, "")}-${op.id("score-correction").slice(0, 10)}`;

/** The entries a correction writes and the current ones they replace; refused when nothing differs. */
function changedEntries(current: StoredScores, body: ScoreCorrectionBody) {
  const after = body.scores.map((s) => ({
    criterionId: s.criterionId,
    score: s.score,
    justification: s.justification,
  }));
  const before = entriesOf(
    current,
    after.map((s) => s.criterionId),
  );
  if (sameEntries(before, after)) {
    throw new RuleViolation(
      "correction-changes-nothing",
      "The correction repeats the bid's current scores and justifications.",
      [{ path: "body.scores", message: "no score or justification differs from the current one" }],
    );
  }
  return { before, after };
}

export async function proposeCorrection(
  op: Operation,
  tenderId: string,
  body: ScoreCorrectionBody,
): Promise<StoredCorrection> {
  const tender = await loadOwnTender(op, tenderId);
  const lot = tender.lots.find((l) => l.id === parseBidId(body.bidId).lotId);
  if (!lot) throw new InvalidInput([{ path: "body.bidId", message: "no submitted bid with this id" }]);
  const bids = await submittedBids(tenderId, lot.id);
  const scores = await allScores(tenderId, lot.id);
  requireCorrectable(tender, lot, bids, scores);
  const current = scores.get(body.bidId);
  if (!current || !bids.some((b) => b.bidId === body.bidId)) {
    throw new InvalidInput([{ path: "body.bidId", message: "no submitted bid with this id" }]);
  }
  checkScores(lot.awardModel.criteria ?? [], body);
  const { before, after } = changedEntries(current, body);
  const correction: StoredCorrection = {
    id: newCorrectionId(op),
    tenderId,
    lotId: lot.id,
    bidId: body.bidId,
    before,
    after,
    reason: body.reason,
    status: "proposed",
    proposedBy: op.actor.sub,
    proposedAt: op.now.toISOString(),
    approvedBy: null,
    appliedAt: null,
    withdrawnAt: null,
  };
  const stored = publicCorrection(
    toCorrectionItem(
      await createOnce(
        { ...correctionKey(tenderId, correction.id, lot.id), lastOpId: op.opId, ...correction },
        "This score correction",
      ),
    ),
  );
  await appendAudit(op, {
    entityType: "score-correction",
    entityId: entityId(stored),
    action: "score-correction.proposed",
    after: stored,
    regionId: tender.regionId,
    summary: `bid ${stored.bidId}: ${after.map((s) => `${s.criterionId}=${s.score}`).join(", ")}`,
  });
  return stored;
}

function refuseDecided(correction: StoredCorrection, verb: "approved" | "withdrawn"): never {
  throw new Conflict(
    correction.status === "applied"
      ? `The correction was already approved and applied; it cannot be ${verb}. Propose another correction to change the scores again.`
      : `The correction was withdrawn; it cannot be ${verb}. Propose a new one.`,
    correction.status === "applied" ? "correction-applied" : "correction-withdrawn",
  );
}

/**
 * Writes the corrected scores into the bid's scores. Idempotent (the scores list the corrections
 * applied to them), so a retry, or the next evaluation, completes an approval that died between
 * its steps. Rebased on a concurrent change, which only another correction of the same bid makes.
 */
export async function applyToScores(correction: StoredCorrection, opId: string): Promise<void> {
  const key = scoresKey(correction.tenderId, correction.bidId, correction.lotId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await getItem(key);
    if (!found) throw new NotFound("scores");
    const current = committeeScoresEntity.read(found);
    const applied = current.corrections ?? [];
    if (applied.includes(correction.id)) return;
    const entries = Object.fromEntries(
      correction.after.map((s) => [
        s.criterionId,
        {
          score: s.score,
          justification: s.justification,
          at: correction.appliedAt,
          by: correction.proposedBy,
          correctionId: correction.id,
        },
      ]),
    );
    try {
      await updateVersioned(
        key,
        current.version,
        { scores: { ...current.scores, ...entries }, corrections: [...applied, correction.id] },
        opId,
      );
      return;
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
  }
  throw new Conflict("The bid's scores are being changed by another correction; retry.");
}

/**
 * A second officer of the buying municipality approves: the correction is applied and the bid's
 * scores change. The proposer cannot approve their own correction (403).
 */
export async function approveCorrection(
  op: Operation,
  tenderId: string,
  correctionId: string,
): Promise<StoredCorrection> {
  const tender = await loadOwnTender(op, tenderId);
  const found = await readCorrection(tender, correctionId);
  const lot = tender.lots.find((l) => l.id === found.lotId);
  if (!lot) throw new NotFound("score correction");
  if (found.proposedBy === op.actor.sub) {
    throw new Forbidden("A correction needs a second officer: its proposer cannot approve it.");
  }
  // A retry of this operation finds its own approval and completes the remaining steps.
  if (!(found.status === "applied" && found.lastOpId === op.opId)) {
    if (found.status !== "proposed") refuseDecided(found, "approved");
    const bids = await submittedBids(tenderId, lot.id);
    const scores = await allScores(tenderId, lot.id);
    requireCorrectable(tender, lot, bids, scores);
    const now = entriesOf(
      scores.get(found.bidId)!,
      found.before.map((s) => s.criterionId),
    );
    if (!sameEntries(now, found.before)) {
      // Perhaps by this very correction, approved concurrently.
      const current = await readCorrection(tender, correctionId);
      if (current.status !== "proposed") refuseDecided(current, "approved");
      throw new Conflict(
        "The bid's scores changed since this correction was proposed (another correction was applied); withdraw it and propose a new one.",
        "correction-outdated",
      );
    }
    const won = await setIf(
      correctionKey(tenderId, correctionId, found.lotId),
      { status: "applied", approvedBy: op.actor.sub, appliedAt: op.now.toISOString(), lastOpId: op.opId },
      { status: "proposed" },
    );
    if (!won) {
      const current = await readCorrection(tender, correctionId);
      if (current.lastOpId !== op.opId) refuseDecided(current, "approved");
    }
  }
  const applied = publicCorrection(await readCorrection(tender, correctionId));
  await applyToScores(applied, op.opId);
  await appendAudit(op, {
    entityType: "score-correction",
    entityId: entityId(applied),
    action: "score-correction.applied",
    before: publicCorrection(found),
    after: applied,
    regionId: tender.regionId,
    summary: `bid ${applied.bidId}: ${applied.after.map((s) => `${s.criterionId}=${s.score}`).join(", ")}`,
  });
  return applied;
}

/** The proposer withdraws a correction that was not applied; withdrawing it again changes nothing. */
export async function withdrawCorrection(
  op: Operation,
  tenderId: string,
  correctionId: string,
): Promise<StoredCorrection> {
  const tender = await loadOwnTender(op, tenderId);
  const found = await readCorrection(tender, correctionId);
  if (found.proposedBy !== op.actor.sub) {
    throw new Forbidden("Only the officer who proposed a correction can withdraw it.");
  }
  if (found.status === "applied") refuseDecided(found, "withdrawn");
  if (found.status === "withdrawn" && found.lastOpId !== op.opId) return publicCorrection(found);
  if (found.status === "proposed") {
    const won = await setIf(
      correctionKey(tenderId, correctionId, found.lotId),
      { status: "withdrawn", withdrawnAt: op.now.toISOString(), lastOpId: op.opId },
      { status: "proposed" },
    );
    if (!won) {
      const current = await readCorrection(tender, correctionId);
      if (current.status === "applied") refuseDecided(current, "withdrawn");
      if (current.lastOpId !== op.opId) return publicCorrection(current);
    }
  }
  const withdrawn = publicCorrection(await readCorrection(tender, correctionId));
  await appendAudit(op, {
    entityType: "score-correction",
    entityId: entityId(withdrawn),
    action: "score-correction.withdrawn",
    before: publicCorrection(found),
    after: withdrawn,
    regionId: tender.regionId,
  });
  return withdrawn;
}

/** GET …/score-corrections: the buying municipality's officers, lot by lot, oldest first. */
export async function listCorrections(
  actor: Actor,
  tenderId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<StoredCorrection>> {
  const tender = await loadTender(actor, tenderId);
  if (actor.role !== "officer" || tender.buyerId !== actor.orgId) throw new NotFound("tender");
  const result = await queryPage({ ...scoreCorrectionQueries.ofAllLots(tenderId), ...page });
  return {
    items: result.items.map((i) => publicCorrection(toCorrectionItem(i))),
    nextCursor: result.nextCursor,
  };
}
