import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../../lib/audit/audit.js";
import { correctionKey } from "../../../lib/entities/score-correction.js";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { setIf } from "../../../lib/store/ops.js";
import { call, clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/**
 * Sealed prices: once every bid is scored the prices are revealed and the committee's scores freeze;
 * only a correction proposed by one officer and approved by a second changes them, and every
 * evaluation (and each bidder's view of it) says so. Real handlers against dynalite.
 */

let tokens: DemoTokens;
let officerA: string;
let officerB: string;
let officerC: string;
let otherOfficer: string;
let supplier2: string;
let supplier3: string;
const START = new Date("2026-06-01T08:00:00Z");
const OPENED_AT = new Date(START.getTime() + 15 * DAY);
const [s1, s2, s3] = DEMO.suppliers;
const SUB_A = "demo-officer-zwolle";
const SUB_B = "officer-b-zwolle";

const scores = (plan: number, climate: number, version?: number) => ({
  scores: [
    { criterionId: "plan", score: plan, justification: "Committee consensus on the plan." },
    { criterionId: "climate", score: climate, justification: "Committee consensus on climate measures." },
  ],
  ...(version ? { version } : {}),
});

/** The committee's scores: Groenwerk (s2) ranks first, Schoonmaak (s3) second, IJsselbouw (s1) third. */
const COMMITTEE: [string, number, number][] = [
  [s1, 6, 6],
  [s2, 8, 9],
  [s3, 8, 7],
];

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
  await seedSroiRules(
    operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "corr-sroi"),
  );
  officerA = tokens.officer;
  officerB = await tokenFor("officer", DEMO.municipalities[0], SUB_B);
  officerC = await tokenFor("officer", DEMO.municipalities[0], "officer-c-zwolle");
  otherOfficer = await tokenFor("officer", DEMO.municipalities[1]);
  supplier2 = await tokenFor("supplier", s2);
  supplier3 = await tokenFor("supplier", s3);
});
afterAll(() => clock.reset());

/** A published tender with three bids, opened after its deadline; the clock stays after the deadline. */
async function openedTender(overrides: Record<string, unknown> = {}): Promise<string> {
  clock.set(START);
  const created = await call("POST", "/v1/tenders", { token: officerA, body: tenderBody(START, overrides) });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await call("POST", `/v1/tenders/${id}/publish`, { token: officerA })).status).toBe(200);
  for (const [token, price] of [
    [tokens.supplier, 1_900_000],
    [supplier2, 2_300_000],
    [supplier3, 2_100_000],
  ] as const) {
    expect((await call("POST", `/v1/tenders/${id}/bids`, { token, body: bidBody(price) })).status).toBe(201);
  }
  clock.set(OPENED_AT);
  expect((await call("POST", `/v1/tenders/${id}/open`, { token: officerA })).status).toBe(200);
  return id;
}

async function scoreAll(tenderId: string) {
  for (const [bidId, plan, climate] of COMMITTEE) {
    const scored = await call("PUT", `/v1/tenders/${tenderId}/bids/${bidId}/scores`, {
      token: officerA,
      body: scores(plan, climate),
    });
    expect(scored.status).toBe(200);
  }
}

/** Schoonmaak's plan 8 → 9 and climate 7 → 9: enough to overtake Groenwerk. */
const flipS3 = {
  bidId: s3,
  scores: [
    { criterionId: "plan", score: 9, justification: "Phasing plan on page 12 was overlooked." },
    { criterionId: "climate", score: 9, justification: "Water storage annex was overlooked." },
  ],
  reason: "The committee missed two annexes of this bid; minutes of 12 June.",
};

const propose = (tenderId: string, body: unknown = flipS3, token = officerA) =>
  call("POST", `/v1/tenders/${tenderId}/score-corrections`, { token, body, idempotencyKey: newKey() });
const decide = (tenderId: string, correctionId: string, verb: "approve" | "withdraw", token: string) =>
  call("POST", `/v1/tenders/${tenderId}/score-corrections/${correctionId}/${verb}`, { token });
const evaluate = (tenderId: string) =>
  call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: officerA, idempotencyKey: newKey() });
const ranking = (evaluation: any) => evaluation.ranking.map((r: any) => r.bidId);

async function trail(tenderId: string, correctionId: string) {
  const page = await listAudit(
    { role: "admin", regionId: null },
    `score-correction:${tenderId}/${correctionId}`,
    {
      limit: 50,
    },
  );
  // The test clock stands still, so the events share one instant: compare them as a set.
  return page.items.map((e) => e.action).sort();
}

describe("frozen scores after the price reveal", () => {
  it("re-scoring after every bid is scored is refused (409 scores-frozen) and the ranking stays the committee's", async () => {
    const id = await openedTender();
    await scoreAll(id);
    // Before the last bid was scored a bid's scores could still change; now the prices are visible.
    const bids = await call("GET", `/v1/tenders/${id}/bids`, { token: officerA });
    expect(bids.body.pricesSealed).toBe(false);
    expect(bids.body.items.every((b: any) => b.content.price !== null)).toBe(true);

    const rescored = await call("PUT", `/v1/tenders/${id}/bids/${s3}/scores`, {
      token: officerA,
      body: scores(10, 10, 1),
    });
    expect(rescored.status).toBe(409);
    expect(rescored.headers["content-type"]).toBe("application/problem+json");
    expect(rescored.body.code).toBe("scores-frozen");
    expect(rescored.body.detail).toContain(`/v1/tenders/${id}/score-corrections`);
    const bid = await call("GET", `/v1/tenders/${id}/bids/${s3}`, { token: officerA });
    expect(bid.body.committeeScores).toMatchObject({ version: 1, scores: { plan: { score: 8 } } });

    const evaluated = await evaluate(id);
    expect(evaluated.status).toBe(201);
    expect(ranking(evaluated.body)).toEqual([s2, s3, s1]);
    expect(evaluated.body).toMatchObject({ amendedAfterPriceReveal: false, corrections: [] });
    // Still frozen once evaluated.
    const late = await call("PUT", `/v1/tenders/${id}/bids/${s3}/scores`, {
      token: officerA,
      body: scores(10, 10, 1),
    });
    expect(late.body.code).toBe("scores-frozen");
  });

  it("before the reveal scores still change with PUT, and corrections are refused (409 scores-not-frozen)", async () => {
    const id = await openedTender();
    const [bidId, plan, climate] = COMMITTEE[0]!;
    await call("PUT", `/v1/tenders/${id}/bids/${bidId}/scores`, {
      token: officerA,
      body: scores(plan, climate),
    });
    const early = await propose(id, { ...flipS3, bidId });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("scores-not-frozen");
    const changed = await call("PUT", `/v1/tenders/${id}/bids/${bidId}/scores`, {
      token: officerA,
      body: scores(7, 7, 1),
    });
    expect(changed.status).toBe(200);

    const open = await openedTender({ pricesSealedUntilQualityScored: false });
    await scoreAll(open);
    const unsealed = await propose(open);
    expect(unsealed.status).toBe(409);
    expect(unsealed.body.code).toBe("scores-not-frozen");
  });
});

describe("score corrections", () => {
  it("one officer proposes, a second officer of the same municipality approves, and the bid's scores change", async () => {
    const id = await openedTender();
    await scoreAll(id);
    const proposed = await propose(id);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      bidId: s3,
      status: "proposed",
      proposedBy: SUB_A,
      approvedBy: null,
      reason: flipS3.reason,
      before: [
        { criterionId: "plan", score: 8 },
        { criterionId: "climate", score: 7 },
      ],
      after: [
        { criterionId: "plan", score: 9 },
        { criterionId: "climate", score: 9 },
      ],
    });
    const cid = proposed.body.id;
    expect(proposed.headers.location).toBe(`/v1/tenders/${id}/score-corrections/${cid}`);
    // Proposing changes nothing yet.
    const pending = await call("GET", `/v1/tenders/${id}/bids/${s3}`, { token: officerA });
    expect(pending.body.committeeScores.scores.plan.score).toBe(8);

    const listed = await call("GET", `/v1/tenders/${id}/score-corrections`, { token: officerB });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: any) => [c.id, c.status])).toEqual([[cid, "proposed"]]);
    expect((await call("GET", `/v1/tenders/${id}/score-corrections`, { token: otherOfficer })).status).toBe(
      404,
    );
    expect(
      (await call("GET", `/v1/tenders/${id}/score-corrections`, { token: tokens.supplier })).status,
    ).toBe(403);

    expect((await decide(id, cid, "approve", otherOfficer)).status).toBe(404);
    expect((await decide(id, cid, "approve", tokens.supplier)).status).toBe(403);
    const self = await decide(id, cid, "approve", officerA);
    expect(self.status).toBe(403);
    expect(self.headers["content-type"]).toBe("application/problem+json");
    expect((await decide(id, cid, "withdraw", officerB)).status).toBe(403);
    expect((await decide(id, "no-such-correction", "approve", officerB)).status).toBe(404);

    const approved = await decide(id, cid, "approve", officerB);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: cid, status: "applied", approvedBy: SUB_B, proposedBy: SUB_A });
    expect(approved.body.appliedAt).toBe(OPENED_AT.toISOString());
    const bid = await call("GET", `/v1/tenders/${id}/bids/${s3}`, { token: officerA });
    expect(bid.body.committeeScores).toMatchObject({
      version: 2,
      scores: { plan: { score: 9, correctionId: cid }, climate: { score: 9, correctionId: cid } },
    });

    const again = await decide(id, cid, "approve", officerC);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("correction-applied");
    const withdrawApplied = await decide(id, cid, "withdraw", officerA);
    expect(withdrawApplied.status).toBe(409);
    expect(withdrawApplied.body.code).toBe("correction-applied");
    expect(await trail(id, cid)).toEqual(["score-correction.applied", "score-correction.proposed"]);
  });

  it("checks the body: a reason, a submitted bid, the model's criteria and scales, and an actual change", async () => {
    const id = await openedTender();
    await scoreAll(id);
    const { reason: _reason, ...noReason } = flipS3;
    const missing = await propose(id, noReason);
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: any) => e.path)).toEqual(["body.reason"]);
    expect((await propose(id, { ...flipS3, reason: "   " })).body.errors[0].path).toBe("body.reason");
    const unknownBid = await propose(id, { ...flipS3, bidId: "sup-nobody" });
    expect(unknownBid.status).toBe(400);
    expect(unknownBid.body.errors).toEqual([
      { path: "body.bidId", message: "no submitted bid with this id" },
    ]);
    const offScale = await propose(id, {
      ...flipS3,
      scores: [{ criterionId: "plan", score: 11, justification: "Too generous." }],
    });
    expect(offScale.status).toBe(400);
    expect(offScale.body.errors[0].path).toBe("body.scores.0.score");
    const same = await propose(id, {
      ...flipS3,
      scores: [{ criterionId: "plan", score: 8, justification: "Committee consensus on the plan." }],
    });
    expect(same.status).toBe(422);
    expect(same.body.code).toBe("correction-changes-nothing");
    expect((await propose(id, flipS3, otherOfficer)).status).toBe(404);
  });

  it("the proposer withdraws a pending correction; a withdrawn one is never approved", async () => {
    const id = await openedTender();
    await scoreAll(id);
    const cid = (await propose(id)).body.id;
    const withdrawn = await decide(id, cid, "withdraw", officerA);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: "withdrawn", withdrawnAt: OPENED_AT.toISOString() });
    const approve = await decide(id, cid, "approve", officerB);
    expect(approve.status).toBe(409);
    expect(approve.body.code).toBe("correction-withdrawn");
    // Withdrawing again changes nothing and writes no second event.
    expect((await decide(id, cid, "withdraw", officerA)).body.status).toBe("withdrawn");
    const bid = await call("GET", `/v1/tenders/${id}/bids/${s3}`, { token: officerA });
    expect(bid.body.committeeScores).toMatchObject({ version: 1, scores: { plan: { score: 8 } } });
    expect(await trail(id, cid)).toEqual(["score-correction.proposed", "score-correction.withdrawn"]);
  });

  it("concurrent approvals apply the correction once", async () => {
    const id = await openedTender();
    await scoreAll(id);
    const cid = (await propose(id)).body.id;
    const approvers = [officerB, officerC, officerB, officerC, officerB, officerC];
    const responses = await Promise.all(approvers.map((token) => decide(id, cid, "approve", token)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === "correction-applied")).toBe(
      true,
    );
    const bid = await call("GET", `/v1/tenders/${id}/bids/${s3}`, { token: officerA });
    expect(bid.body.committeeScores.version).toBe(2);
    expect(await trail(id, cid)).toEqual(["score-correction.applied", "score-correction.proposed"]);
  });

  it("a correction proposed before another one changed the same scores is outdated (409)", async () => {
    const id = await openedTender();
    await scoreAll(id);
    const first = (await propose(id)).body.id;
    const second = (
      await propose(id, {
        ...flipS3,
        scores: [{ criterionId: "plan", score: 10, justification: "Best plan of all three." }],
      })
    ).body.id;
    expect((await decide(id, first, "approve", officerB)).status).toBe(200);
    const outdated = await decide(id, second, "approve", officerB);
    expect(outdated.status).toBe(409);
    expect(outdated.body.code).toBe("correction-outdated");
  });
});

describe("evaluations after a correction", () => {
  it("an evaluation made before a correction is stale; the new one and each bidder's view name the correction", async () => {
    const id = await openedTender();
    await scoreAll(id);
    expect(ranking((await evaluate(id)).body)).toEqual([s2, s3, s1]);
    const cid = (await propose(id)).body.id;
    expect((await decide(id, cid, "approve", officerB)).status).toBe(200);

    const stale = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: officerA,
      body: { bidId: s2 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("evaluation-stale");
    expect(stale.body.detail).toContain(`POST /v1/tenders/${id}/evaluation`);
    expect((await call("GET", `/v1/tenders/${id}/evaluation`, { token: officerA })).body.stale).toBe(true);

    const amendment = {
      correctionId: cid,
      bidId: s3,
      before: [
        { criterionId: "plan", score: 8, justification: "Committee consensus on the plan." },
        { criterionId: "climate", score: 7, justification: "Committee consensus on climate measures." },
      ],
      after: flipS3.scores,
      reason: flipS3.reason,
      proposedBy: SUB_A,
      approvedBy: SUB_B,
      appliedAt: OPENED_AT.toISOString(),
    };
    const reevaluated = await evaluate(id);
    expect(reevaluated.status).toBe(201);
    expect(ranking(reevaluated.body)).toEqual([s3, s2, s1]);
    expect(reevaluated.body).toMatchObject({ amendedAfterPriceReveal: true, corrections: [amendment] });
    const stored = await call("GET", `/v1/tenders/${id}/evaluation?verify=true`, { token: officerA });
    expect(stored.body).toMatchObject({
      amendedAfterPriceReveal: true,
      corrections: [amendment],
      stale: false,
      verification: { identical: true },
    });

    const intended = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: officerA,
      body: { bidId: s3 },
    });
    expect(intended.status).toBe(200);
    const forBidder = {
      correctionId: cid,
      before: [
        { criterionId: "plan", score: 8 },
        { criterionId: "climate", score: 7 },
      ],
      after: [
        { criterionId: "plan", score: 9 },
        { criterionId: "climate", score: 9 },
      ],
      reason: flipS3.reason,
      proposedBy: { role: "officer", label: "officer 1" },
      approvedBy: { role: "officer", label: "officer 2" },
      appliedAt: OPENED_AT.toISOString(),
    };
    const views = {
      [s1]: await call("GET", `/v1/tenders/${id}/evaluation`, { token: tokens.supplier }),
      [s2]: await call("GET", `/v1/tenders/${id}/evaluation`, { token: supplier2 }),
      [s3]: await call("GET", `/v1/tenders/${id}/evaluation`, { token: supplier3 }),
    };
    for (const view of Object.values(views)) {
      expect(view.status).toBe(200);
      expect(view.body.amendedAfterPriceReveal).toBe(true);
      expect(view.text).not.toContain(SUB_A);
      expect(view.text).not.toContain(SUB_B);
    }
    // Schoonmaak's own bid; the winner's for the others, named as the winner.
    expect(views[s3]!.body.corrections).toEqual([{ ...forBidder, bid: "own", bidId: s3 }]);
    expect(views[s1]!.body.corrections).toEqual([{ ...forBidder, bid: "winner", bidId: s3 }]);
  });

  it("a correction during the standstill holds the final award until the tender is evaluated and intended again", async () => {
    const id = await openedTender();
    await scoreAll(id);
    await evaluate(id);
    const intended = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: officerA,
      body: { bidId: s2 },
    });
    expect(intended.status).toBe(200);
    const cid = (await propose(id)).body.id;
    expect((await decide(id, cid, "approve", officerB)).status).toBe(200);

    clock.set(new Date(intended.body.intendedAward.standstillEndsAt));
    const award = await call("POST", `/v1/tenders/${id}/award`, { token: officerA });
    expect(award.status).toBe(409);
    expect(award.body.code).toBe("evaluation-stale");
    // A bidder reads the evaluation its intended award was based on, until the tender is evaluated again.
    expect((await call("GET", `/v1/tenders/${id}/evaluation`, { token: supplier2 })).status).toBe(200);

    const reevaluated = await evaluate(id);
    expect(reevaluated.status).toBe(201);
    expect(ranking(reevaluated.body)).toEqual([s3, s2, s1]);
    const tender = await call("GET", `/v1/tenders/${id}`, { token: officerA });
    expect(tender.body).toMatchObject({ status: "evaluated", intendedAward: null });
    expect((await call("GET", `/v1/tenders/${id}/evaluation`, { token: supplier2 })).status).toBe(404);

    const again = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: officerA,
      body: { bidId: s3 },
    });
    expect(again.status).toBe(200);
    clock.set(new Date(again.body.intendedAward.standstillEndsAt));
    expect((await call("POST", `/v1/tenders/${id}/award`, { token: officerA })).status).toBe(200);
    const closed = await propose(id, {
      ...flipS3,
      scores: [{ criterionId: "plan", score: 10, justification: "Too late for this." }],
    });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe("corrections-closed");
  });

  it("an approval that died before writing the scores is completed by the next evaluation", async () => {
    const id = await openedTender();
    await scoreAll(id);
    const cid = (await propose(id)).body.id;
    // The approval's first step (the status) was written, then the process died.
    expect(
      await setIf(
        correctionKey(id, cid),
        { status: "applied", approvedBy: SUB_B, appliedAt: OPENED_AT.toISOString(), lastOpId: "crashed" },
        { status: "proposed" },
      ),
    ).toBe(true);
    const evaluated = await evaluate(id);
    expect(ranking(evaluated.body)).toEqual([s3, s2, s1]);
    expect(evaluated.body.corrections.map((c: any) => c.correctionId)).toEqual([cid]);
    const bid = await call("GET", `/v1/tenders/${id}/bids/${s3}`, { token: officerA });
    expect(bid.body.committeeScores).toMatchObject({ version: 2, scores: { plan: { score: 9 } } });
  });
});
