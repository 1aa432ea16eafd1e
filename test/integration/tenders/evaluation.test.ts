import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { operation } from "../../../lib/operation.js";
import { createContractFromAward } from "../../../lib/contracts/from-award.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { call, clock, DEMO, type DemoTokens, seedDemo, tokenFor } from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/** Committee scores, compliance, intended award rules and the stored evaluation, through the real handlers. */

let tokens: DemoTokens;
let supplier2: string;
let supplier3: string;
let otherOfficer: string;
const START = new Date("2026-05-04T08:00:00Z");
const [s1, s2, s3] = DEMO.suppliers;

const scores = (plan: number, climate: number, version?: number) => ({
  scores: [
    { criterionId: "plan", score: plan, justification: "Committee consensus on the plan." },
    { criterionId: "climate", score: climate, justification: "Committee consensus on climate measures." },
  ],
  ...(version ? { version } : {}),
});

beforeAll(async () => {
  clock.set(START);
  try {
    tokens = await seedDemo();
    await seedSroiRules(
      operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "eval-sroi"),
    );
    supplier2 = await tokenFor("supplier", s2);
    supplier3 = await tokenFor("supplier", s3);
    otherOfficer = await tokenFor("officer", DEMO.municipalities[2]);
  } finally {
    clock.reset();
  }
});
// Every case starts at START with a tender of its own; the clock goes back to real time after it.
beforeEach(() => clock.set(START));
afterEach(() => clock.reset());

let tenders = 0;
/** A published tender with three bids (1.9, 2.3 and 2.1 million), opened 15 days after START. */
async function openedTender(): Promise<string> {
  const created = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    body: tenderBody(START, { reference: `ZW-2026-EVAL-${++tenders}` }),
  });
  expect(created.status).toBe(201);
  const tenderId: string = created.body.id;
  await call("POST", `/v1/tenders/${tenderId}/publish`, { token: tokens.officer });
  for (const [token, price] of [
    [tokens.supplier, 1_900_000],
    [supplier2, 2_300_000],
    [supplier3, 2_100_000],
  ] as const) {
    expect((await call("POST", `/v1/tenders/${tenderId}/bids`, { token, body: bidBody(price) })).status).toBe(
      201,
    );
  }
  // Scores cannot be entered before the bids are opened.
  const early = await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
    token: tokens.officer,
    body: scores(5, 5),
  });
  expect(early.status).toBe(409);
  clock.set(new Date(START.getTime() + 15 * DAY));
  expect((await call("POST", `/v1/tenders/${tenderId}/open`, { token: tokens.officer })).status).toBe(200);
  return tenderId;
}

/** The committee's scores: IJsselbouw's plan (3) is below the minimum 4, so rank 1 is s2, rank 2 s3. */
async function scoreEveryBid(tenderId: string) {
  for (const [bidId, plan, climate] of [
    [s1, 3, 4],
    [s2, 8, 9],
    [s3, 8, 7],
  ] as const) {
    const scored = await call("PUT", `/v1/tenders/${tenderId}/bids/${bidId}/scores`, {
      token: tokens.officer,
      body: scores(plan, climate),
    });
    expect(scored.status).toBe(200);
  }
}

/** An evaluated tender whose intended award went to rank 2 (s3), with the reason it needs. */
async function tenderAwardIntendedToS3(): Promise<string> {
  const tenderId = await openedTender();
  await scoreEveryBid(tenderId);
  expect((await call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer })).status).toBe(
    201,
  );
  const intended = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
    token: tokens.officer,
    body: { bidId: s3, reason: "Rank 1 withdrew its bid in writing after the evaluation." },
  });
  expect(intended.status).toBe(200);
  return tenderId;
}

describe("committee scores", () => {
  it("scores only a submitted bid of this tender (404 otherwise)", async () => {
    const tenderId = await openedTender();
    const response = await call("PUT", `/v1/tenders/${tenderId}/bids/no-such-supplier/scores`, {
      token: tokens.officer,
      body: scores(5, 5),
    });
    expect(response.status).toBe(404);
  });

  it("checks criteria and scales with field paths", async () => {
    const tenderId = await openedTender();
    const response = await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
      token: tokens.officer,
      body: {
        scores: [
          { criterionId: "plan", score: 11, justification: "Too generous." },
          { criterionId: "colour", score: 1, justification: "No such criterion." },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.path)).toEqual([
      "body.scores.0.score",
      "body.scores.1.criterionId",
    ]);
    const noJustification = await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
      token: tokens.officer,
      body: { scores: [{ criterionId: "plan", score: 5 }] },
    });
    expect(noJustification.status).toBe(400);
    expect(noJustification.body.errors[0].path).toBe("body.scores.0.justification");
  });

  it("stores them versioned: a second entry needs the version read", async () => {
    const tenderId = await openedTender();
    // IJsselbouw's plan (3) is below the minimum score 4: not compliant.
    const first = await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
      token: tokens.officer,
      body: scores(6, 4),
    });
    expect(first.status).toBe(200);
    expect(first.body.scores.plan).toMatchObject({
      score: 6,
      justification: "Committee consensus on the plan.",
    });
    expect(
      (
        await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
          token: tokens.officer,
          body: scores(3, 4),
        })
      ).status,
    ).toBe(409);
    const changed = await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
      token: tokens.officer,
      body: {
        scores: [{ criterionId: "plan", score: 3, justification: "Reviewed: no phasing at all." }],
        version: 1,
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, scores: { plan: { score: 3 }, climate: { score: 4 } } });
    expect(
      (
        await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
          token: otherOfficer,
          body: scores(5, 5),
        })
      ).status,
    ).toBe(404);
  });
});

describe("evaluation and intended award", () => {
  it("needs every bid scored, then stores a result that recomputes identically", async () => {
    const tenderId = await openedTender();
    await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
      token: tokens.officer,
      body: scores(3, 4),
    });
    const incomplete = await call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((e: any) => e.path)).toEqual([
      `bids.${s2}.scores.plan`,
      `bids.${s2}.scores.climate`,
      `bids.${s3}.scores.plan`,
      `bids.${s3}.scores.climate`,
    ]);
    await call("PUT", `/v1/tenders/${tenderId}/bids/${s2}/scores`, {
      token: tokens.officer,
      body: scores(8, 9),
    });
    await call("PUT", `/v1/tenders/${tenderId}/bids/${s3}/scores`, {
      token: tokens.officer,
      body: scores(8, 7),
    });

    const evaluated = await call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(evaluated.status).toBe(201);
    expect(evaluated.body.ranking.map((r: any) => [r.bidId, r.rank, r.compliant])).toEqual([
      [s2, 1, true],
      [s3, 2, true],
      [s1, null, false],
    ]);
    expect(evaluated.body.ranking[2].reasons).toEqual([
      'criterion "plan" scored 3, below the minimum score 4',
    ]);

    // Read as stored; `?verify=true` runs the engine again on the stored input and compares.
    const stored = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(stored.body.inputDigest).toBe(evaluated.body.inputDigest);
    expect(stored.body.verification).toBeUndefined();
    const verified = await call("GET", `/v1/tenders/${tenderId}/evaluation?verify=true`, {
      token: tokens.officer,
    });
    expect(verified.body.verification).toMatchObject({ digestMatches: true, identical: true });
    const { verification: _, ...asStored } = verified.body;
    expect(asStored).toEqual(stored.body);
    const invalid = await call("GET", `/v1/tenders/${tenderId}/evaluation?verify=yes`, {
      token: tokens.officer,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: any) => e.path)).toEqual(["query.verify"]);
    // The region's auditor reads it too; another municipality does not.
    expect((await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.auditor })).status).toBe(
      200,
    );
    expect((await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: otherOfficer })).status).toBe(
      404,
    );

    // Evaluating again on the same data gives the same digest.
    const again = await call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(again.body.inputDigest).toBe(evaluated.body.inputDigest);
  });

  it("refuses a non-compliant bid, and another than rank 1 without a reason", async () => {
    const tenderId = await openedTender();
    await scoreEveryBid(tenderId);
    expect((await call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer })).status).toBe(
      201,
    );
    const excluded = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s1 },
    });
    expect(excluded.status).toBe(422);
    expect(excluded.body.code).toBe("bid-not-compliant");
    const unknown = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
      token: tokens.officer,
      body: { bidId: "nobody" },
    });
    expect(unknown.status).toBe(400);
    const second = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s3 },
    });
    expect(second.status).toBe(422);
    expect(second.body.errors).toEqual([{ path: "body.reason", message: "required" }]);

    const withReason = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s3, reason: "Rank 1 withdrew its bid in writing after the evaluation." },
    });
    expect(withReason.status).toBe(200);
    expect(withReason.body.intendedAward).toMatchObject({
      bidId: s3,
      rank: 2,
      reason: expect.stringContaining("withdrew"),
    });
    // Sent Tuesday 19 May 2026: the 20 days run 20 May to Monday 8 June; final from 9 June 00:00 Amsterdam.
    expect(clock.now().toISOString()).toBe("2026-05-19T08:00:00.000Z");
    expect(withReason.body.intendedAward).toMatchObject({
      standstillEndsAt: "2026-06-08T22:00:00.000Z",
      finalAwardPossibleFrom: "2026-06-09",
    });
    // The model is frozen and the evaluation closed: no more scores, no second intended award.
    expect(
      (
        await call("PUT", `/v1/tenders/${tenderId}/bids/${s3}/scores`, {
          token: tokens.officer,
          body: scores(1, 1, 1),
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
          token: tokens.officer,
          body: { bidId: s2 },
        })
      ).status,
    ).toBe(409);
  });

  it("lets each bidder read its own evaluation and the winner's scores", async () => {
    const tenderId = await tenderAwardIntendedToS3();
    const excluded = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.supplier });
    expect(excluded.status).toBe(200);
    expect(excluded.body.own).toMatchObject({ bidId: s1, rank: null, compliant: false });
    expect(excluded.body.winner).toMatchObject({ bidId: s3, rank: 2 });
    expect(excluded.body.winner.quality.map((q: any) => [q.criterionId, q.score])).toEqual([
      ["plan", 8],
      ["climate", 7],
    ]);
    expect(JSON.stringify(excluded.body)).not.toContain(s2);
    const winner = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: supplier3 });
    expect(winner.body.own.breakdown.price).toEqual({ amount: 2_100_000, currency: "EUR" });
  });

  it("a retried award after a crash between its steps completes it with the one contract", async () => {
    const tenderId = await tenderAwardIntendedToS3();
    const tender = (await call("GET", `/v1/tenders/${tenderId}`, { token: tokens.officer })).body;
    clock.set(new Date(tender.intendedAward.standstillEndsAt));
    // Step 1 of the award ran (the contract exists), then the process died before the tender was updated.
    const op = operation(
      { sub: "test-officer", role: "officer", orgId: DEMO.municipalities[0], regionId: DEMO.region },
      clock.now(),
      "crashed-award",
    );
    const first = await createContractFromAward(op, {
      tenderId,
      reference: tender.reference,
      title: tender.title,
      buyerId: tender.buyerId,
      supplierId: s3,
      type: tender.contractType,
      valueCents: 210_000_000,
      startDate: tender.contractPeriod.startDate,
      endDate: tender.contractPeriod.endDate,
      awardDate: clock.now().toISOString().slice(0, 10),
    });
    expect((await call("GET", `/v1/tenders/${tenderId}`, { token: tokens.officer })).body.status).toBe(
      "award-intended",
    );

    const retried = await call("POST", `/v1/tenders/${tenderId}/award`, { token: tokens.officer });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "awarded", award: { bidId: s3, contractId: first.id } });
    const again = await call("POST", `/v1/tenders/${tenderId}/award`, { token: tokens.officer });
    expect(again.body.award.contractId).toBe(first.id);
    const contracts = await call("GET", "/v1/contracts?limit=500", { token: tokens.officer });
    expect(contracts.body.items.filter((c: any) => c.tenderId === tenderId)).toHaveLength(1);
  });
});
