import { beforeAll, describe, expect, it } from "vitest";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { DEMO_IDENTITIES } from "../../../lib/seed/demo-ids.js";
import {
  type ApiResponse,
  call,
  clock,
  DEMO,
  type DemoTokens,
  newKey,
  seedDemo,
  tokenFor,
} from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/**
 * What each role reads along a whole tender, through the real handlers: create, publish, bids, open,
 * score, evaluate, intended award, award, contract, entries and their review. No response anywhere
 * carries a storage key, and a supplier that did not bid learns only what a published award notice
 * shows — after the final award, and never an officer's subject id.
 */

const START = new Date("2026-09-07T08:00:00Z");
const [s1, s2, s3] = DEMO.suppliers;
const OFFICER_SUB = DEMO_IDENTITIES.find((i) => i.role === "officer")!.sub;

type Role = "officer" | "otherOfficer" | "auditor" | "admin" | "bidder" | "winner" | "nonBidder";
const seen: { role: Role; what: string; response: ApiResponse }[] = [];
let tokens: Record<Role, string>;
let demo: DemoTokens;
let tenderId: string;
let contractId: string;

async function as(role: Role, method: string, url: string, body?: unknown): Promise<ApiResponse> {
  const response = await call(method, url, {
    token: tokens[role],
    ...(body === undefined ? {} : { body }),
    ...(method === "POST" ? { idempotencyKey: newKey() } : {}),
  });
  seen.push({ role, what: `${method} ${url}`, response });
  return response;
}

/** Every role reads the tender (and the lists and evaluation it may see) at this point. */
async function everyoneReads() {
  for (const role of Object.keys(tokens) as Role[]) {
    await as(role, "GET", `/v1/tenders/${tenderId}`);
    await as(role, "GET", "/v1/tenders?limit=500");
    await as(role, "GET", `/v1/tenders/${tenderId}/evaluation`);
    await as(role, "GET", `/v1/tenders/${tenderId}/bids`);
  }
}

const scores = (plan: number, climate: number) => ({
  scores: [
    { criterionId: "plan", score: plan, justification: "Committee consensus on the plan." },
    { criterionId: "climate", score: climate, justification: "Committee consensus on climate." },
  ],
});

/** Every string in a JSON value, with its path. */
function strings(value: unknown, path = "$"): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [
      [`${path}.${k}#key`, k] as [string, string],
      ...strings(v, `${path}.${k}`),
    ]);
  return [];
}

const STORAGE_KEY = /[A-Z]+#/;
const KEY_FIELDS = /^(pk|sk|gsi\d+(pk|sk)|lastOpId|ttl)$/;

beforeAll(async () => {
  clock.set(START);
  demo = await seedDemo();
  await seedSroiRules(
    operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "disclosure-sroi"),
  );
  tokens = {
    officer: demo.officer,
    otherOfficer: await tokenFor("officer", DEMO.municipalities[1]),
    auditor: demo.auditor,
    admin: demo.admin,
    bidder: demo.supplier,
    winner: await tokenFor("supplier", s2),
    nonBidder: await tokenFor("supplier", s3),
  };

  const created = await as("officer", "POST", "/v1/tenders", tenderBody(START));
  expect(created.status).toBe(201);
  tenderId = created.body.id;
  await as("officer", "PATCH", `/v1/tenders/${tenderId}`, { version: 1, title: "Reconstructie Stationsweg" });
  expect((await as("officer", "POST", `/v1/tenders/${tenderId}/publish`, {})).status).toBe(200);
  await everyoneReads();

  expect((await as("bidder", "POST", `/v1/tenders/${tenderId}/bids`, bidBody(1_900_000))).status).toBe(201);
  expect((await as("winner", "POST", `/v1/tenders/${tenderId}/bids`, bidBody(2_300_000))).status).toBe(201);
  await as("bidder", "GET", `/v1/tenders/${tenderId}/bids/${s1}`);
  await everyoneReads();

  clock.set(new Date(START.getTime() + 15 * DAY));
  expect((await as("officer", "POST", `/v1/tenders/${tenderId}/open`)).status).toBe(200);
  await as("officer", "PUT", `/v1/tenders/${tenderId}/bids/${s1}/scores`, scores(5, 4));
  await as("officer", "PUT", `/v1/tenders/${tenderId}/bids/${s2}/scores`, scores(9, 9));
  await as("officer", "GET", `/v1/tenders/${tenderId}/bids/${s2}`);
  expect((await as("officer", "POST", `/v1/tenders/${tenderId}/evaluation`)).status).toBe(201);
  await everyoneReads();

  const intended = await as("officer", "POST", `/v1/tenders/${tenderId}/intended-award`, { bidId: s2 });
  expect(intended.status).toBe(200);
  await everyoneReads();

  clock.set(new Date(intended.body.intendedAward.standstillEndsAt));
  const awarded = await as("officer", "POST", `/v1/tenders/${tenderId}/award`);
  expect(awarded.status).toBe(200);
  contractId = awarded.body.award.contractId;
  await everyoneReads();

  // The contract: the winner reports, the region's auditor reviews.
  clock.set(new Date(START.getTime() + 200 * DAY));
  const start = awarded.body.contractPeriod.startDate as string;
  const entry = await as("winner", "POST", `/v1/contracts/${contractId}/entries`, {
    blockId: "work-experience",
    candidateRef: "K1",
    startDate: start,
    endDate: start,
    period: start.slice(0, 4),
  });
  expect(entry.status).toBe(201);
  const review = await as("auditor", "POST", `/v1/contracts/${contractId}/entries/${entry.body.id}/review`, {
    decision: "accept",
    reason: "evidence checked",
  });
  expect(review.status).toBe(200);
  for (const role of Object.keys(tokens) as Role[]) {
    await as(role, "GET", `/v1/contracts/${contractId}`);
    await as(role, "GET", "/v1/contracts?limit=500");
    await as(role, "GET", `/v1/contracts/${contractId}/entries`);
    await as(role, "GET", `/v1/contracts/${contractId}/entries/${entry.body.id}`);
    await as(role, "GET", `/v1/contracts/${contractId}/balance`);
    await as(role, "GET", `/v1/contracts/${contractId}/obligations`);
    await as(role, "GET", `/v1/audit?entity=tender:${tenderId}`);
    await as(role, "GET", "/v1/me");
  }
}, 60_000);

describe("disclosure along a whole tender", () => {
  it("walked every step (the walk itself succeeded)", () => {
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.filter((s) => s.response.status >= 500)).toEqual([]);
  });

  it("no response of any role carries a storage key", () => {
    const leaks = seen.flatMap(({ role, what, response }) =>
      strings(response.body)
        .filter(([path, text]) => (path.endsWith("#key") ? KEY_FIELDS.test(text) : STORAGE_KEY.test(text)))
        .map(([path, text]) => `${role} ${what} ${path}: ${text.slice(0, 80)}`),
    );
    expect(leaks).toEqual([]);
  });

  it("a supplier that did not bid never reads an officer's subject id, a rank, a score or a reason", () => {
    const mine = seen.filter((s) => s.role === "nonBidder");
    expect(mine.length).toBeGreaterThan(20);
    for (const { what, response } of mine) {
      expect({ what, body: response.text }).not.toEqual({ what, body: expect.stringContaining(OFFICER_SUB) });
      expect({ what, body: response.text }).not.toEqual({
        what,
        body: expect.stringMatching(/"rank"|"totalScore"|"reason"|"score"/),
      });
    }
  });

  it("a supplier that did not bid sees the award only once it is final: the winner and the awarded value", () => {
    const tenderReads = seen.filter(
      (s) => s.role === "nonBidder" && s.what === `GET /v1/tenders/${tenderId}`,
    );
    expect(tenderReads).toHaveLength(5);
    const phases = tenderReads.map((r) => r.response.body.phase);
    expect(phases).toEqual(["published", "published", "evaluated", "award-intended", "awarded"]);
    for (const read of tenderReads.slice(0, 4)) {
      expect(read.response.body.intendedAward).toBeNull();
      expect(read.response.body.award).toBeNull();
    }
    const final = tenderReads[4]!.response.body;
    expect(final.intendedAward).toBeNull();
    expect(final.award).toEqual({
      at: expect.any(String),
      bidId: s2,
      value: { amount: 2_300_000, currency: "EUR" },
    });
    // The evaluation and the bids stay closed to it.
    for (const s of seen.filter((x) => x.role === "nonBidder" && x.what.endsWith("/evaluation"))) {
      expect(s.response.status).toBe(404);
    }
  });

  it("bidders read the intended award without officers' subject ids; the buying officer reads everything", () => {
    const bidderReads = seen.filter((s) => s.role === "bidder" && s.what === `GET /v1/tenders/${tenderId}`);
    expect(bidderReads[3]!.response.body.intendedAward).toMatchObject({ bidId: s2, rank: 1 });
    for (const s of seen.filter(
      (x) => (x.role === "bidder" || x.role === "winner") && x.what.startsWith("GET /v1/tenders"),
    )) {
      expect(s.response.text).not.toContain(OFFICER_SUB);
    }
    const officerRead = seen.filter(
      (s) => s.role === "officer" && s.what === `GET /v1/tenders/${tenderId}`,
    )[4]!;
    expect(officerRead.response.body).toMatchObject({
      createdBy: OFFICER_SUB,
      intendedAward: { bidId: s2, rank: 1, by: OFFICER_SUB },
      award: { bidId: s2, contractId, by: OFFICER_SUB },
      evaluation: { by: OFFICER_SUB, inputDigest: expect.any(String) },
    });
  });
});
