import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bidIdFor,
  compareLotIds,
  earlierLotPending,
  inAwardOrder,
  leastAdvanced,
  LOT_STATUSES,
  lotCap,
  lotErrors,
  lotsWonBefore,
  MAX_LOTS,
  parseBidId,
  primaryLotId,
} from "../../../lib/domain/lots.js";
import { evaluationRun } from "../../../lib/entities/evaluation.js";
import {
  publicationIndexKeys,
  publishedTenderIndexKeys,
  tenderIndexKeys,
  tenderKey,
} from "../../../lib/entities/tender.js";
import { MAX_BIDS, MAX_CRITERIA, MAX_CRITERIA_PER_TENDER } from "../../../lib/domain/scoring/limits.js";
import type { AwardModel } from "../../../lib/domain/scoring/types.js";
import { storedLots } from "../../../lib/tenders/lots.js";
import type { Lot } from "../../../lib/tenders/tenders.js";

const lot = (id: string, winner?: string, final = false) => ({
  id,
  intendedAward: winner && !final ? { bidId: winner } : null,
  award: winner && final ? { bidId: winner } : null,
});

describe("the award order of lots", () => {
  it("compares digits as numbers, before anything else, which compares as strings", () => {
    expect(inAwardOrder([{ id: "10" }, { id: "2" }, { id: "1" }]).map((l) => l.id)).toEqual(["1", "2", "10"]);
    expect(inAwardOrder([{ id: "B" }, { id: "A-2" }, { id: "A" }]).map((l) => l.id)).toEqual([
      "A",
      "A-2",
      "B",
    ]);
    expect(inAwardOrder([{ id: "1a" }, { id: "10" }, { id: "2" }]).map((l) => l.id)).toEqual([
      "2",
      "10",
      "1a",
    ]);
    expect(compareLotIds("02", "2")).not.toBe(0);
    expect(compareLotIds("3", "3")).toBe(0);
  });

  it("is a total order: antisymmetric and transitive on any ids", () => {
    const id = fc.oneof(fc.stringMatching(/^[0-9]{1,4}$/), fc.stringMatching(/^[A-Za-z0-9-]{1,5}$/));
    fc.assert(
      fc.property(id, id, id, (a, b, c) => {
        expect(Math.sign(compareLotIds(a, b)) + Math.sign(compareLotIds(b, a))).toBe(0);
        if (compareLotIds(a, b) <= 0 && compareLotIds(b, c) <= 0)
          expect(compareLotIds(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("names the first earlier lot without an intended or final award", () => {
    const lots = [lot("10"), lot("2", "s1"), lot("1", "s1", true), lot("3")];
    expect(earlierLotPending(lots, "1")).toBeNull();
    expect(earlierLotPending(lots, "3")).toBeNull();
    expect(earlierLotPending(lots, "10")).toBe("3");
  });

  it('the primary lot is "1" when there is one, else the first', () => {
    expect(primaryLotId([{ id: "2" }, { id: "1" }, { id: "0" }])).toBe("1");
    expect(primaryLotId([{ id: "B" }, { id: "A" }])).toBe("A");
  });

  it("the tender's status is its least advanced lot's", () => {
    expect(leastAdvanced(["awarded", "evaluated", "award-intended"])).toBe("evaluated");
    expect(leastAdvanced(["awarded"])).toBe("awarded");
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LOT_STATUSES), { minLength: 1 }), (statuses) => {
        const least = LOT_STATUSES.indexOf(leastAdvanced(statuses));
        expect(statuses.every((s) => LOT_STATUSES.indexOf(s) >= least)).toBe(true);
        expect(statuses).toContain(leastAdvanced(statuses));
      }),
    );
  });
});

describe("bid ids name their lot", () => {
  it("lot 1 keeps the supplier's id (as bids before lots); others add the lot", () => {
    expect(bidIdFor("sup-a", "1")).toBe("sup-a");
    expect(bidIdFor("sup-a", "2")).toBe("sup-a~2");
    expect(parseBidId("sup-a~2")).toEqual({ supplierId: "sup-a", lotId: "2" });
    expect(parseBidId("sup-a")).toEqual({ supplierId: "sup-a", lotId: "1" });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/),
        fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
        (s, l) => {
          expect(parseBidId(bidIdFor(s, l))).toEqual({ supplierId: s, lotId: l });
        },
      ),
    );
  });
});

describe("maxLotsPerSupplier", () => {
  // The worked example of lib/domain/scoring/README.md, "Lots (percelen)".
  const lots = [lot("1", "bouw-a"), lot("2")];
  const ranking = [
    { bidId: "bouw-a~2", supplierId: "bouw-a", rank: 1 },
    { bidId: "bouw-b~2", supplierId: "bouw-b", rank: 2 },
    { bidId: "bouw-c~2", supplierId: "bouw-c", rank: null },
  ];
  const won = (supplierId: string) => lotsWonBefore(lots, "2", supplierId);

  it("passes over a supplier at the cap for the next compliant bid, and says why", () => {
    const cap = lotCap(ranking, won, 1);
    expect(cap.eligible?.bidId).toBe("bouw-b~2");
    expect(cap.passedOver(2)).toEqual([
      {
        bidId: "bouw-a~2",
        supplierId: "bouw-a",
        rank: 1,
        reason: "the supplier already won lot 1 and may win at most 1 (maxLotsPerSupplier)",
      },
    ]);
    expect(cap.capped("bouw-a")).toBe(true);
  });

  it("passes over nobody without a cap or under it", () => {
    for (const max of [null, 2]) {
      const cap = lotCap(ranking, won, max);
      expect(cap.eligible?.bidId).toBe("bouw-a~2");
      expect(cap.passedOver(2)).toEqual([]);
    }
  });

  it("counts final and intended awards of earlier lots only", () => {
    const all = [lot("1", "x", true), lot("2", "x~2"), lot("3", "x~3")];
    expect(lotsWonBefore(all, "3", "x")).toEqual(["1", "2"]);
    expect(lotsWonBefore(all, "1", "x")).toEqual([]);
  });
});

describe("checking the lots of a tender", () => {
  it("refuses duplicate ids, too many lots or criteria, a cap above the lot count and a value that is not the sum", () => {
    const lots = [
      { id: "1", estimatedValueCents: 100_00 },
      { id: "1", estimatedValueCents: 50_00 },
    ];
    expect(lotErrors(lots, 3, 100_00)).toEqual([
      { path: "body.lots.1.id", message: 'lot "1" appears twice' },
      { path: "body.maxLotsPerSupplier", message: "at most the number of lots (2)" },
      { path: "body.estimatedValue", message: "the tender's value is the sum of its lots' values (150.00)" },
    ]);
    expect(lotErrors(lots.slice(0, 1), 1, 100_00)).toEqual([]);
    const criteria = (n: number) => [
      { id: "1", estimatedValueCents: 0, criteria: MAX_CRITERIA },
      { id: "2", estimatedValueCents: 0, criteria: n },
    ];
    expect(lotErrors(criteria(MAX_CRITERIA_PER_TENDER - MAX_CRITERIA), null, undefined)).toEqual([]);
    expect(lotErrors(criteria(MAX_CRITERIA_PER_TENDER - MAX_CRITERIA + 1), null, undefined)).toEqual([
      {
        path: "body.lots",
        message: `at most ${MAX_CRITERIA_PER_TENDER} quality criteria over all lots; these have ${MAX_CRITERIA_PER_TENDER + 1}`,
      },
    ]);
    expect(lotErrors(lots.slice(0, 1), null, undefined)).toEqual([]);
  });
});

/**
 * The largest tender item that can be stored: every field at its schema's longest, in the widest
 * characters its schema allows (free text 3 bytes a character, ids and labels that match an ASCII
 * pattern 1 byte), every number at its longest form, every optional field present. After publication
 * the model's table references are the tables' own ids and version labels (ASCII), each lot may use
 * four tables of its own, each with a source of 1000 3-byte characters; before it, a draft keeps the
 * references as written (any text). Both are measured.
 */
function largestTenderBytes(lotCount: number, criteriaCount: number, state: "draft" | "final"): number {
  const final = state === "final";
  const text = (n: number, i = 0) => `${"€".repeat(n - 4)}${String(i).padStart(4, "0")}`;
  const ascii = (n: number, i = 0) => `${"a".repeat(n - 4)}${String(i).padStart(4, "0")}`;
  /** A table id or version label: any text on a draft, the table's own (ASCII, 64) once published. */
  const ref = (i: number) => (final ? ascii(64, i) : text(100, i));
  const money = { amount: 9_999_999_999.99, currency: "EUR" as const };
  const scale = -999_999.999999;
  const points = 99_999.999999;
  const factor = 999_999.999999;
  const percent = 99.999999;
  const at = "2026-05-04T08:00:00.000Z";
  const sub = ascii(128);
  const supplier = (i: number) => ascii(64, i);
  const lotId = (l: number) => ascii(20, l);
  const tenderId = ascii(22);
  // Criteria spread over the lots (each at most MAX_CRITERIA); their size does not depend on where.
  const criteriaOf = (l: number) => Math.min(MAX_CRITERIA, Math.max(0, criteriaCount - l * MAX_CRITERIA));
  expect(Array.from({ length: lotCount }, (_, l) => criteriaOf(l)).reduce((a, b) => a + b, 0)).toBe(
    criteriaCount,
  );
  const model = (l: number): AwardModel =>
    ({
      method: "weighted-points",
      price: {
        formula: "relative-lowest",
        maxPoints: points,
        bounds: { min: money, max: money },
        logBase: factor,
      },
      criteria: Array.from({ length: criteriaOf(l) }, (_, i) => ({
        id: text(100, l * 100 + i),
        name: text(200, i),
        scale: { min: scale, max: scale, zeroAt: scale },
        maxPoints: points,
        maxValue: money,
        minimumScore: scale,
        kind: "sustainable",
      })),
      corrections: {
        certificate: { tableId: ref(4 * l), version: ref(4 * l) },
        truePrice: {
          factorSetId: ref(4 * l + 1),
          version: ref(4 * l + 1),
          weight: factor,
          // Categories of the factor set: its factors' categories are any text.
          categories: Array.from({ length: 20 }, (_, i) => text(100, i)),
          socialCosts: true,
          co2Price: { tableId: ref(4 * l + 2), version: ref(4 * l + 2) },
        },
        lcc: true,
        mki: { valuationFactor: factor },
      },
      socialReturn: {
        mode: "euro-credit",
        catalogue: { id: ref(4 * l + 3), version: ref(4 * l + 3) },
        percentOfPrice: percent,
        fullPointsAtPercent: percent,
        maxPoints: points,
        creditFactor: factor,
      },
      tieBreakers: ["higher-quality", "lower-price", "earlier-submission"],
      abnormallyLow: { belowMeanPercent: percent, belowNextPercent: percent },
    }) as AwardModel;
  const by = { at, by: sub };
  const lots: Lot[] = Array.from({ length: lotCount }, (_, l) => ({
    id: lotId(l),
    title: text(300, l),
    estimatedValue: money,
    awardModel: model(l),
    status: final ? "awarded" : null,
    evaluation: final
      ? {
          ...by,
          run: evaluationRun(at, "00000000-0000-0000-0000-000000000000", lotId(l)),
          inputDigest: "f".repeat(64),
          engineVersion: ascii(64),
        }
      : null,
    intendedAward: final
      ? {
          ...by,
          bidId: bidIdFor(supplier(l), lotId(l)),
          rank: MAX_BIDS,
          reason: text(2000, l),
          standstillEndsAt: at,
          finalAwardPossibleFrom: "2026-05-05",
          // The most bids the cap passes over: with maxLotsPerSupplier 1, every earlier lot's winner,
          // each with the reason lotCap writes (a higher cap passes over fewer suppliers).
          passedOver: lotCap(
            Array.from({ length: l }, (_, i) => ({
              bidId: bidIdFor(supplier(i), lotId(l)),
              supplierId: supplier(i),
              rank: MAX_BIDS - l + i,
            })),
            (s) => [lotId(Number(s.slice(-4)))],
            1,
          ).passedOver(MAX_BIDS),
        }
      : null,
    award: final
      ? {
          ...by,
          bidId: bidIdFor(supplier(l), lotId(l)),
          contractId: `ct-${tenderId}~lot-${lotId(l)}`,
          value: money,
        }
      : null,
  }));
  const item = {
    ...tenderKey(tenderId),
    ...tenderIndexKeys({ id: tenderId, buyerId: supplier(0), createdAt: at }),
    ...(final ? publishedTenderIndexKeys({ id: tenderId, submissionDeadline: at }) : {}),
    ...(final ? publicationIndexKeys({ id: tenderId, buyerId: supplier(0) }, at) : {}),
    lastOpId: "00000000-0000-0000-0000-000000000000",
    id: tenderId,
    buyerId: supplier(0),
    regionId: supplier(0),
    reference: text(100),
    title: text(300),
    description: text(10_000),
    cpvCode: "45233140-2",
    estimatedValue: money,
    contractType: "works",
    labourShare: 0.999999,
    contractPeriod: { startDate: "2026-05-05", endDate: "2026-05-05" },
    submissionDeadline: at,
    noImpactCriteriaReason: text(2000),
    pricesSealedUntilQualityScored: true,
    standstillDays: 365,
    procedure: "competitive-dialogue",
    algemeneTermijnenwet: true,
    maxLotsPerSupplier: lotCount,
    status: final ? "awarded" : "draft",
    published: final
      ? {
          ...by,
          tables: lots.flatMap((_, l) =>
            (["certificate-discount", "true-price-factors", "co2-price", "sroi-catalogue"] as const).map(
              (kind, k) => ({ kind, id: ref(4 * l + k), version: ref(4 * l + k), source: text(1000, k) }),
            ),
          ),
        }
      : null,
    opened: final ? { ...by, bidCount: MAX_BIDS * lotCount } : null,
    // A tender is cancelled only before all its lots are awarded; counted here on top of them all.
    cancellation: final ? { ...by, reason: text(2000) } : null,
    createdAt: at,
    createdBy: sub,
    version: 1_000_000_000,
    awardModel: lots[0]!.awardModel,
    evaluation: lots[0]!.evaluation,
    intendedAward: lots[0]!.intendedAward,
    award: lots[0]!.award,
    lots: storedLots(lots),
  };
  return Buffer.byteLength(JSON.stringify(item), "utf8");
}

describe("the size of the largest tender", () => {
  it(`${MAX_LOTS} lots with ${MAX_CRITERIA_PER_TENDER} criteria, or one lot with ${MAX_CRITERIA}, every field at its longest, stay below 90 % of DynamoDB's 400 KB per item`, () => {
    const sizes = {
      [`${MAX_LOTS} lots, awarded`]: largestTenderBytes(MAX_LOTS, MAX_CRITERIA_PER_TENDER, "final"),
      [`${MAX_LOTS} lots, draft`]: largestTenderBytes(MAX_LOTS, MAX_CRITERIA_PER_TENDER, "draft"),
      "1 lot, awarded": largestTenderBytes(1, MAX_CRITERIA, "final"),
    };
    for (const [what, bytes] of Object.entries(sizes)) {
      console.log(`largest tender item, ${what}: ${bytes} bytes of JSON`);
      expect(bytes).toBeLessThan(360_000);
    }
  });
});
