import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { getItem, putIfAbsent } from "../../../lib/store/ops.js";
import { tenderKey } from "../../../lib/entities/tender.js";
import { call, clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { bidBody, eur, tenderBody } from "./support.js";

/** Tenders and sealed bids through the real handlers against dynalite: drafts, publishing, deadline and sealing rules. */

let tokens: DemoTokens;
let otherOfficer: string;
let supplier2: string;
let supplier3: string;
const START = new Date("2026-02-02T09:00:00Z");

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
  await seedSroiRules(
    operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "test-sroi-rules"),
  );
  otherOfficer = await tokenFor("officer", DEMO.municipalities[1]);
  supplier2 = await tokenFor("supplier", DEMO.suppliers[1]);
  supplier3 = await tokenFor("supplier", DEMO.suppliers[2]);
});
afterAll(() => clock.reset());

async function draft(overrides: Record<string, unknown> = {}) {
  const response = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    body: tenderBody(clock.now(), overrides),
    idempotencyKey: newKey(),
  });
  expect(response.status).toBe(201);
  return response.body;
}

async function published(overrides: Record<string, unknown> = {}) {
  const tender = await draft(overrides);
  const response = await call("POST", `/v1/tenders/${tender.id}/publish`, {
    token: tokens.officer,
    body: {},
  });
  expect(response.status).toBe(200);
  return response.body;
}

describe("drafts", () => {
  it("an officer creates a draft with the deadline in Amsterdam time; others do not see it", async () => {
    const tender = await draft({ submissionDeadline: "2026-03-02T12:00" });
    expect(tender).toMatchObject({
      status: "draft",
      phase: "draft",
      buyerId: DEMO.municipalities[0],
      regionId: DEMO.region,
      submissionDeadline: "2026-03-02T11:00:00.000Z", // CET = UTC+1
      submissionDeadlineLocal: "2026-03-02T12:00:00",
      timeZone: "Europe/Amsterdam",
      standstillDays: 20,
      lots: [{ id: "1", title: "Reconstructie Stationsweg Zwolle" }],
      version: 1,
    });
    expect((await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.supplier })).status).toBe(404);
    expect((await call("GET", `/v1/tenders/${tender.id}`, { token: otherOfficer })).status).toBe(404);
    expect(
      (await call("POST", "/v1/tenders", { token: tokens.supplier, body: tenderBody(clock.now()) })).status,
    ).toBe(403);
  });

  it("stores only the UTC deadline; the Amsterdam time is derived on read, also for items that stored it", async () => {
    const tender = await draft({ submissionDeadline: "2026-07-01T12:00" });
    const item = await getItem<Record<string, unknown>>(tenderKey(tender.id));
    expect(item).toMatchObject({ submissionDeadline: "2026-07-01T10:00:00.000Z" });
    expect(item).not.toHaveProperty("submissionDeadlineLocal");
    expect(item).not.toHaveProperty("timeZone");
    // An item written when both were stored (here with a stale local time) reads as before.
    const legacyId = `legacy-${tender.id}`;
    await putIfAbsent({
      ...item!,
      ...tenderKey(legacyId),
      id: legacyId,
      submissionDeadlineLocal: "2026-07-01T11:00:00",
      timeZone: "Europe/Amsterdam",
    });
    const read = await call("GET", `/v1/tenders/${legacyId}`, { token: tokens.officer });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      submissionDeadline: "2026-07-01T10:00:00.000Z",
      submissionDeadlineLocal: "2026-07-01T12:00:00", // CEST = UTC+2
      timeZone: "Europe/Amsterdam",
      phase: "draft",
    });
    const edited = await call("PATCH", `/v1/tenders/${legacyId}`, {
      token: tokens.officer,
      body: { version: 1, submissionDeadline: "2026-07-02T09:30" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      submissionDeadline: "2026-07-02T07:30:00.000Z",
      submissionDeadlineLocal: "2026-07-02T09:30:00",
    });
  });

  it("edits a draft under its version; a stale version is a 409", async () => {
    const tender = await draft();
    const edited = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: 1, title: "Reconstructie Stationsweg Zwolle, fase 2", standstillDays: 25 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      standstillDays: 25,
      lots: [{ id: "1", title: "Reconstructie Stationsweg Zwolle, fase 2" }],
    });
    const stale = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: 1, title: "Oud" },
    });
    expect(stale.status).toBe(409);
  });

  it("refuses unknown fields, a bad CPV code and a wall-clock time that does not exist in Amsterdam", async () => {
    const response = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: {
        ...tenderBody(clock.now()),
        cpvCode: "123",
        submissionDeadline: "2026-03-29T02:30",
        colour: "red",
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.path).sort()).toEqual([
      "body",
      "body.cpvCode",
      "body.submissionDeadline",
    ]);
  });

  it("refuses impossible dates with or without an offset, naming the field (never rolled over to March)", async () => {
    for (const submissionDeadline of [
      "2027-02-30T12:00:00Z",
      "2027-02-29T12:00:00+01:00",
      "2027-02-30T12:00",
    ]) {
      const response = await call("POST", "/v1/tenders", {
        token: tokens.officer,
        body: tenderBody(clock.now(), { submissionDeadline }),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.path)).toEqual(["body.submissionDeadline"]);
    }
    const tender = await draft();
    const edit = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: 1, submissionDeadline: "2027-02-30T12:00:00Z" },
    });
    expect(edit.status).toBe(400);
    expect(edit.body.errors.map((e: any) => e.path)).toEqual(["body.submissionDeadline"]);
    const period = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: tenderBody(clock.now(), { contractPeriod: { startDate: "2027-02-30", endDate: "2028-01-01" } }),
    });
    expect(period.body.errors.map((e: any) => e.path)).toEqual(["body.contractPeriod.startDate"]);
  });
});

describe("publishing", () => {
  it("freezes the award model with every table pinned to a version", async () => {
    const tender = await published();
    expect(tender.status).toBe("published");
    expect(tender.awardModel.corrections.certificate).toEqual({
      tableId: "co2-ladder-prorail",
      version: "as-retrieved-2026",
    });
    expect(tender.awardModel.corrections.truePrice.version).toBe("4.0.2-nl.1");
    expect(tender.awardModel.socialReturn.catalogue).toEqual({
      id: "oost-nederland",
      version: "V05-2023-04",
    });
    expect(tender.published.tables.map((t: any) => `${t.kind}:${t.id}:${t.version}`)).toEqual([
      "certificate-discount:co2-ladder-prorail:as-retrieved-2026",
      "true-price-factors:true-price-monetisation:4.0.2-nl.1",
      "sroi-catalogue:oost-nederland:V05-2023-04",
    ]);
    const edit = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: tender.version, title: "Nieuw" },
    });
    expect(edit.status).toBe(409);
    // Suppliers now see it.
    expect((await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.supplier })).status).toBe(200);
  });

  it("refuses a deadline in the past and a model the method does not allow (422 with paths)", async () => {
    const past = await draft({ submissionDeadline: "2026-01-01T12:00" });
    const late = await call("POST", `/v1/tenders/${past.id}/publish`, { token: tokens.officer });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe("deadline-not-in-future");

    const bad = await draft({
      awardModel: { method: "lowest-price", corrections: { certificate: { tableId: "co2-ladder-prorail" } } },
    });
    const refused = await call("POST", `/v1/tenders/${bad.id}/publish`, { token: tokens.officer });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: "awardModel.corrections.certificate", message: expect.any(String) },
    ]);
  });

  it("holds the social-return minimum to the region's policy or stricter", async () => {
    const lax = await draft({
      awardModel: {
        ...tenderBody(clock.now()).awardModel,
        socialReturn: { mode: "minimum", catalogue: { id: "oost-nederland" }, percentOfPrice: 2 },
      },
    });
    const response = await call("POST", `/v1/tenders/${lax.id}/publish`, { token: tokens.officer });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { path: "awardModel.socialReturn.percentOfPrice", message: expect.stringContaining("5 %") },
    ]);
  });

  it("pins the newest table version in force on the Amsterdam date, not one effective later", async () => {
    const added = await call("POST", "/v1/reference-tables", {
      token: tokens.admin,
      body: {
        kind: "certificate-discount",
        id: "co2-ladder-prorail",
        version: "2027",
        effectiveFrom: "2027-01-01",
        scheme: "co2-ladder",
        discountPercentByLevel: { "1": 1, "2": 2, "3": 5, "4": 7, "5": 10 },
        source: "test: a later ladder table",
      },
      idempotencyKey: newKey(),
    });
    expect(added.status).toBe(201);
    const before = await published();
    expect(before.awardModel.corrections.certificate).toEqual({
      tableId: "co2-ladder-prorail",
      version: "as-retrieved-2026",
    });
    // 00:30 on 1 January 2027 in Amsterdam (still 31 December in UTC): the new version is in force.
    clock.set(new Date("2026-12-31T23:30:00Z"));
    try {
      const after = await published();
      expect(after.awardModel.corrections.certificate).toEqual({
        tableId: "co2-ladder-prorail",
        version: "2027",
      });
      expect(after.published.tables[0]).toMatchObject({ id: "co2-ladder-prorail", version: "2027" });
    } finally {
      clock.set(START);
    }
  });

  it("a draft cancelled before publication stays invisible to suppliers", async () => {
    const tender = await draft();
    const cancelled = await call("POST", `/v1/tenders/${tender.id}/cancel`, {
      token: tokens.officer,
      body: { reason: "Merged into another tender" },
    });
    expect(cancelled.body.status).toBe("cancelled");
    expect((await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.supplier })).status).toBe(404);
    expect(
      (await call("POST", `/v1/tenders/${tender.id}/bids`, { token: tokens.supplier, body: bidBody(1) }))
        .status,
    ).toBe(404);
  });

  it("cancels with a reason", async () => {
    const tender = await published();
    const cancelled = await call("POST", `/v1/tenders/${tender.id}/cancel`, {
      token: tokens.officer,
      body: { reason: "Budget withdrawn by the council" },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancellation).toMatchObject({ reason: "Budget withdrawn by the council" });
    expect(
      (
        await call("POST", `/v1/tenders/${tender.id}/bids`, {
          token: tokens.supplier,
          body: bidBody(2_000_000),
        })
      ).status,
    ).toBe(409);
  });
});

describe("sealed bids and the deadline", () => {
  it("only the bidder reads a bid before opening; the officer sees a count; another supplier gets 404", async () => {
    const tender = await published();
    const url = `/v1/tenders/${tender.id}/bids`;
    const own = await call("POST", url, {
      token: tokens.supplier,
      body: bidBody(2_000_000),
      idempotencyKey: newKey(),
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ bidId: DEMO.suppliers[0], status: "submitted", version: 1 });
    expect((await call("POST", url, { token: supplier2, body: bidBody(2_100_000) })).status).toBe(201);

    expect(
      (await call("GET", `${url}/${DEMO.suppliers[0]}`, { token: tokens.supplier })).body.content.price,
    ).toEqual(eur(2_000_000));
    expect((await call("GET", `${url}/${DEMO.suppliers[0]}`, { token: supplier2 })).status).toBe(404);
    expect(
      (
        await call("PUT", `${url}/${DEMO.suppliers[0]}`, {
          token: supplier2,
          body: { ...bidBody(1), version: 1 },
        })
      ).status,
    ).toBe(404);
    const supplierList = await call("GET", url, { token: supplier2 });
    expect(supplierList.body.items.map((b: any) => b.supplierId)).toEqual([DEMO.suppliers[1]]);

    const officerList = await call("GET", url, { token: tokens.officer });
    expect(officerList.body).toEqual({ count: 2, sealed: true, items: [] });
    const officerRead = await call("GET", `${url}/${DEMO.suppliers[0]}`, { token: tokens.officer });
    expect(officerRead.status).toBe(409);
    expect(JSON.stringify(officerRead.body)).not.toContain("2000000");
    expect((await call("GET", url, { token: otherOfficer })).status).toBe(404);
  });

  it("a supplier replaces (versioned) and withdraws its own bid before the deadline", async () => {
    const tender = await published();
    const url = `/v1/tenders/${tender.id}/bids`;
    await call("POST", url, { token: supplier3, body: bidBody(2_000_000) });
    expect((await call("POST", url, { token: supplier3, body: bidBody(1_900_000) })).status).toBe(409);
    const replaced = await call("PUT", `${url}/${DEMO.suppliers[2]}`, {
      token: supplier3,
      body: { ...bidBody(1_900_000), version: 1 },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, content: { price: eur(1_900_000) } });
    expect(
      (
        await call("PUT", `${url}/${DEMO.suppliers[2]}`, {
          token: supplier3,
          body: { ...bidBody(1_800_000), version: 1 },
        })
      ).status,
    ).toBe(409);
    const withdrawn = await call("DELETE", `${url}/${DEMO.suppliers[2]}`, { token: supplier3 });
    expect(withdrawn.body.status).toBe("withdrawn");
    expect((await call("GET", url, { token: tokens.officer })).body.count).toBe(0);
    // The supplier still reads its own withdrawn bid, and no other.
    const own = await call("GET", url, { token: supplier3 });
    expect(own.body).toMatchObject({ count: 1, sealed: false });
    expect(own.body.items.map((b: any) => [b.bidId, b.status])).toEqual([[DEMO.suppliers[2], "withdrawn"]]);
    // Resubmitting after a withdrawal is a new submission.
    expect((await call("POST", url, { token: supplier3, body: bidBody(1_950_000) })).status).toBe(201);
  });

  it("refuses a bid that could not be scored under the frozen model, with body paths", async () => {
    const tender = await published();
    const response = await call("POST", `/v1/tenders/${tender.id}/bids`, {
      token: supplier2,
      body: bidBody(2_000_000, { externalities: [{ factorId: "unobtainium", quantity: 1 }] }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: "body.externalities.0.factorId", message: expect.stringContaining("unknown factor") },
    ]);
  });

  it("at and after the deadline no bid is submitted, replaced or withdrawn (422); bids open only after it", async () => {
    const tender = await published();
    const url = `/v1/tenders/${tender.id}/bids`;
    await call("POST", url, { token: tokens.supplier, body: bidBody(2_000_000) });
    const early = await call("POST", `/v1/tenders/${tender.id}/open`, { token: tokens.officer });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe("deadline-not-passed");

    clock.set(new Date(tender.submissionDeadline)); // exactly at the deadline
    try {
      const late = await call("POST", url, { token: supplier2, body: bidBody(1_000_000) });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe("deadline-passed");
      expect(
        (
          await call("PUT", `${url}/${DEMO.suppliers[0]}`, {
            token: tokens.supplier,
            body: { ...bidBody(1), version: 1 },
          })
        ).status,
      ).toBe(422);
      expect((await call("DELETE", `${url}/${DEMO.suppliers[0]}`, { token: tokens.supplier })).status).toBe(
        422,
      );
      expect((await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.officer })).body.phase).toBe(
        "closed",
      );
      const opened = await call("POST", `/v1/tenders/${tender.id}/open`, { token: tokens.officer });
      expect(opened.status).toBe(200);
      expect(opened.body.opened).toMatchObject({ bidCount: 1 });
      // Prices stay sealed until quality is scored (the tender says so).
      const list = await call("GET", url, { token: tokens.officer });
      expect(list.body.pricesSealed).toBe(true);
      expect(list.body.items[0].content.price).toBeNull();
      // A supplier still never sees the officer's view of another bid.
      expect((await call("GET", `${url}/${DEMO.suppliers[0]}`, { token: supplier2 })).status).toBe(404);
    } finally {
      clock.set(START);
    }
  });
});

describe("tenancy of evaluation and award", () => {
  it("another municipality's officer cannot open, score or evaluate (404)", async () => {
    const tender = await published();
    for (const [method, path] of [
      ["POST", "open"],
      ["POST", "evaluation"],
      ["POST", "award"],
    ] as const) {
      expect((await call(method, `/v1/tenders/${tender.id}/${path}`, { token: otherOfficer })).status).toBe(
        404,
      );
    }
    expect(
      (await call("GET", `/v1/tenders/${tender.id}/evaluation`, { token: tokens.supplier })).status,
    ).toBe(404);
    const scored = await call("PUT", `/v1/tenders/${tender.id}/bids/${DEMO.suppliers[0]}/scores`, {
      token: otherOfficer,
      body: { scores: [{ criterionId: "plan", score: 5, justification: "Not this municipality's tender." }] },
    });
    expect(scored.status).toBe(404);
  });
});

describe("concurrency", () => {
  it("twenty suppliers bidding at once all succeed, and the officer's count is twenty", async () => {
    const tender = await published();
    const suppliers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const id = `sup-concurrent-${String(i).padStart(2, "0")}`;
        const created = await call("POST", "/v1/organisations", {
          token: tokens.admin,
          body: { id, kind: "supplier", name: `Concurrent supplier ${i}`, kvk: String(91_000_000 + i) },
        });
        expect(created.status).toBe(201);
        return tokenFor("supplier", id);
      }),
    );
    const responses = await Promise.all(
      suppliers.map((token, i) =>
        call("POST", `/v1/tenders/${tender.id}/bids`, {
          token,
          body: bidBody(2_000_000 + i * 1000),
          idempotencyKey: newKey(),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect((await call("GET", `/v1/tenders/${tender.id}/bids`, { token: tokens.officer })).body.count).toBe(
      20,
    );
  });
});
