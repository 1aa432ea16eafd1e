import { describe, expect, it } from "vitest";
import { backfillReviewQueue } from "../../../lib/contracts/review-queue.js";
import {
  entryKey,
  entryQueries,
  REVIEW_QUEUE_FIELDS,
  reviewQueueIndexKeys,
} from "../../../lib/entities/entry.js";
import { db } from "../../../lib/store/client.js";
import { seedDemoData } from "../../../lib/seed/index.js";
import { seedDoneKey } from "../../../lib/entities/seed-step.js";
import { deleteIf, removeFieldsIf, setIf } from "../../../lib/store/ops.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "./support.js";

/** GET /v1/entries?status=submitted: the entries awaiting review, region-wide (auditors) or per municipality (officers). */

const DAY = 86_400_000;
const T0 = Date.parse("2026-07-01T12:00:00Z");
clock.set(new Date(T0));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const deventer = await tokenFor("officer", DEMO.municipalities[1]);

/** The supplier's entry, submitted at `at` (the queue's order is the submission time). */
async function submitAt(at: number, contractId: string, candidateRef: string, startDate: string) {
  clock.set(new Date(at));
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    idempotencyKey: newKey(),
    body: {
      blockId: "work-experience",
      candidateRef,
      startDate,
      endDate: startDate,
      period: startDate.slice(0, 7),
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; contractId: string };
}

const queue = (token: string, query = "status=submitted") => call("GET", `/v1/entries?${query}`, { token });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((e) => e.id);
const review = (contractId: string, entryId: string, token = tokens.auditor) =>
  call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token,
    body: { decision: "accept", reason: "evidence checked" },
  });

// Two Zwolle contracts and one of Deventer, in the same region; submissions spread over three days.
const zwolleA = await newContract(tokens.officer, "ZW-Q-A");
const zwolleB = await newContract(tokens.officer, "ZW-Q-B");
const deventerC = await newContract(deventer, "DV-Q-C");
const demoPending = ids(await queue(tokens.auditor));
const zwollePending = ids(await queue(tokens.officer));
const deventerPending = ids(await queue(deventer));
const e1 = await submitAt(T0 + 1 * DAY, zwolleB, "Q1", "2025-02-03");
const e2 = await submitAt(T0 + 2 * DAY, deventerC, "Q2", "2025-02-04");
const e3 = await submitAt(T0 + 3 * DAY, zwolleA, "Q3", "2025-02-05");
useClock(new Date(T0 + 4 * DAY));
// The entries set up above. Cases that submit or review entries use their own, so in any order the
// queue holds these, in this order, among whatever else other cases left in the region.
const fixture = new Set([...demoPending, e1.id, e2.id, e3.id]);
const ofFixture = (list: string[]) => list.filter((id) => fixture.has(id));

describe("review queue", () => {
  it("gives an auditor every submitted entry of the region, oldest first, as the contract's entry list shows it", async () => {
    expect(demoPending).toHaveLength(3); // one entry awaiting review on each of three demo contracts
    const res = await queue(tokens.auditor);
    expect(res.status).toBe(200);
    expect(ofFixture(ids(res))).toEqual([...demoPending, e1.id, e2.id, e3.id]);
    const listed = await call("GET", `/v1/contracts/${deventerC}/entries?status=submitted`, {
      token: tokens.auditor,
    });
    const item = res.body.items.find((e: { id: string }) => e.id === e2.id);
    expect(item).toEqual({
      ...listed.body.items[0],
      contractReference: "DV-Q-C",
      missingTargetGroupEvidence: true,
    });
    expect(item).toMatchObject({
      id: e2.id,
      contractId: deventerC,
      supplierId: DEMO.suppliers[1],
      status: "submitted",
      value: { amount: expect.any(Number), currency: "EUR" },
      overdue: false,
    });
    expect(
      res.body.items.find((e: { contractId: string }) => e.contractId === DEMO.contract.id),
    ).toMatchObject({
      contractId: DEMO.contract.id,
      contractReference: DEMO.contract.reference,
      supplierId: DEMO.suppliers[0],
    });
  });

  it("gives an officer their municipality's contracts only", async () => {
    expect(zwollePending).toHaveLength(1);
    expect(deventerPending).toHaveLength(1);
    expect(ofFixture(ids(await queue(tokens.officer)))).toEqual([...zwollePending, e1.id, e3.id]);
    expect(ofFixture(ids(await queue(deventer)))).toEqual([...deventerPending, e2.id]);
  });

  it("pages with limit and cursor like other lists", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await queue(
        tokens.auditor,
        `status=submitted&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(ofFixture(seen)).toEqual([...demoPending, e1.id, e2.id, e3.id]);
  });

  it("is one query on the region's index, not a loop over contracts", async () => {
    const commands: { name: string; index?: string }[] = [];
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { IndexName?: string };
        commands.push({
          name: context.commandName ?? "",
          ...(input.IndexName ? { index: input.IndexName } : {}),
        });
        return next(args);
      },
      { step: "initialize", name: "recordQueueCommands" },
    );
    try {
      expect(ids(await queue(tokens.auditor, "status=submitted&limit=1"))).toEqual(demoPending.slice(0, 1));
    } finally {
      db.middlewareStack.remove("recordQueueCommands");
    }
    const queries = commands.filter((c) => c.name === "QueryCommand");
    expect(queries).toEqual([
      { name: "QueryCommand", index: entryQueries.reviewQueueOfRegion(DEMO.region).index },
    ]);
    expect(commands.some((c) => c.name === "ScanCommand")).toBe(false);
  });

  it("flags entries pending longer than the policy's review days as overdue", async () => {
    clock.set(new Date(T0 + 1 * DAY + 31 * DAY));
    try {
      const res = await queue(deventer);
      const ofDeventer = res.body.items.filter((e: { id: string }) => e.id === e2.id);
      expect(ofDeventer.map((e: { overdue: boolean }) => e.overdue)).toEqual([false]);
      const all = await queue(tokens.officer);
      const overdue = Object.fromEntries(all.body.items.map((e: any) => [e.id, e.overdue]));
      expect(overdue[e1.id]).toBe(true);
      expect(overdue[e3.id]).toBe(false);
    } finally {
      clock.set(new Date(T0 + 4 * DAY));
    }
  });

  it("is for auditors and officers: suppliers and admins get 403; status=submitted is required", async () => {
    expect((await queue(supplier)).status).toBe(403);
    expect((await queue(tokens.supplier)).status).toBe(403);
    expect((await queue(tokens.admin)).status).toBe(403);
    const missing = await queue(tokens.auditor, "");
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe("query.status");
    expect((await queue(tokens.auditor, "status=accepted")).status).toBe(400);
  });

  it("shows nothing of another region", async () => {
    const admin = tokens.admin;
    const body = await call("POST", "/v1/organisations", {
      token: admin,
      body: { id: "rb-utrecht-q", kind: "region-body", name: "SROI Utrecht", regionId: "utrecht" },
    });
    expect(body.status).toBe(201);
    expect((await queue(await tokenFor("auditor", "rb-utrecht-q"))).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("drops a reviewed entry; a reversal of an accepted entry joins; CSV imports join too", async () => {
    const d1 = await submitAt(T0 + 4 * DAY, zwolleB, "QD1", "2025-02-10");
    const d3 = await submitAt(T0 + 4 * DAY + 1_000, zwolleA, "QD3", "2025-02-11");
    expect((await review(zwolleB, d1.id)).status).toBe(200);
    expect(ids(await queue(tokens.auditor))).not.toContain(d1.id);
    clock.set(new Date(T0 + 4 * DAY + 60_000)); // the reversal and the import come a minute later
    const reversal = await call("POST", `/v1/contracts/${zwolleB}/entries/${d1.id}/reversal`, {
      token: supplier,
      body: { reason: "counted in the wrong month" },
    });
    expect(reversal.status).toBe(201);
    const imported = await call("POST", `/v1/contracts/${zwolleA}/entries/import`, {
      token: supplier,
      rawBody:
        "blockId;candidateRef;startDate;endDate;period\nwork-experience;Q9;2025-03-03;2025-03-03;2025-03\n",
      headers: { "content-type": "text/csv" },
    });
    expect(imported.status).toBe(200);
    const mine = [d1.id, d3.id, reversal.body.id, imported.body.results[0].entryId];
    const after = ids(await queue(tokens.officer)).filter((id) => mine.includes(id));
    expect(after).toEqual([d3.id, reversal.body.id, imported.body.results[0].entryId]);
    // Review by the officer takes it out of the auditor's view as well.
    expect((await review(zwolleA, d3.id, tokens.officer)).status).toBe(200);
    expect(ids(await queue(tokens.auditor))).not.toContain(d3.id);
  });

  it("backfills entries stored before the queue existed, and drops stale ones (idempotent)", async () => {
    const pending = await submitAt(T0 + 5 * DAY, zwolleA, "Q5", "2025-02-06");
    const reviewed = await submitAt(T0 + 6 * DAY, zwolleA, "Q6", "2025-02-07");
    expect((await review(zwolleA, reviewed.id)).status).toBe(200);
    // As the code before the queue stored them: no queue keys on the pending entry; and a reviewed
    // entry whose review stopped before it left the queue.
    await removeFieldsIf(entryKey(zwolleA, pending.id), REVIEW_QUEUE_FIELDS);
    await setIf(
      entryKey(zwolleA, reviewed.id),
      reviewQueueIndexKeys(
        { id: zwolleA, buyerId: DEMO.municipalities[0], regionId: DEMO.region },
        { id: reviewed.id, submittedAt: new Date(T0 + 6 * DAY).toISOString() },
      ),
    );
    expect(ids(await queue(tokens.auditor))).not.toContain(pending.id);

    expect(await backfillReviewQueue()).toEqual({ joined: 1, left: 1 });
    expect(await backfillReviewQueue()).toEqual({ joined: 0, left: 0 });
    const after = ids(await queue(tokens.auditor));
    expect(after).toContain(pending.id);
    expect(after).not.toContain(reviewed.id);
  });

  it("npm start's seed runs the backfill once on a database seeded before the queue existed", async () => {
    const older = await submitAt(T0 + 7 * DAY, zwolleA, "Q7", "2025-02-08");
    await removeFieldsIf(entryKey(zwolleA, older.id), REVIEW_QUEUE_FIELDS);
    // Such a database has every other seed step's marker, but not the backfill's.
    expect(await deleteIf(seedDoneKey("index-backfill"))).toBe(true);
    expect(await seedDemoData(clock.now())).toEqual(["index-backfill"]);
    expect(ids(await queue(tokens.auditor))).toContain(older.id);
  });
});
