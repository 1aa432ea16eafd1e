import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, clock, type DemoTokens, newKey, seedDemo } from "../../support/api.js";
import { tenderBody } from "./support.js";

/** "Pas toe of leg uit": a lowest-price tender without social or sustainable criteria publishes only with a reason. */

let tokens: DemoTokens;
const START = new Date("2026-02-02T09:00:00Z");
const REASON = "Standaard kantoorartikelen uit een raamovereenkomst; geen sociale of duurzame ruimte.";

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
});
afterAll(() => clock.reset());

const lowestPrice = (overrides: Record<string, unknown> = {}) =>
  tenderBody(clock.now(), {
    reference: `ZW-LP-${newKey().slice(0, 8)}`,
    awardModel: { method: "lowest-price" },
    labourShare: null,
    ...overrides,
  });

async function draft(body: Record<string, unknown>) {
  const response = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    body,
    idempotencyKey: newKey(),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}
const publish = (id: string) =>
  call("POST", `/v1/tenders/${id}/publish`, { token: tokens.officer, body: {} });

describe("publishing a tender without impact criteria", () => {
  it("refuses a lowest-price tender without a reason (422 impact-reason-required naming the field)", async () => {
    const tender = await draft(lowestPrice());
    expect(tender.noImpactCriteriaReason).toBeNull();
    const refused = await publish(tender.id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("impact-reason-required");
    expect(refused.body.errors).toEqual([{ path: "noImpactCriteriaReason", message: expect.any(String) }]);
    const still = await call("GET", `/v1/tenders/${tender.id}`, { token: tokens.officer });
    expect(still.body.status).toBe("draft");
  });

  it("publishes it once the draft gives a reason, and shows the reason to every reader", async () => {
    const tender = await draft(lowestPrice());
    const short = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { noImpactCriteriaReason: "too short", version: tender.version },
    });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].path).toBe("body.noImpactCriteriaReason");
    const edited = await call("PATCH", `/v1/tenders/${tender.id}`, {
      token: tokens.officer,
      body: { noImpactCriteriaReason: REASON, version: tender.version },
    });
    expect(edited.status).toBe(200);
    const published = await publish(tender.id);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: "published", noImpactCriteriaReason: REASON });
    // A supplier without a bid (the public view) and the region's auditor see it too.
    for (const token of [tokens.supplier, tokens.auditor]) {
      const seen = await call("GET", `/v1/tenders/${tender.id}`, { token });
      expect(seen.status).toBe(200);
      expect(seen.body.noImpactCriteriaReason).toBe(REASON);
    }
  });

  it("a reason given at creation is enough; a reason cleared with null is missing again", async () => {
    const withReason = await draft(lowestPrice({ noImpactCriteriaReason: REASON }));
    expect((await publish(withReason.id)).status).toBe(200);
    const cleared = await draft(lowestPrice({ noImpactCriteriaReason: REASON }));
    const patched = await call("PATCH", `/v1/tenders/${cleared.id}`, {
      token: tokens.officer,
      body: { noImpactCriteriaReason: null, version: cleared.version },
    });
    expect(patched.body.noImpactCriteriaReason).toBeNull();
    expect((await publish(cleared.id)).body.code).toBe("impact-reason-required");
  });

  it("needs no reason with a social-return requirement, a price correction or a social criterion", async () => {
    const models = [
      {
        method: "lowest-price",
        socialReturn: { mode: "minimum", catalogue: { id: "oost-nederland" }, percentOfPrice: 5 },
      },
      { method: "lowest-cost", corrections: { lcc: true } },
      {
        method: "weighted-points",
        price: { formula: "relative-lowest", maxPoints: 60 },
        criteria: [
          { id: "jobs", name: "Werkgelegenheid", kind: "social", scale: { min: 0, max: 10 }, maxPoints: 40 },
        ],
      },
    ];
    for (const awardModel of models) {
      const tender = await draft(lowestPrice({ awardModel }));
      const response = await publish(tender.id);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.noImpactCriteriaReason).toBeNull();
    }
  });
});
