import type { Money } from "../../../lib/domain/money.js";
import type { AwardModel, RankedBid } from "../../../lib/domain/scoring/types.js";
import type { LotProcess, TenderProcess } from "../../../lib/ocds/process.js";
import type { Lot, Tender } from "../../../lib/tenders/tenders.js";

/** Tender processes built directly, for the pure OCDS mapping. */

export const eur = (amount: number): Money => ({ amount, currency: "EUR" });

export const weightedPoints: AwardModel = {
  method: "weighted-points",
  price: { formula: "absolute-linear", maxPoints: 40, bounds: { min: eur(1_000), max: eur(3_000) } },
  criteria: [{ id: "plan", name: "Plan", scale: { min: 0, max: 10 }, maxPoints: 60, minimumScore: 4 }],
  socialReturn: { mode: "minimum", catalogue: { id: "oost-nederland" }, percentOfPrice: 5 },
  tieBreakers: ["higher-quality", "lower-price"],
};

export const PUBLISHED_AT = "2026-03-02T09:00:00.000Z";
export const DEADLINE = "2026-03-16T11:00:00.000Z";

export function lot(id: string, overrides: Partial<Lot> = {}): Lot {
  return {
    id,
    title: `Lot ${id}`,
    estimatedValue: eur(2_000),
    awardModel: weightedPoints,
    status: null,
    evaluation: null,
    intendedAward: null,
    award: null,
    ...overrides,
  };
}

export function tender(overrides: Partial<Tender> = {}): Tender {
  const lots = overrides.lots ?? [lot("1")];
  return {
    id: "t-1",
    buyerId: "gm-zwolle",
    regionId: "oost-nederland",
    reference: "ZW-1",
    title: "Groenonderhoud",
    description: null,
    cpvCode: "77310000-6",
    estimatedValue: eur(2_000 * lots.length),
    contractType: "services",
    labourShare: null,
    contractPeriod: { startDate: "2026-06-01", endDate: "2027-05-31" },
    submissionDeadline: DEADLINE,
    awardModel: weightedPoints,
    noImpactCriteriaReason: null,
    pricesSealedUntilQualityScored: false,
    publishBidPrices: false,
    standstillDays: 20,
    procedure: "open",
    algemeneTermijnenwet: true,
    lots,
    maxLotsPerSupplier: null,
    status: "published",
    published: { at: PUBLISHED_AT, by: "officer-sub-1", tables: [] },
    opened: null,
    evaluation: null,
    intendedAward: null,
    award: null,
    cancellation: null,
    createdAt: "2026-03-01T09:00:00.000Z",
    createdBy: "officer-sub-1",
    version: 2,
    ...overrides,
  };
}

/** A ranked bid with a breakdown that carries its price: rank null = not compliant. */
export function ranked(bidId: string, price: Money, rank: number | null, planScore = 6): RankedBid {
  return {
    bidId,
    rank,
    compliant: rank !== null,
    reasons:
      rank === null
        ? [`social-return offer is below the required 5 % of the bid price (${price.amount * 0.05})`]
        : [],
    totalScore: rank === null ? null : 80 - rank,
    evaluatedPrice: price,
    breakdown: {
      price,
      corrections: [],
      correctedPrice: price,
      correctedPriceFormula: `${price.amount}`,
      pricePoints: { formula: "absolute-linear", points: 20, maxPoints: 40, text: "…" },
      quality: [
        {
          criterionId: "plan",
          name: "Plan",
          score: planScore,
          scale: { min: 0, max: 10 },
          minimumScore: 4,
          meetsMinimum: planScore >= 4,
          points: planScore * 6,
          maxPoints: 60,
          value: null,
          maxValue: null,
          formula: "…",
        },
      ],
      qualityPoints: planScore * 6,
      socialReturn: null,
      valueDeductions: [],
      fictitiousPrice: null,
    },
    flags: [],
  };
}

export const emptyLot = (): LotProcess => ({ bids: [], evaluation: null, contract: null });

export function process(t: Tender, lots: Record<string, LotProcess> = {}): TenderProcess {
  return {
    tender: t,
    organisations: {
      "gm-zwolle": { id: "gm-zwolle", name: "Gemeente Zwolle", kvk: null },
      "sup-a": { id: "sup-a", name: "Aannemer A", kvk: "90000001" },
      "sup-b": { id: "sup-b", name: "Aannemer B", kvk: "90000002" },
      "sup-c": { id: "sup-c", name: "Aannemer C", kvk: null },
    },
    lots: Object.fromEntries(t.lots.map((l) => [l.id, lots[l.id] ?? emptyLot()])),
  };
}
