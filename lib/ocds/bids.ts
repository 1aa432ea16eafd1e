/**
 * The bids extension's parts of a lot: counts and value statistics, and each bid's details with its
 * rank and score breakdown (our extension). What reveals a price only where the price is published.
 */
import { centsFromMoney, toMoney } from "../domain/money.js";
import type { RankedBid } from "../domain/scoring/types.js";
import type {
  OcdsBid,
  OcdsBidStatistic,
  OcdsOrganizationReference,
  OcdsParty,
  OcdsPartyRole,
  OcdsScoreBreakdown,
} from "../schemas/responses/ocds.js";
import type { Tender } from "../tenders/tenders.js";
import type { LotProcess, ProcessBid, TenderProcess } from "./process.js";

/** The organisations as parties, each once with all its roles (in the order first met). */
export class Parties {
  private readonly roles = new Map<string, Set<OcdsPartyRole>>();
  /** The buyer is a party of every release, first. */
  constructor(private readonly process: TenderProcess) {
    this.add(process.tender.buyerId, "buyer", "procuringEntity");
  }

  ref(id: string): OcdsOrganizationReference {
    return { id, name: this.process.organisations[id]?.name ?? id };
  }

  add(id: string, ...roles: OcdsPartyRole[]): OcdsOrganizationReference {
    const known = this.roles.get(id) ?? new Set();
    for (const role of roles) known.add(role);
    this.roles.set(id, known);
    return this.ref(id);
  }

  list(): OcdsParty[] {
    return [...this.roles].map(([id, roles]) => {
      const kvk = this.process.organisations[id]?.kvk;
      const { name } = this.ref(id);
      return {
        id,
        name,
        ...(kvk ? { identifier: { scheme: "NL-KVK", id: kvk, legalName: name } } : {}),
        roles: [...roles],
      };
    });
  }
}

const compliantBids = (lot: LotProcess) => {
  const ranking = new Map(lot.evaluation?.ranking.map((r) => [r.bidId, r]));
  return lot.bids.filter((bid) => ranking.get(bid.bidId)?.compliant === true);
};

/** Counts for a lot: bids received (at the deadline) and, once evaluated, valid bids. */
export function countStatistics(tender: Tender, lotId: string, lot: LotProcess): OcdsBidStatistic[] {
  return [
    {
      id: `${lotId}-bids`,
      measure: "bids",
      date: tender.submissionDeadline,
      value: lot.bids.length,
      relatedLot: lotId,
    },
    ...(lot.evaluation
      ? [
          {
            id: `${lotId}-validBids`,
            measure: "validBids" as const,
            date: lot.evaluation.at,
            value: compliantBids(lot).length,
            relatedLot: lotId,
          },
        ]
      : []),
  ];
}

/** After the final award: the lowest and highest valid bid values of the lot. */
export function valueStatistics(lotId: string, lot: LotProcess, date: string): OcdsBidStatistic[] {
  const values = compliantBids(lot)
    .map((bid) => centsFromMoney(bid.price))
    .sort((a, b) => a - b);
  if (values.length === 0) return [];
  const statistic = (measure: "lowestValidBidValue" | "highestValidBidValue", cents: number) => ({
    id: `${lotId}-${measure}`,
    measure,
    date,
    value: toMoney(cents).amount,
    currency: "EUR" as const,
    relatedLot: lotId,
  });
  return [
    statistic("lowestValidBidValue", values[0]!),
    statistic("highestValidBidValue", values[values.length - 1]!),
  ];
}

/**
 * A bid's score in the final evaluation. What lets a reader work out the price (price points, total,
 * evaluated value, reasons that quote amounts) only where the bid's value is published.
 */
function scoreBreakdown(entry: RankedBid, method: OcdsScoreBreakdown["method"], withPrice: boolean) {
  const { breakdown } = entry;
  const social = breakdown.socialReturn;
  const score: OcdsScoreBreakdown = {
    method,
    compliant: entry.compliant,
    criteria: breakdown.quality.map((q) => ({
      id: q.criterionId,
      name: q.name,
      score: q.score,
      scale: { min: q.scale.min, max: q.scale.max },
      minimumScore: q.minimumScore,
      meetsMinimum: q.meetsMinimum,
      points: q.points,
      maxPoints: q.maxPoints,
      ...(q.value ? { value: q.value } : {}),
      ...(q.maxValue ? { maxValue: q.maxValue } : {}),
    })),
    socialReturn: social
      ? { mode: social.mode, meetsMinimum: social.meetsMinimum, points: social.points }
      : null,
  };
  if (!withPrice) return score;
  return {
    ...score,
    reasons: entry.reasons,
    pricePoints: breakdown.pricePoints && {
      points: breakdown.pricePoints.points,
      maxPoints: breakdown.pricePoints.maxPoints,
    },
    totalScore: entry.totalScore,
    ...(entry.evaluatedPrice ? { evaluatedValue: entry.evaluatedPrice } : {}),
  };
}

export function bidDetails(
  tender: Tender,
  lotId: string,
  lot: LotProcess,
  awardedBidId: string,
  parties: Parties,
  winner: string,
): OcdsBid[] {
  const ranking = new Map(lot.evaluation?.ranking.map((r) => [r.bidId, r]));
  return lot.bids.map((bid: ProcessBid) => {
    const entry = ranking.get(bid.bidId);
    const withPrice = tender.publishBidPrices || bid.bidId === awardedBidId;
    const tenderer = parties.add(
      bid.supplierId,
      ...(bid.supplierId === winner ? (["tenderer", "supplier"] as const) : (["tenderer"] as const)),
    );
    return {
      id: bid.bidId,
      date: bid.submittedAt,
      status: entry ? (entry.compliant ? "valid" : "disqualified") : "pending",
      tenderers: [tenderer],
      ...(withPrice ? { value: bid.price } : {}),
      relatedLots: [lotId],
      rank: entry?.rank ?? null,
      ...(entry && lot.evaluation
        ? { scoreBreakdown: scoreBreakdown(entry, lot.evaluation.method, withPrice) }
        : {}),
    };
  });
}
