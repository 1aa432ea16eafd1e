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
import { tenderKey } from "../../../lib/entities/tender.js";
import { MAX_CRITERIA } from "../../../lib/domain/scoring/limits.js";
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
  it("refuses duplicate ids, too many lots, a cap above the lot count and a value that is not the sum", () => {
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
    expect(lotErrors(lots.slice(0, 1), null, undefined)).toEqual([]);
  });
});

describe("the size of the largest tender", () => {
  it(`${MAX_LOTS} lots, each with the largest award model and every text at its longest, stay below 90 % of DynamoDB's 400 KB per item`, () => {
    const text = (n: number, i = 0) => `${"€".repeat(n - 4)}${String(i).padStart(4, "0")}`;
    const money = { amount: 123_456_789_012.34, currency: "EUR" as const };
    const model = (l: number): AwardModel =>
      ({
        method: "weighted-points",
        price: {
          formula: "absolute-linear",
          maxPoints: 1000,
          bounds: { min: money, max: money },
          logBase: 10,
        },
        criteria: Array.from({ length: MAX_CRITERIA }, (_, i) => ({
          id: text(100, l * 100 + i),
          name: text(200, i),
          scale: { min: -1_000_000, max: 1_000_000, zeroAt: 123_456.78 },
          maxPoints: 1234.56,
          maxValue: money,
          minimumScore: 123_456.78,
        })),
        corrections: {
          certificate: { tableId: text(100), version: text(100) },
          truePrice: {
            factorSetId: text(100),
            version: text(100),
            weight: 1,
            categories: Array.from({ length: 20 }, (_, i) => text(100, i)),
            co2Price: { tableId: text(100), version: text(100) },
          },
          lcc: true,
          mki: { valuationFactor: 1 },
        },
        socialReturn: {
          mode: "minimum",
          catalogue: { id: text(100), version: text(100) },
          percentOfPrice: 5,
        },
        tieBreakers: ["higher-quality", "lower-price"],
      }) as AwardModel;
    const by = { at: "2026-05-04T08:00:00.000Z", by: text(100) };
    const lots: Lot[] = Array.from({ length: MAX_LOTS }, (_, l) => ({
      id: text(20, l).replace(/€/g, "L"),
      title: text(300, l),
      estimatedValue: money,
      awardModel: model(l),
      status: "awarded",
      evaluation: {
        ...by,
        run: evaluationRun(by.at, text(36), text(20)),
        inputDigest: "f".repeat(64),
        engineVersion: "9.99.99",
      },
      intendedAward: {
        ...by,
        bidId: text(200),
        rank: 200,
        reason: text(2000),
        standstillEndsAt: by.at,
        finalAwardPossibleFrom: "2026-05-05",
        // A supplier is passed over only for a lot it won before: at most one per earlier lot.
        passedOver: Array.from({ length: l }, (_, i) => ({
          bidId: text(200, i),
          supplierId: text(200, i),
          rank: i + 1,
          reason: `the supplier already won lots ${text(20)} and may win at most ${MAX_LOTS} (maxLotsPerSupplier)`,
        })),
      },
      award: { ...by, bidId: text(200), contractId: text(200), value: money },
    }));
    const item = {
      ...tenderKey(text(22)),
      title: text(300),
      description: text(10_000),
      reference: text(100),
      awardModel: lots[0]!.awardModel,
      evaluation: lots[0]!.evaluation,
      intendedAward: lots[0]!.intendedAward,
      award: lots[0]!.award,
      lots: storedLots(lots),
    };
    const bytes = Buffer.byteLength(JSON.stringify(item), "utf8");
    console.log(`largest tender item: ${bytes} bytes of JSON`);
    expect(bytes).toBeLessThan(360_000);
  });
});
