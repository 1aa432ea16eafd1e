import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_CRITERIA_PER_TENDER } from "../../../lib/domain/scoring/limits.js";
import { tenderKey } from "../../../lib/entities/tender.js";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import { call, clock, DEMO, type DemoTokens, seedDemo, tokenFor } from "../../support/api.js";
import { DAY, eur, tenderBody } from "./support.js";

/** Lots (percelen) through the real handlers: bids, evaluation, intended award and award per lot. */

let tokens: DemoTokens;
let supplier2: string;
let supplier3: string;
const START = new Date("2026-05-04T08:00:00Z");
const [s1, s2, s3] = DEMO.suppliers;

beforeAll(async () => {
  clock.set(START);
  try {
    tokens = await seedDemo();
    await seedSroiRules(
      operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "lots-sroi"),
    );
    supplier2 = await tokenFor("supplier", s2);
    supplier3 = await tokenFor("supplier", s3);
  } finally {
    clock.reset();
  }
});
beforeEach(() => clock.set(START));
afterEach(() => clock.reset());

const lowestPrice = { method: "lowest-price" };
/** Lowest price on every lot: publishing needs the reason ("pas toe of leg uit"). */
const noImpactCriteriaReason = "Standard maintenance where the price is the only distinguishing factor.";
const twoLots = [
  { id: "1", title: "Perceel 1: Zwolle-Noord", estimatedValue: eur(100_000), awardModel: lowestPrice },
  { id: "2", title: "Perceel 2: Zwolle-Zuid", estimatedValue: eur(150_000.5), awardModel: lowestPrice },
];

let count = 0;
function lotBody(overrides: Record<string, unknown> = {}) {
  const {
    estimatedValue: _value,
    awardModel: _model,
    ...body
  } = tenderBody(START, {
    reference: `ZW-2026-LOTS-${++count}`,
    title: "Groenonderhoud Zwolle",
    contractType: "services",
    pricesSealedUntilQualityScored: false,
  });
  return { ...body, lots: twoLots, maxLotsPerSupplier: 1, noImpactCriteriaReason, ...overrides };
}

async function ok(response: Promise<{ status: number; body: any; text: string }>, status = 200) {
  const r = await response;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

/** A published two-lot tender; s1 is cheapest on both lots, s2 second; opened after the deadline. */
async function openedTwoLotTender(): Promise<string> {
  const tender = await ok(call("POST", "/v1/tenders", { token: tokens.officer, body: lotBody() }), 201);
  await ok(call("POST", `/v1/tenders/${tender.id}/publish`, { token: tokens.officer }));
  for (const [token, lotId, price] of [
    [tokens.supplier, undefined, 90_000],
    [tokens.supplier, "2", 120_000],
    [supplier2, "1", 95_000],
    [supplier2, "2", 130_000],
    [supplier3, "2", 140_000],
  ] as const) {
    await ok(
      call("POST", `/v1/tenders/${tender.id}/bids`, {
        token,
        body: { price: eur(price), ...(lotId ? { lotId } : {}) },
      }),
      201,
    );
  }
  clock.set(new Date(START.getTime() + 15 * DAY));
  await ok(call("POST", `/v1/tenders/${tender.id}/open`, { token: tokens.officer }));
  return tender.id;
}

describe("a tender with lots", () => {
  it("takes its lots on create and PATCH: the value is their sum; duplicates, a cap above the lots and a wrong sum are 400", async () => {
    const tender = await ok(call("POST", "/v1/tenders", { token: tokens.officer, body: lotBody() }), 201);
    expect(tender).toMatchObject({
      estimatedValue: eur(250_000.5),
      awardModel: lowestPrice,
      maxLotsPerSupplier: 1,
      lots: [
        {
          id: "1",
          title: "Perceel 1: Zwolle-Noord",
          estimatedValue: eur(100_000),
          status: null,
          award: null,
        },
        { id: "2", title: "Perceel 2: Zwolle-Zuid", estimatedValue: eur(150_000.5), awardModel: lowestPrice },
      ],
    });
    const bad = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: lotBody({
        lots: [twoLots[0], { ...twoLots[1], id: "1" }],
        maxLotsPerSupplier: 3,
        estimatedValue: eur(1),
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "body.lots.1.id",
      "body.maxLotsPerSupplier",
      "body.estimatedValue",
    ]);
    const edited = await ok(
      call("PATCH", `/v1/tenders/${tender.id}`, {
        token: tokens.officer,
        body: { version: 1, lots: [...twoLots, { ...twoLots[0], id: "3", title: "Perceel 3: centrum" }] },
      }),
    );
    expect(edited.lots.map((l: { id: string }) => l.id)).toEqual(["1", "2", "3"]);
    expect(edited.estimatedValue).toEqual(eur(350_000.5));
    // Without `lots`, the tender's value and award model belong to its lots.
    const refused = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: 2, estimatedValue: eur(5) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe("body.estimatedValue");
  });

  it(`refuses more than ${MAX_CRITERIA_PER_TENDER} quality criteria over all lots, on create and PATCH, naming body.lots`, async () => {
    const withCriteria = (n: number, lotId: string) => ({
      method: "weighted-points",
      price: { formula: "relative-lowest", maxPoints: 40 },
      criteria: Array.from({ length: n }, (_, i) => ({
        id: `q${lotId}-${i}`,
        name: `Criterion ${i}`,
        scale: { min: 0, max: 10 },
        maxPoints: 1,
      })),
    });
    const lots = (perLot: number) =>
      Array.from({ length: 3 }, (_, i) => ({
        id: String(i + 1),
        title: `Perceel ${i + 1}`,
        estimatedValue: eur(100_000),
        awardModel: withCriteria(perLot, String(i + 1)),
      }));
    const perLot = Math.floor(MAX_CRITERIA_PER_TENDER / 3) + 1;
    const refused = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: lotBody({ lots: lots(perLot) }),
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        path: "body.lots",
        message: `at most ${MAX_CRITERIA_PER_TENDER} quality criteria over all lots; these have ${3 * perLot}`,
      },
    ]);
    const tender = await ok(
      call("POST", "/v1/tenders", { token: tokens.officer, body: lotBody({ lots: lots(perLot - 1) }) }),
      201,
    );
    const patched = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: 1, lots: lots(perLot) },
    });
    expect(patched.status, patched.text).toBe(400);
    expect(patched.body.errors[0].path).toBe("body.lots");
  });

  it("a supplier at maxLotsPerSupplier is passed over on the next lot, which the intended award says", async () => {
    const id = await openedTwoLotTender();
    // A supplier bids on several lots, once on each; lot 1's bid id is the supplier's, as before lots.
    const own = await call("GET", `/v1/tenders/${id}/bids`, { token: tokens.supplier });
    expect(own.body.items.map((b: { bidId: string; lotId: string }) => [b.bidId, b.lotId])).toEqual([
      [s1, "1"],
      [`${s1}~2`, "2"],
    ]);
    const opened = await ok(call("GET", `/v1/tenders/${id}`, { token: tokens.officer }));
    expect(opened).toMatchObject({ status: "opened", opened: { bidCount: 5 } });
    expect(opened.lots.map((l: { status: string }) => l.status)).toEqual(["opened", "opened"]);

    const lot2 = await ok(
      call("POST", `/v1/tenders/${id}/lots/2/evaluation`, { token: tokens.officer }),
      201,
    );
    expect(lot2.ranking.map((r: { bidId: string; rank: number }) => [r.bidId, r.rank])).toEqual([
      [`${s1}~2`, 1],
      [`${s2}~2`, 2],
      [`${s3}~2`, 3],
    ]);
    // Lot 2 cannot be intended before lot 1.
    const early = await call("POST", `/v1/tenders/${id}/lots/2/intended-award`, {
      token: tokens.officer,
      body: {},
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("earlier-lot-pending");

    // The tender-level routes act on lot 1.
    const lot1 = await ok(call("POST", `/v1/tenders/${id}/evaluation`, { token: tokens.officer }), 201);
    expect(lot1.ranking[0].bidId).toBe(s1);
    const first = await ok(
      call("POST", `/v1/tenders/${id}/intended-award`, { token: tokens.officer, body: {} }),
    );
    expect(first).toMatchObject({
      status: "evaluated",
      intendedAward: { bidId: s1, rank: 1, passedOver: [] },
    });

    // s1 already won lot 1 and may win one lot: naming its bid is refused, and without a name s2 wins.
    const capped = await call("POST", `/v1/tenders/${id}/lots/2/intended-award`, {
      token: tokens.officer,
      body: { bidId: `${s1}~2` },
    });
    expect(capped.status).toBe(422);
    expect(capped.body.code).toBe("max-lots-per-supplier");
    const second = await ok(
      call("POST", `/v1/tenders/${id}/lots/2/intended-award`, { token: tokens.officer, body: {} }),
    );
    expect(second.status).toBe("award-intended");
    expect(second.intendedAward.bidId).toBe(s1); // the top level mirrors lot 1
    expect(second.lots[1].intendedAward).toMatchObject({
      bidId: `${s2}~2`,
      rank: 2,
      reason: null,
      passedOver: [
        {
          bidId: `${s1}~2`,
          supplierId: s1,
          rank: 1,
          reason: "the supplier already won lot 1 and may win at most 1 (maxLotsPerSupplier)",
        },
      ],
    });
    // The bidder reads the lot's evaluation with its own rank.
    const bidderView = await ok(call("GET", `/v1/tenders/${id}/lots/2/evaluation`, { token: supplier2 }));
    expect(bidderView).toMatchObject({
      own: { bidId: `${s2}~2`, rank: 2 },
      intendedAward: { bidId: `${s2}~2` },
    });

    clock.set(new Date(second.lots[1].intendedAward.standstillEndsAt));
    await ok(call("POST", `/v1/tenders/${id}/award`, { token: tokens.officer }));
    const done = await ok(call("POST", `/v1/tenders/${id}/lots/2/award`, { token: tokens.officer }));
    expect(done.status).toBe("awarded");
    const [c1, c2] = done.lots.map((l: { award: { contractId: string } }) => l.award.contractId);
    expect(c1).toBe(`ct-${id}`);
    expect(c2).toBe(`ct-${id}~lot-2`);
    const contract1 = await ok(call("GET", `/v1/contracts/${c1}`, { token: tokens.officer }));
    const contract2 = await ok(call("GET", `/v1/contracts/${c2}`, { token: tokens.officer }));
    expect(contract1).toMatchObject({ tenderId: id, lotId: "1", supplierId: s1, value: eur(90_000) });
    expect(contract2).toMatchObject({
      tenderId: id,
      lotId: "2",
      supplierId: s2,
      value: eur(130_000),
      title: "Groenonderhoud Zwolle — Perceel 2: Zwolle-Zuid",
    });
  });

  it("refuses a bid on a lot the tender does not have, naming body.lotId", async () => {
    const tender = await ok(call("POST", "/v1/tenders", { token: tokens.officer, body: lotBody() }), 201);
    await ok(call("POST", `/v1/tenders/${tender.id}/publish`, { token: tokens.officer }));
    const response = await call("POST", `/v1/tenders/${tender.id}/bids`, {
      token: tokens.supplier,
      body: { price: eur(1000), lotId: "7" },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: "body.lotId", message: 'no lot "7" in this tender (its lots: 1, 2)' },
    ]);
  });
});

describe("a tender stored before lots", () => {
  it("reads its top-level model and state as lot 1, and awards lot 1 with the tender's contract id", async () => {
    const created = await ok(
      call("POST", "/v1/tenders", {
        token: tokens.officer,
        body: tenderBody(START, {
          reference: `ZW-2026-OLD-${++count}`,
          awardModel: lowestPrice,
          noImpactCriteriaReason,
          pricesSealedUntilQualityScored: false,
        }),
      }),
      201,
    );
    const id = created.id;
    await ok(call("POST", `/v1/tenders/${id}/publish`, { token: tokens.officer }));
    for (const [token, price] of [
      [tokens.supplier, 2_000_000],
      [supplier2, 2_100_000],
    ] as const)
      await ok(call("POST", `/v1/tenders/${id}/bids`, { token, body: { price: eur(price) } }), 201);
    clock.set(new Date(START.getTime() + 15 * DAY));
    await ok(call("POST", `/v1/tenders/${id}/open`, { token: tokens.officer }));
    await ok(call("POST", `/v1/tenders/${id}/evaluation`, { token: tokens.officer }), 201);
    // Rewrite the item as it was stored before lots: lots without value, model or state, no cap.
    const item = (await getItem<Record<string, unknown>>(tenderKey(id)))!;
    const { maxLotsPerSupplier: _cap, ...old } = item;
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...old, lots: [{ id: "1", title: created.title }] },
      }),
    );
    const read = await ok(call("GET", `/v1/tenders/${id}`, { token: tokens.officer }));
    expect(read).toMatchObject({ status: "evaluated", maxLotsPerSupplier: null });
    expect(read.lots).toEqual([
      {
        id: "1",
        title: created.title,
        estimatedValue: created.estimatedValue,
        awardModel: read.awardModel,
        status: "evaluated",
        evaluation: read.evaluation,
        intendedAward: null,
        award: null,
      },
    ]);
    const intended = await ok(
      call("POST", `/v1/tenders/${id}/lots/1/intended-award`, { token: tokens.officer, body: {} }),
    );
    expect(intended.lots[0].intendedAward).toMatchObject({ bidId: s1, rank: 1 });
    clock.set(new Date(intended.intendedAward.standstillEndsAt));
    const awarded = await ok(call("POST", `/v1/tenders/${id}/lots/1/award`, { token: tokens.officer }));
    expect(awarded).toMatchObject({ status: "awarded", award: { contractId: `ct-${id}` } });
    const contract = await ok(call("GET", `/v1/contracts/ct-${id}`, { token: tokens.officer }));
    expect(contract).toMatchObject({ tenderId: id, lotId: "1", value: eur(2_000_000) });
  });
});
