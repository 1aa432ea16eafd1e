/**
 * The award. The officer records an intended award (another than rank 1 only with a reason); after
 * the standstill period the award becomes final and creates the contract (once: the contract id
 * derives from the tender id, so a retried award never makes two). Both wait for a new evaluation
 * once a score correction made the latest one stale.
 */
import { type AwardPromise, createContractFromAward } from "../contracts/from-award.js";
import { Conflict, InvalidInput, RuleViolation } from "../domain/errors.js";
import { centsFromMoney } from "../domain/money.js";
import type { RankedBid } from "../domain/scoring/types.js";
import type { Operation } from "../operation.js";
import type { IntendedAwardBody } from "../schemas/tenders.js";
import { amsterdamDate } from "../domain/amsterdam-time.js";
import { standstillPeriod } from "../domain/procurement/standstill.js";
import { type StoredBid, submittedBid } from "./bids.js";
import { latestEvaluation, refuseStale } from "./evaluation.js";
import { auditTransition, lastWrittenBy, loadOwnTender, type Tender, transition } from "./tenders.js";
import { psoLevelFromStored } from "../domain/sroi/pso.js";

export async function recordIntendedAward(
  op: Operation,
  tenderId: string,
  choice: IntendedAwardBody,
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
  const standstill = standstillPeriod(op.now, tender.standstillDays, tender.algemeneTermijnenwet);
  const intendedAward = {
    bidId: entry.bidId,
    rank: entry.rank,
    reason: choice.reason ?? null,
    at: op.now.toISOString(),
    by: op.actor.sub,
    standstillEndsAt: standstill.standstillEndsAt,
    finalAwardPossibleFrom: standstill.finalAwardPossibleFrom,
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
  `bid ${a?.bidId} (rank ${a?.rank}); standstill until ${a?.standstillEndsAt}, final from ${a?.finalAwardPossibleFrom}`;

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

/** The contract an award creates: the tender's terms and the winning bid's price and offers. */
const contractOf = (op: Operation, tender: Tender, bid: StoredBid, entry: RankedBid) => ({
  tenderId: tender.id,
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
  // Bids stored before levels had names carry a digit in certificates.pso.
  psoLevel: bid.content.psoLevel ?? psoLevelFromStored(bid.content.certificates?.pso),
  psoCertificateValidUntil: bid.content.psoCertificateValidUntil ?? null,
  offerLines: bid.content.socialReturnOffer ?? [],
  promises: promisesOf(entry),
});

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
  const contract = await createContractFromAward(op, contractOf(op, tender, bid, entry));
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
