/**
 * The award, lot by lot. The officer records a lot's intended award (another than the best-ranked bid
 * under `maxLotsPerSupplier` only with a reason; lots in the order of their ids); after the standstill
 * period the award becomes final and creates the lot's contract (once: the contract id derives from
 * the tender and lot ids, so a retried award never makes two). Both wait for a new evaluation once a
 * score correction made the latest one stale.
 */
import { type AwardPromise, createContractFromAward } from "../contracts/from-award.js";
import { Conflict, InvalidInput, RuleViolation } from "../domain/errors.js";
import { centsFromMoney } from "../domain/money.js";
import type { RankedBid, ScoringResult } from "../domain/scoring/types.js";
import { earlierLotPending, lotCap, lotsWonBefore, parseBidId, primaryLotId } from "../domain/lots.js";
import { lotChange, lotOf, lotStatus } from "./lots.js";
import type { Operation } from "../operation.js";
import type { IntendedAwardBody } from "../schemas/tenders.js";
import { amsterdamDate } from "../domain/amsterdam-time.js";
import { standstillPeriod } from "../domain/procurement/standstill.js";
import { type StoredBid, submittedBid } from "./bids.js";
import { latestEvaluation, lotSummary, refuseStale } from "./evaluation.js";
import {
  auditTransition,
  lastWrittenBy,
  type Lot,
  loadOwnTender,
  type Tender,
  transition,
} from "./tenders.js";
import { psoLevelFromStored } from "../domain/sroi/pso.js";

/** The lot an award acts on: the one named, or the primary lot (the tender-level routes). */
const lotFor = (tender: Tender, lotId: string | undefined) =>
  lotOf(tender, lotId ?? primaryLotId(tender.lots));

/** Lots are awarded in the order of their ids: an earlier lot without an intended or final award comes first. */
function refuseEarlierLotPending(tender: Tender, lot: Lot) {
  const pending = earlierLotPending(tender.lots, lot.id);
  if (pending === null) return;
  throw new Conflict(
    `Lot ${pending} comes before lot ${lot.id}: lots are awarded in the order of their ids, so record lot ${pending}'s intended award first.`,
    "earlier-lot-pending",
  );
}

/**
 * The bid an intended award goes to: the one named, or else the best-ranked compliant bid whose supplier
 * is under `maxLotsPerSupplier`; with the better-ranked bids the cap passed over. A reason is required
 * for another bid than that best one under the cap, or for one sharing its rank with a drawing of lots.
 */
function chooseBid(tender: Tender, lot: Lot, result: ScoringResult, choice: IntendedAwardBody) {
  const supplierOf = (bidId: string) => parseBidId(bidId).supplierId;
  const cap = lotCap(
    result.ranking.map((r) => ({ bidId: r.bidId, supplierId: supplierOf(r.bidId), rank: r.rank })),
    (supplierId) => lotsWonBefore(tender.lots, lot.id, supplierId),
    tender.maxLotsPerSupplier,
  );
  const bidId = choice.bidId ?? cap.eligible?.bidId;
  if (bidId === undefined) {
    throw new RuleViolation(
      "no-eligible-bid",
      `Lot ${lot.id} has no compliant bid of a supplier under the cap.`,
    );
  }
  const entry = result.ranking.find((r) => r.bidId === bidId);
  if (!entry)
    throw new InvalidInput([{ path: "body.bidId", message: "no bid with this id in the evaluation" }]);
  if (entry.rank === null) {
    throw new RuleViolation(
      "bid-not-compliant",
      `Bid ${entry.bidId} is not compliant: ${entry.reasons.join("; ")}.`,
    );
  }
  if (cap.capped(supplierOf(entry.bidId))) {
    const won = lotsWonBefore(tender.lots, lot.id, supplierOf(entry.bidId));
    throw new RuleViolation(
      "max-lots-per-supplier",
      `The supplier of bid ${entry.bidId} already won lot ${won.join(", ")}; a supplier may win at most ${tender.maxLotsPerSupplier} lots.`,
      [{ path: "body.bidId", message: `at most ${tender.maxLotsPerSupplier} lots per supplier` }],
    );
  }
  const best = cap.eligible!.rank;
  const tied = result.ties.some(
    (t) =>
      t.drawingOfLotsNeeded &&
      t.bidIds.includes(entry.bidId) &&
      t.sharedRank === best &&
      t.bidIds.some((id) => id !== entry.bidId && !cap.capped(supplierOf(id))),
  );
  if ((entry.rank !== best || tied) && !choice.reason) {
    throw new RuleViolation(
      "award-reason-required",
      entry.rank !== best
        ? `Bid ${entry.bidId} is ranked ${entry.rank}; awarding another than rank ${best} needs a recorded reason.`
        : `Bid ${entry.bidId} shares rank ${best}; record the drawing of lots (or other reason) that chose it.`,
      [{ path: choice.bidId === undefined ? "body.bidId" : "body.reason", message: "required" }],
    );
  }
  return { entry: { ...entry, rank: entry.rank }, passedOver: cap.passedOver(entry.rank) };
}

/** The intended award of a lot (default: the primary lot), in the order of the lots' ids. */
export async function recordIntendedAward(
  op: Operation,
  tenderId: string,
  choice: IntendedAwardBody,
  lotId?: string,
): Promise<Tender> {
  const tender = await loadOwnTender(op, tenderId);
  const lot = lotFor(tender, lotId);
  const status = lotStatus(tender, lot);
  if (status === "award-intended" && (await lastWrittenBy(op, tenderId))) {
    // A retry of this operation after its state write: only the event may be missing.
    await auditTransition(op, undefined, tender, "tender.award-intended", intendedSummary(tender, lot));
    return tender;
  }
  if (status !== "evaluated") {
    throw new Conflict(
      `The ${status === tender.status ? "tender" : `lot ${lot.id}`} is ${status}; the intended award follows the evaluation.`,
    );
  }
  refuseEarlierLotPending(tender, lot);
  const evaluation = await latestEvaluation(tender, lot.id);
  await refuseStale(evaluation, tender);
  const { entry, passedOver } = chooseBid(tender, lot, evaluation.result, choice);
  const standstill = standstillPeriod(op.now, tender.standstillDays, tender.algemeneTermijnenwet);
  const intendedAward = {
    bidId: entry.bidId,
    rank: entry.rank,
    reason: choice.reason ?? null,
    at: op.now.toISOString(),
    by: op.actor.sub,
    standstillEndsAt: standstill.standstillEndsAt,
    finalAwardPossibleFrom: standstill.finalAwardPossibleFrom,
    passedOver,
  };
  return transition(
    op,
    tender,
    lotChange(tender, lot.id, { status: "award-intended", intendedAward }),
    "tender.award-intended",
    intendedSummary(tender, { ...lot, intendedAward }),
  );
}

const intendedSummary = (tender: Tender, { id, intendedAward: a }: Lot) =>
  lotSummary(
    tender,
    id,
    `bid ${a?.bidId} (rank ${a?.rank}); standstill until ${a?.standstillEndsAt}, final from ${a?.finalAwardPossibleFrom}` +
      (a?.passedOver?.length ? `; passed over ${a.passedOver.map((p) => p.bidId).join(", ")}` : ""),
  );

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
 * The contract an award creates: the tender's terms and the winning bid's price and offers. A lot of a
 * tender with several has its own reference and title ("ZW-2026-017-2", "… — Perceel 2").
 */
const contractOf = (op: Operation, tender: Tender, lot: Lot, bid: StoredBid, entry: RankedBid) => ({
  tenderId: tender.id,
  lotId: lot.id,
  reference: tender.lots.length > 1 ? `${tender.reference}-${lot.id}` : tender.reference,
  title: tender.lots.length > 1 ? `${tender.title} — ${lot.title}` : tender.title,
  buyerId: tender.buyerId,
  supplierId: bid.supplierId,
  type: tender.contractType,
  valueCents: centsFromMoney(bid.content.price),
  labourShare: tender.labourShare,
  startDate: tender.contractPeriod.startDate,
  endDate: tender.contractPeriod.endDate,
  awardDate: amsterdamDate(op.now),
  // Bids stored before levels had names carry a digit in certificates.pso.
  psoLevel: bid.content.psoLevel ?? psoLevelFromStored(bid.content.certificates?.pso),
  psoCertificateValidUntil: bid.content.psoCertificateValidUntil ?? null,
  offerLines: bid.content.socialReturnOffer ?? [],
  promises: promisesOf(entry),
});

/**
 * The final award of a lot (default: the primary lot) after the standstill period: creates the lot's
 * contract (idempotently) and marks the lot awarded. Calling it again returns the tender; it never
 * makes a second contract.
 */
export async function finaliseAward(op: Operation, tenderId: string, lotId?: string): Promise<Tender> {
  const tender = await loadOwnTender(op, tenderId);
  const lot = lotFor(tender, lotId);
  const status = lotStatus(tender, lot);
  if (status === "awarded") {
    // A retry of the awarding operation completes its event; anyone else just reads the award.
    if (await lastWrittenBy(op, tenderId))
      await auditTransition(op, undefined, tender, "tender.awarded", awardedSummary(tender, lot));
    return tender;
  }
  if (status !== "award-intended" || !lot.intendedAward) {
    throw new Conflict(
      `The ${status === tender.status ? "tender" : `lot ${lot.id}`} is ${status}; record the intended award first.`,
    );
  }
  const award = lot.intendedAward;
  const evaluation = await latestEvaluation(tender, lot.id);
  await refuseStale(evaluation, tender);
  if (op.now.getTime() < Date.parse(award.standstillEndsAt)) {
    throw new RuleViolation(
      "standstill-running",
      `The standstill period runs until ${award.standstillEndsAt}; the award becomes final after it.`,
    );
  }
  const bid = await submittedBid(tenderId, award.bidId);
  const entry = evaluation.result.ranking.find((r) => r.bidId === award.bidId)!;
  const contract = await createContractFromAward(op, contractOf(op, tender, lot, bid, entry));
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
      lotChange(tender, lot.id, { status: "awarded", award: final }),
      "tender.awarded",
      awardedSummary(tender, { ...lot, award: final }),
    );
  } catch (error) {
    // Concurrent awards: one wins the versioned write (and records it); the others return its award.
    if (!(error instanceof Conflict)) throw error;
    const current = await loadOwnTender(op, tenderId);
    if (lotStatus(current, lotOf(current, lot.id)) !== "awarded") throw error;
    return current;
  }
}

const awardedSummary = (tender: Tender, { id, award }: Lot) =>
  lotSummary(tender, id, `contract ${award?.contractId}`);
