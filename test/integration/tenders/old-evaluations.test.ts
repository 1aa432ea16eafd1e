import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE_VERSION } from "../../../lib/domain/scoring/engine.js";
import { evaluationKey } from "../../../lib/entities/evaluation.js";
import { tenderKey } from "../../../lib/entities/tender.js";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { db } from "../../../lib/store/client.js";
import { getDocument } from "../../../lib/store/documents.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import type { Tender } from "../../../lib/tenders/tenders.js";
import { call, clock, DEMO, type DemoTokens, seedDemo, tokenFor } from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/**
 * Evaluations are stored with the engine version that made them. One stored by an earlier engine
 * (1.0.0: whole rankings in its leave-one-out section; 2.0.0: one entry per compliant bid; both with
 * input and result inline in the run item, as before documents) is still read, verified on the fields
 * both versions share (reported as made by another engine, not hidden) and used for the award; one of a
 * version this engine does not know is read and not compared.
 */

const START = new Date("2026-05-04T08:00:00Z");
const [s1, s2] = DEMO.suppliers;
let tokens: DemoTokens;

const scores = (plan: number, climate: number) => ({
  scores: [
    { criterionId: "plan", score: plan, justification: "Committee consensus." },
    { criterionId: "climate", score: climate, justification: "Committee consensus." },
  ],
});

/** An evaluated tender with a relative price formula (so its result has a leave-one-out section). */
async function evaluatedTender(reference: string): Promise<string> {
  clock.set(START);
  const created = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    body: tenderBody(START, {
      reference,
      awardModel: { ...tenderBody(START).awardModel, price: { formula: "relative-lowest", maxPoints: 40 } },
    }),
  });
  const tenderId: string = created.body.id;
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
  return tenderId;
}

/**
 * Rewrites the stored run as an earlier engine wrote it: its result changed by `rewrite`, and input and
 * result inline in the run item, as runs were stored before documents.
 */
async function rewriteStored(tenderId: string, rewrite: (result: Record<string, any>) => void) {
  const tender = (await getItem<Tender>(tenderKey(tenderId)))!;
  const item = (await getItem<Record<string, any>>(evaluationKey(tenderId, tender.evaluation!.run)))!;
  const { document, engineVersion: _v, inputDigest: _d, winner: _w, ...metadata } = item;
  const { input, result } = JSON.parse(Buffer.from((await getDocument(document.key))!).toString("utf8"));
  rewrite(result);
  await db.send(new PutCommand({ TableName: tableName(), Item: { ...metadata, input, result } }));
}

const compliantIds = (result: Record<string, any>): string[] =>
  result.ranking.filter((x: any) => x.rank !== null).map((x: any) => x.bidId);

let v1: string;
let v2: string;
let tampered: string;
let unknown: string;

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
  await seedSroiRules(
    operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "old-eval-sroi"),
  );
  v1 = await evaluatedTender("OLD-1");
  await rewriteStored(v1, (result) => {
    result.engineVersion = "impact-scoring/1.0.0";
    result.robustness.bidRemoval = compliantIds(result).map((removed) => ({
      removedBidId: removed,
      ranking: compliantIds(result)
        .filter((id) => id !== removed)
        .map((bidId, i) => ({ bidId, rank: i + 1 })),
      reversals: [],
    }));
  });
  const asV2 = (result: Record<string, any>) => {
    result.engineVersion = "impact-scoring/2.0.0";
    result.robustness.bidRemoval = compliantIds(result)
      .sort()
      .map((removedBidId) => ({ removedBidId, reversalCount: 0, reversals: [] }));
  };
  v2 = await evaluatedTender("OLD-2");
  await rewriteStored(v2, asV2);
  tampered = await evaluatedTender("OLD-2-TAMPERED");
  await rewriteStored(tampered, (result) => {
    asV2(result);
    result.ranking[0].totalScore += 1;
  });
  unknown = await evaluatedTender("FUTURE");
  await rewriteStored(unknown, (result) => {
    result.engineVersion = "impact-scoring/9.0.0";
  });
});
afterAll(() => clock.reset());

const read = (tenderId: string) =>
  call("GET", `/v1/tenders/${tenderId}/evaluation?verify=true`, { token: tokens.officer });

describe("an evaluation stored by an earlier engine", () => {
  it("1.0.0 is read as stored, and verified on every field but leave-one-out and the true-price labels", async () => {
    const response = await read(v1);
    expect(response.status).toBe(200);
    expect(response.body.engineVersion).toBe("impact-scoring/1.0.0");
    expect(response.body.robustness.bidRemoval[0].ranking).toEqual(expect.any(Array));
    expect(response.body.verification).toEqual({
      engineVersion: ENGINE_VERSION,
      inputDigest: response.body.inputDigest,
      digestMatches: true,
      identical: false,
      sharedFields: {
        identical: true,
        notCompared: ["ranking.breakdown.corrections.externality", "robustness.bidRemoval"],
      },
      note: `stored with impact-scoring/1.0.0, recomputed with ${ENGINE_VERSION}: identical on the fields both versions share (all but engineVersion, ranking.breakdown.corrections.externality, robustness.bidRemoval)`,
    });
    expect((await call("GET", `/v1/tenders/${v1}/evaluation`, { token: tokens.auditor })).status).toBe(200);
  });

  it("2.0.0 (one leave-one-out entry per compliant bid) is read as stored and verified the same way", async () => {
    const response = await read(v2);
    expect(response.status).toBe(200);
    expect(response.body.engineVersion).toBe("impact-scoring/2.0.0");
    expect(response.body.robustness.bidRemoval).toEqual([
      { removedBidId: expect.any(String), reversalCount: 0, reversals: [] },
      { removedBidId: expect.any(String), reversalCount: 0, reversals: [] },
    ]);
    expect(response.body.verification).toMatchObject({
      identical: false,
      sharedFields: {
        identical: true,
        notCompared: ["ranking.breakdown.corrections.externality", "robustness.bidRemoval"],
      },
    });
  });

  it("a changed score in a 2.0.0 result shows as a difference on the shared fields", async () => {
    const response = await read(tampered);
    expect(response.status).toBe(200);
    expect(response.body.verification).toMatchObject({
      digestMatches: true,
      identical: false,
      sharedFields: {
        identical: false,
        notCompared: ["ranking.breakdown.corrections.externality", "robustness.bidRemoval"],
      },
      note: expect.stringMatching(/: different on the fields both versions share/),
    });
  });

  it("a version this engine does not know is read and reported, not compared", async () => {
    const response = await read(unknown);
    expect(response.status).toBe(200);
    expect(response.body.verification).toMatchObject({
      identical: false,
      sharedFields: null,
      note: `stored with impact-scoring/9.0.0, which ${ENGINE_VERSION} does not know: recomputed, not compared`,
    });
  });

  it("still carries the intended award, the bidders' view and the final award", async () => {
    const intended = await call("POST", `/v1/tenders/${v1}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s2 },
    });
    expect(intended.status).toBe(200);
    const own = await call("GET", `/v1/tenders/${v1}/evaluation`, { token: tokens.supplier });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      engineVersion: "impact-scoring/1.0.0",
      own: { bidId: s1 },
      winner: { bidId: s2 },
    });
    clock.set(new Date(intended.body.intendedAward.standstillEndsAt));
    const awarded = await call("POST", `/v1/tenders/${v1}/award`, { token: tokens.officer });
    expect(awarded.status).toBe(200);
    expect(awarded.body.award).toMatchObject({ bidId: s2, value: { amount: 2_300_000, currency: "EUR" } });
  });
});

describe("an evaluation stored by this engine", () => {
  it("is verified byte for byte, with leave-one-out as a summary", async () => {
    const tenderId = await evaluatedTender("CURRENT");
    const response = await read(tenderId);
    expect(response.body.engineVersion).toBe(ENGINE_VERSION);
    expect(response.body.robustness.bidRemoval).toMatchObject({ removalsChecked: 2, effects: [] });
    expect(response.body.verification).toMatchObject({
      identical: true,
      sharedFields: { identical: true, notCompared: [] },
    });
  });

  it("reads the same and verifies byte for byte when stored inline in its run item (before documents)", async () => {
    const tenderId = await evaluatedTender("CURRENT-INLINE");
    const fromDocument = await read(tenderId);
    await rewriteStored(tenderId, () => {});
    const tender = (await getItem<Tender>(tenderKey(tenderId)))!;
    const item = (await getItem<Record<string, any>>(evaluationKey(tenderId, tender.evaluation!.run)))!;
    expect(item.document).toBeUndefined();
    expect(item.result.engineVersion).toBe(ENGINE_VERSION);
    const inline = await read(tenderId);
    expect(inline.status).toBe(200);
    expect(inline.body).toEqual(fromDocument.body);
    expect(inline.body.verification).toMatchObject({ digestMatches: true, identical: true });
  });
});
