import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE_VERSION } from "../../../lib/domain/scoring/engine.js";
import { evaluationKey } from "../../../lib/entities/evaluation.js";
import { tenderKey } from "../../../lib/entities/tender.js";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import type { Tender } from "../../../lib/tenders/tenders.js";
import { call, clock, DEMO, type DemoTokens, seedDemo, tokenFor } from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/**
 * Evaluations are stored with the engine version that made them. One stored by the previous engine
 * (whole rankings in its leave-one-out section) is still read, verified (reported as made by another
 * engine, not hidden) and used for the award.
 */

const START = new Date("2026-05-04T08:00:00Z");
const OLD_ENGINE = "impact-scoring/1.0.0";
const [s1, s2] = DEMO.suppliers;
let tokens: DemoTokens;
let tenderId: string;

const scores = (plan: number, climate: number) => ({
  scores: [
    { criterionId: "plan", score: plan, justification: "Committee consensus." },
    { criterionId: "climate", score: climate, justification: "Committee consensus." },
  ],
});

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
  await seedSroiRules(
    operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "old-eval-sroi"),
  );
  const created = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    // A relative price formula, so the stored result has a leave-one-out section.
    body: tenderBody(START, {
      awardModel: { ...tenderBody(START).awardModel, price: { formula: "relative-lowest", maxPoints: 40 } },
    }),
  });
  tenderId = created.body.id;
  await call("POST", `/v1/tenders/${tenderId}/publish`, { token: tokens.officer });
  const supplier2 = await tokenFor("supplier", s2);
  await call("POST", `/v1/tenders/${tenderId}/bids`, { token: tokens.supplier, body: bidBody(1_900_000) });
  await call("POST", `/v1/tenders/${tenderId}/bids`, { token: supplier2, body: bidBody(2_300_000) });
  clock.set(new Date(START.getTime() + 15 * DAY));
  await call("POST", `/v1/tenders/${tenderId}/open`, { token: tokens.officer });
  await call("PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, {
    token: tokens.officer,
    body: scores(6, 6),
  });
  await call("PUT", `/v1/tenders/${tenderId}/bids/${s2}/scores`, {
    token: tokens.officer,
    body: scores(9, 9),
  });
  expect((await call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer })).status).toBe(
    201,
  );

  // Rewrite the stored result as the previous engine wrote it.
  const tender = (await getItem<Tender>(tenderKey(tenderId)))!;
  const item = (await getItem<Record<string, any>>(evaluationKey(tenderId, tender.evaluation!.run)))!;
  item.result.engineVersion = OLD_ENGINE;
  item.result.robustness.bidRemoval = item.result.robustness.bidRemoval.map((r: any) => ({
    removedBidId: r.removedBidId,
    ranking: item.result.ranking
      .filter((x: any) => x.bidId !== r.removedBidId && x.rank !== null)
      .map((x: any, i: number) => ({ bidId: x.bidId, rank: i + 1 })),
    reversals: [],
  }));
  await db.send(new PutCommand({ TableName: tableName(), Item: item }));
});
afterAll(() => clock.reset());

describe("an evaluation stored by the previous engine", () => {
  it("is read as stored and reported as made by another engine", async () => {
    const read = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(read.status).toBe(200);
    expect(read.body.engineVersion).toBe(OLD_ENGINE);
    expect(read.body.robustness.bidRemoval[0].ranking).toEqual(expect.any(Array));
    expect(read.body.verification).toEqual({
      engineVersion: ENGINE_VERSION,
      inputDigest: read.body.inputDigest,
      digestMatches: true,
      identical: false,
      note: `stored with ${OLD_ENGINE}, recomputed with ${ENGINE_VERSION}`,
    });
    expect((await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.auditor })).status).toBe(
      200,
    );
  });

  it("still carries the intended award, the bidders' view and the final award", async () => {
    const intended = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s2 },
    });
    expect(intended.status).toBe(200);
    const own = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.supplier });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ engineVersion: OLD_ENGINE, own: { bidId: s1 }, winner: { bidId: s2 } });
    clock.set(new Date(intended.body.intendedAward.standstillEndsAt));
    const awarded = await call("POST", `/v1/tenders/${tenderId}/award`, { token: tokens.officer });
    expect(awarded.status).toBe(200);
    expect(awarded.body.award).toMatchObject({ bidId: s2, value: { amount: 2_300_000, currency: "EUR" } });
  });
});
