import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BIDS, MAX_CRITERIA, MAX_RESULT_BYTES } from "../../../lib/domain/scoring/limits.js";
import { bidderCountKey } from "../../../lib/entities/bid.js";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { addCounters } from "../../../lib/store/counters.js";
import { call, clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { bidBody, tenderBody } from "../tenders/support.js";

/**
 * The caps of a scoring run (lib/domain/scoring/limits.ts): simulate takes 200 bids × 50 criteria
 * and answers under 5 MB; above a cap it answers 422; a tender takes at most that many bidders and
 * criteria.
 */

let tokens: DemoTokens;
const START = new Date("2026-03-02T09:00:00Z");
beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
  await seedSroiRules(
    operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "caps-sroi"),
  );
});
afterAll(() => clock.reset());

const eur = (amount: number) => ({ amount, currency: "EUR" });
const pad = (prefix: string, length: number) => `${prefix}-`.padEnd(length, "x");

/**
 * The largest request the caps allow, made heavy: a relative price formula (so the result has a
 * leave-one-out section), ids of 36 and names of 60 characters, a minimum score that
 * excludes some bids, certificates and true-price corrections on every bid.
 */
function largest(bids = MAX_BIDS, criteria = MAX_CRITERIA) {
  const model = {
    method: "weighted-points",
    price: { formula: "relative-lowest", maxPoints: 40 },
    criteria: Array.from({ length: criteria }, (_, i) => ({
      id: pad(`criterion-${i}`, 36),
      name: pad(`Kwaliteitscriterium ${i}`, 60),
      scale: { min: 0, max: 10 },
      maxPoints: 1,
      minimumScore: 1,
    })),
    corrections: {
      certificate: { tableId: "co2-ladder-prorail" },
      truePrice: { factorSetId: "true-price-monetisation" },
    },
    tieBreakers: ["higher-quality", "lower-price"],
  };
  return {
    awardModel: model,
    bids: Array.from({ length: bids }, (_, b) => ({
      id: pad(`bid-${b}`, 36),
      price: eur(1_000_000 + b * 5_000),
      certificates: { "co2-ladder": b % 6 },
      externalities: ["climate", "pm25", "scarce-water", "acidification", "daly"].map((factorId, k) => ({
        factorId,
        quantity: 10 + b + k,
      })),
      // Every tenth bid misses the first criterion's minimum (excluded, with a reason).
      qualityScores: Object.fromEntries(
        model.criteria.map((c, i) => [c.id, i === 0 && b % 10 === 0 ? 0 : 10 - ((b * 7 + i) % 9)]),
      ),
    })),
  };
}

const simulate = (body: unknown) => call("POST", "/v1/scoring/simulate", { token: tokens.officer, body });

describe("simulate caps", () => {
  it("answers the largest allowed request (200 bids × 50 criteria) with 200 and less than 5 MB", async () => {
    const body = largest();
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(1024 * 1024); // the body limit
    const response = await simulate(body);
    expect(response.status).toBe(200);
    expect(Buffer.byteLength(response.text)).toBeLessThan(MAX_RESULT_BYTES);
    expect(response.body.ranking).toHaveLength(MAX_BIDS);
    expect(response.body.ranking.filter((r: any) => r.compliant)).toHaveLength(180);
    // Leave-one-out: every compliant bid removed in turn; only removals that change something are
    // listed, with their reversals counted in full and listed in part.
    const removal = response.body.robustness.bidRemoval as {
      removalsChecked: number;
      effects: { reversalCount: number; reversals: unknown[] }[];
    };
    expect(removal.removalsChecked).toBe(180);
    expect(removal.effects.length).toBeLessThanOrEqual(2);
    for (const r of removal.effects) expect(r.reversals.length).toBe(Math.min(r.reversalCount, 10));
    expect(response.body.robustness.weightSensitivity).toHaveLength(MAX_CRITERIA + 1);
  }, 60_000);

  it("refuses 201 bids with 422 too-many-bids", async () => {
    const response = await simulate(largest(MAX_BIDS + 1, 1));
    expect(response.status).toBe(422);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.body.code).toBe("too-many-bids");
    expect(response.body.errors).toEqual([{ path: "body.bids", message: "at most 200 bids" }]);
  });

  it("refuses 51 criteria with 422 too-many-criteria", async () => {
    const response = await simulate(largest(2, MAX_CRITERIA + 1));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("too-many-criteria");
    expect(response.body.errors).toEqual([
      { path: "body.awardModel.criteria", message: "at most 50 criteria" },
    ]);
  });

  it("refuses an answer padded beyond 5 MB with 422 result-too-large, never a cut-off 6 MB response", async () => {
    const body = largest();
    // The longest ids and names the schema takes, within the 1 MiB body.
    for (const [i, c] of body.awardModel.criteria.entries()) c.name = pad(`Criterium ${i}`, 200);
    for (const [b, bid] of body.bids.entries()) bid.id = pad(`bid-${b}`, 100);
    const response = await simulate(body);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("result-too-large");
    expect(response.text.length).toBeLessThan(10_000);
  }, 60_000);
});

describe("tender caps", () => {
  it("a tender's award model has at most 50 criteria (422, also on an edit)", async () => {
    const criteria = largest(1, MAX_CRITERIA + 1).awardModel.criteria;
    const base = tenderBody(START);
    const created = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: { ...base, awardModel: { ...base.awardModel, criteria } },
    });
    expect(created.status).toBe(422);
    expect(created.body.code).toBe("too-many-criteria");
    expect(created.body.errors[0].path).toBe("body.awardModel.criteria");
    const draft = await call("POST", "/v1/tenders", { token: tokens.officer, body: base });
    const edited = await call("PATCH", `/v1/tenders/${draft.body.id}`, {
      token: tokens.officer,
      body: { version: 1, awardModel: { ...base.awardModel, criteria } },
    });
    expect(edited.status).toBe(422);
    expect(edited.body.code).toBe("too-many-criteria");
  });

  it("a tender takes bids from at most 200 suppliers; those in keep replacing and resubmitting", async () => {
    const tender = await call("POST", "/v1/tenders", { token: tokens.officer, body: tenderBody(START) });
    await call("POST", `/v1/tenders/${tender.body.id}/publish`, { token: tokens.officer });
    const bids = `/v1/tenders/${tender.body.id}/bids`;
    const first = await call("POST", bids, {
      token: tokens.supplier,
      body: bidBody(2_000_000),
      idempotencyKey: newKey(),
    });
    expect(first.status).toBe(201);
    // 199 other suppliers have bid (their places, not their bids, are what the cap counts).
    await addCounters(bidderCountKey(tender.body.id), { bidders: MAX_BIDS - 1 });

    const newcomer = await call("POST", bids, {
      token: await tokenFor("supplier", DEMO.suppliers[1]),
      body: bidBody(2_100_000),
      idempotencyKey: newKey(),
    });
    expect(newcomer.status).toBe(422);
    expect(newcomer.body.code).toBe("too-many-bids");

    const own = `${bids}/${DEMO.suppliers[0]}`;
    const replaced = await call("PUT", own, {
      token: tokens.supplier,
      body: { ...bidBody(1_950_000), version: 1 },
    });
    expect(replaced.status).toBe(200);
    expect((await call("DELETE", own, { token: tokens.supplier })).status).toBe(200);
    const again = await call("POST", bids, {
      token: tokens.supplier,
      body: bidBody(1_990_000),
      idempotencyKey: newKey(),
    });
    expect(again.status).toBe(201);
  });

  it("concurrent first bids cannot pass the cap together", async () => {
    const tender = await call("POST", "/v1/tenders", { token: tokens.officer, body: tenderBody(START) });
    await call("POST", `/v1/tenders/${tender.body.id}/publish`, { token: tokens.officer });
    await addCounters(bidderCountKey(tender.body.id), { bidders: MAX_BIDS - 1 });
    const responses = await Promise.all(
      DEMO.suppliers.map(async (supplier, i) =>
        call("POST", `/v1/tenders/${tender.body.id}/bids`, {
          token: await tokenFor("supplier", supplier),
          body: bidBody(2_000_000 + i * 1000),
          idempotencyKey: newKey(),
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422, 422]);
  });
});

describe("error answers stay small", () => {
  it("lists at most 100 field errors and says how many there are", async () => {
    const response = await simulate({
      awardModel: { method: "lowest-price" },
      bids: Array(MAX_BIDS).fill({}),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(100);
    expect(response.body.detail).toMatch(/first 100 of 400 problems/);
  });

  it("bounds the keys of a bid's records (scores, certificates)", async () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1]));
    const response = await simulate({
      awardModel: { method: "lowest-price" },
      bids: [{ id: "A", price: eur(1), qualityScores: keys(5000), certificates: keys(5000) }],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.path).sort()).toEqual([
      "body.bids.0.certificates",
      "body.bids.0.qualityScores",
    ]);
  });
});
