import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { DAY, eur, tenderBody } from "./support.js";

/**
 * The procedure and the standstill as the law sets them, through the real handlers: the EU threshold
 * derived from the value and type, publication warnings and refusals, the statutory minimum standstill
 * and the standstill's end under the Algemene termijnenwet.
 */

let tokens: DemoTokens;
let supplier2: string;
const s2 = DEMO.suppliers[1];

beforeAll(async () => {
  clock.set(new Date("2026-04-01T08:00:00Z"));
  tokens = await seedDemo();
  supplier2 = await tokenFor("supplier", s2);
});
afterEach(() => clock.reset());

let drafts = 0;
/**
 * A lowest-price draft (no social-return minimum, so the value alone decides), services unless told;
 * its reason for having no impact criteria lets it publish.
 */
function body(overrides: Record<string, unknown>) {
  return tenderBody(clock.now(), {
    reference: `ZW-2026-PROC-${++drafts}`,
    contractType: "services",
    cpvCode: "90910000-9",
    awardModel: { method: "lowest-price" },
    noImpactCriteriaReason: "A plain supply where no social or sustainable criterion fits.",
    ...overrides,
  });
}

const create = (overrides: Record<string, unknown>) =>
  call("POST", "/v1/tenders", { token: tokens.officer, body: body(overrides), idempotencyKey: newKey() });

async function draft(overrides: Record<string, unknown>) {
  const created = await create(overrides);
  expect(created.status, created.text).toBe(201);
  return created.body;
}

const publish = (id: string) =>
  call("POST", `/v1/tenders/${id}/publish`, { token: tokens.officer, body: {} });

describe("procedure and EU threshold", () => {
  it("a draft records its procedure (default open) and the Act's option (default on); aboveEuThreshold is derived", async () => {
    clock.set(new Date("2026-04-01T08:00:00Z"));
    const small = await draft({ estimatedValue: eur(215_999.99) });
    expect(small).toMatchObject({ procedure: "open", algemeneTermijnenwet: true, aboveEuThreshold: false });
    const large = await draft({
      estimatedValue: eur(216_000),
      procedure: "restricted",
      algemeneTermijnenwet: false,
    });
    expect(large).toMatchObject({
      procedure: "restricted",
      algemeneTermijnenwet: false,
      aboveEuThreshold: true,
    });
    const works = await draft({
      estimatedValue: eur(2_500_000),
      contractType: "works",
      cpvCode: "45233140-2",
    });
    expect(works.aboveEuThreshold).toBe(false);
    const unknown = await create({ procedure: "closed-door" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("body.procedure");
  });

  it("publishing warns, with the source, about a single private procedure above the practice threshold", async () => {
    clock.set(new Date("2026-04-01T08:00:00Z"));
    const tender = await draft({ estimatedValue: eur(60_000), procedure: "single-private" });
    const published = await publish(tender.id);
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({
      status: "published",
      procedure: "single-private",
      aboveEuThreshold: false,
    });
    expect(published.body.warnings).toEqual([
      {
        code: "procedure-above-practice-threshold",
        message: expect.stringContaining("below EUR 50000.00"),
        source: expect.stringContaining("VNG model inkoop- en aanbestedingsbeleid"),
      },
    ]);
    const fitting = await draft({ estimatedValue: eur(40_000), procedure: "single-private" });
    const quiet = await publish(fitting.id);
    expect(quiet.status).toBe(200);
    expect(quiet.body.warnings).toEqual([]);
  });

  it("refuses a private or national procedure above the EU threshold (422 procedure-above-threshold)", async () => {
    clock.set(new Date("2026-04-01T08:00:00Z"));
    const tender = await draft({ estimatedValue: eur(250_000), procedure: "multiple-private" });
    const refused = await publish(tender.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "procedure-above-threshold",
      detail: expect.stringContaining("EUR 216000.00 (2026-2027)"),
      errors: [{ path: "procedure", message: expect.any(String) }],
    });
    expect((await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.officer })).body.status).toBe(
      "draft",
    );
    const works = await draft({
      estimatedValue: eur(6_000_000),
      contractType: "works",
      cpvCode: "45233140-2",
      procedure: "national-open",
    });
    expect((await publish(works.id)).body.code).toBe("procedure-above-threshold");
    // With a European procedure the same tender publishes.
    const fixed = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { version: tender.version, procedure: "open" },
    });
    expect(fixed.status, fixed.text).toBe(200);
    const published = await publish(tender.id);
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ aboveEuThreshold: true, warnings: [] });
  });
});

describe("statutory minimum standstill", () => {
  it("above the EU threshold fewer than 20 days answer 422 standstill-too-short on create and on PATCH", async () => {
    clock.set(new Date("2026-04-01T08:00:00Z"));
    const short = await create({ estimatedValue: eur(250_000), standstillDays: 10 });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({
      code: "standstill-too-short",
      errors: [{ path: "body.standstillDays", message: expect.stringContaining("at least 20") }],
    });
    // Below the threshold the standstill is the buyer's choice, even none.
    const small = await draft({ estimatedValue: eur(100_000), standstillDays: 0 });
    expect(small.standstillDays).toBe(0);
    const raised = await call("PATCH", `/v1/tenders/${small.id}`, {
      token: tokens.officer,
      body: { version: small.version, estimatedValue: eur(300_000) },
    });
    expect(raised.status).toBe(422);
    expect(raised.body.code).toBe("standstill-too-short");
    const both = await call("PATCH", `/v1/tenders/${small.id}`, {
      token: tokens.officer,
      body: { version: small.version, estimatedValue: eur(300_000), standstillDays: 20 },
    });
    expect(both.status, both.text).toBe(200);
  });

  it("is checked again at publication: a draft below the 2024-2025 threshold is above the 2026-2027 one", async () => {
    clock.set(new Date("2025-12-30T09:00:00Z"));
    // EUR 218,000 of services: below EUR 221,000 in 2025, above EUR 216,000 from 1 January 2026.
    const tender = await draft({ estimatedValue: eur(218_000), standstillDays: 10 });
    expect(tender.aboveEuThreshold).toBe(false);
    clock.set(new Date("2026-01-05T09:00:00Z"));
    const read = await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.officer });
    expect(read.body.aboveEuThreshold).toBe(true);
    const refused = await publish(tender.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "standstill-too-short",
      errors: [{ path: "standstillDays", message: expect.any(String) }],
    });
  });
});

/** A published lowest-price tender with two bids, opened and evaluated; the clock then stands at `sentAt`. */
async function evaluatedTender(overrides: Record<string, unknown>, sentAt: string): Promise<string> {
  clock.set(new Date("2026-04-01T08:00:00Z"));
  const tender = await draft({ estimatedValue: eur(250_000), ...overrides });
  expect((await publish(tender.id)).status).toBe(200);
  for (const [token, price] of [
    [tokens.supplier, 240_000],
    [supplier2, 230_000],
  ] as const) {
    const bid = await call("POST", `/v1/tenders/${tender.id}/bids`, { token, body: { price: eur(price) } });
    expect(bid.status, bid.text).toBe(201);
  }
  clock.set(new Date(Date.parse("2026-04-01T08:00:00Z") + 15 * DAY));
  expect((await call("POST", `/v1/tenders/${tender.id}/open`, { token: tokens.officer })).status).toBe(200);
  const evaluated = await call("POST", `/v1/tenders/${tender.id}/evaluation`, { token: tokens.officer });
  expect(evaluated.status, evaluated.text).toBe(201);
  clock.set(new Date(sentAt));
  return tender.id;
}

describe("standstill after the intended award", () => {
  it("worked example: sent Friday 24 April 2026, the 20th day is Ascension Day, final from Saturday 16 May 00:00", async () => {
    const id = await evaluatedTender({}, "2026-04-24T08:00:00Z");
    const intended = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s2 },
    });
    expect(intended.status, intended.text).toBe(200);
    const dates = { standstillEndsAt: "2026-05-15T22:00:00.000Z", finalAwardPossibleFrom: "2026-05-16" };
    expect(intended.body.intendedAward).toMatchObject({ bidId: s2, ...dates });

    // The bidders read the same dates on the tender and on their evaluation.
    for (const token of [tokens.supplier, supplier2]) {
      const tender = await call("GET", `/v1/tenders/${id}`, { token });
      expect(tender.body.intendedAward).toMatchObject(dates);
      const evaluation = await call("GET", `/v1/tenders/${id}/evaluation`, { token });
      expect(evaluation.status, evaluation.text).toBe(200);
      expect(evaluation.body.intendedAward).toMatchObject(dates);
    }

    // Friday 15 May 23:59:59 in Amsterdam the standstill still runs; at Saturday 00:00 it has ended.
    clock.set(new Date("2026-05-15T21:59:59Z"));
    const early = await call("POST", `/v1/tenders/${id}/award`, { token: tokens.officer });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe("standstill-running");
    clock.set(new Date("2026-05-15T22:00:00Z"));
    const award = await call("POST", `/v1/tenders/${id}/award`, { token: tokens.officer });
    expect(award.status, award.text).toBe(200);
    expect(award.body.status).toBe("awarded");
  });

  it("without the Algemene termijnenwet the same request ends on Ascension Day: final from Friday 15 May", async () => {
    const id = await evaluatedTender({ algemeneTermijnenwet: false }, "2026-04-24T08:00:00Z");
    const intended = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s2 },
    });
    expect(intended.body.intendedAward).toMatchObject({
      standstillEndsAt: "2026-05-14T22:00:00.000Z",
      finalAwardPossibleFrom: "2026-05-15",
    });
  });

  it("below the EU threshold without a standstill the award may become final at once", async () => {
    const id = await evaluatedTender(
      { estimatedValue: eur(100_000), standstillDays: 0 },
      "2026-04-24T08:00:00Z",
    );
    const intended = await call("POST", `/v1/tenders/${id}/intended-award`, {
      token: tokens.officer,
      body: { bidId: s2 },
    });
    expect(intended.body.intendedAward).toMatchObject({
      standstillEndsAt: "2026-04-24T08:00:00.000Z",
      finalAwardPossibleFrom: "2026-04-24",
    });
    expect((await call("POST", `/v1/tenders/${id}/award`, { token: tokens.officer })).status).toBe(200);
  });
});
