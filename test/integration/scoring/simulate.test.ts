import { beforeAll, describe, expect, it } from "vitest";
import { call, type DemoTokens, newKey, seedDemo } from "../../support/api.js";

/** POST /v1/scoring/simulate and the reference tables, through the real handlers against dynalite. */

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

const eur = (amount: number) => ({ amount, currency: "EUR" });
const simulate = (body: unknown, token = tokens.officer) =>
  call("POST", "/v1/scoring/simulate", { token, body });

describe("POST /v1/scoring/simulate reproduces lib/domain/scoring/README.md", () => {
  it("relative-lowest at 50 points: A 40, B 80, C 100 → 50, 25, 20; without A → 50, 40", async () => {
    const model = { method: "weighted-points", price: { formula: "relative-lowest", maxPoints: 50 } };
    const all = await simulate({
      awardModel: model,
      bids: [
        { id: "A", price: eur(40) },
        { id: "B", price: eur(80) },
        { id: "C", price: eur(100) },
      ],
    });
    expect(all.status).toBe(200);
    expect(all.body.ranking.map((r: any) => [r.bidId, r.rank, r.totalScore])).toEqual([
      ["A", 1, 50],
      ["B", 2, 25],
      ["C", 3, 20],
    ]);
    expect(all.body.warnings.map((w: any) => w.code)).toContain("relative-price-formula");
    // Without A, B stays ahead of C: no removal changes the order (the second simulation gives the scores).
    expect(all.body.robustness.bidRemoval).toEqual({ removalsChecked: 3, margin: 25, effects: [] });
    const withoutA = await simulate({
      awardModel: model,
      bids: [
        { id: "B", price: eur(80) },
        { id: "C", price: eur(100) },
      ],
    });
    expect(withoutA.body.ranking.map((r: any) => r.totalScore)).toEqual([50, 40]);
  });

  it("EUR 30M at CO2-ladder level 3 is evaluated at EUR 28.8M and beats EUR 29M at level 0", async () => {
    const response = await simulate(
      {
        awardModel: {
          method: "award-on-value",
          // The shipped version, named: another case adds a newer one, which a bare tableId would take.
          corrections: { certificate: { tableId: "co2-ladder-prorail", version: "as-retrieved-2026" } },
        },
        bids: [
          { id: "level-0", price: eur(29_000_000), certificates: { "co2-ladder": 0 } },
          { id: "level-3", price: eur(30_000_000), certificates: { "co2-ladder": 3 } },
        ],
      },
      tokens.supplier,
    );
    expect(response.status).toBe(200);
    expect(response.body.ranking.map((r: any) => [r.bidId, r.rank, r.evaluatedPrice])).toEqual([
      ["level-3", 1, eur(28_800_000)],
      ["level-0", 2, eur(29_000_000)],
    ]);
    expect(response.body.ranking[0].breakdown.corrections[0]).toMatchObject({
      amount: eur(-1_200_000),
      table: { id: "co2-ladder-prorail", version: "as-retrieved-2026" },
      source: expect.stringContaining("deduurzameadviseurs.nl"),
    });
    expect(response.body.engineVersion).toMatch(/^impact-scoring\//);
    expect(response.body.inputDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("Negometrix award on value: EUR 80,000 with a EUR 2,500 criterion at 60 % → EUR 78,500; PIANOo 1–10 scale", async () => {
    const response = await simulate(
      {
        awardModel: {
          method: "award-on-value",
          criteria: [
            { id: "negometrix", name: "Partially meets", scale: { min: 0, max: 100 }, maxValue: eur(2500) },
            { id: "pianoo", name: "PIANOo 1-10", scale: { min: 1, max: 10 }, maxValue: eur(9000) },
          ],
        },
        bids: [{ id: "X", price: eur(80_000), qualityScores: { negometrix: 60, pianoo: 1 } }],
      },
      tokens.auditor,
    );
    expect(response.status).toBe(200);
    expect(response.body.ranking[0].evaluatedPrice).toEqual(eur(78_500));
    const pianoo = await simulate({
      awardModel: {
        method: "award-on-value",
        criteria: [{ id: "q", name: "Q", scale: { min: 1, max: 10 }, maxValue: eur(9000) }],
      },
      bids: [{ id: "X", price: eur(80_000), qualityScores: { q: 7 } }],
    });
    // 9000 × (7 − 1) / 9 = 6000
    expect(pianoo.body.ranking[0].breakdown.quality[0].value).toEqual(eur(6000));
    expect(pianoo.body.ranking[0].evaluatedPrice).toEqual(eur(74_000));
  });

  it("climate costs EUR 312 per tonne (EUR 0.312 per kg CO2e)", async () => {
    const response = await simulate(
      {
        awardModel: {
          method: "lowest-cost",
          corrections: { truePrice: { factorSetId: "true-price-monetisation" } },
        },
        bids: [{ id: "X", price: eur(10_000), externalities: [{ factorId: "climate", quantity: 1000 }] }],
      },
      tokens.admin,
    );
    expect(response.status).toBe(200);
    expect(response.body.ranking[0].breakdown.corrections[0]).toMatchObject({
      amount: eur(312),
      table: { id: "true-price-monetisation", version: "4.0.2-nl.1" },
    });
    expect(response.body.ranking[0].evaluatedPrice).toEqual(eur(10_312));
  });
});

describe("simulate errors", () => {
  it("needs a token", async () => {
    expect((await call("POST", "/v1/scoring/simulate", { body: {} })).status).toBe(401);
  });

  it("refuses unknown fields and bare numbers as money with field paths (400)", async () => {
    const response = await simulate({
      awardModel: { method: "lowest-price", colour: "red" },
      bids: [{ id: "A", price: 100 }],
    });
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.body.errors.map((e: any) => e.path)).toEqual(["body.awardModel", "body.bids.0.price"]);
  });

  it("names a correction the method does not allow (400)", async () => {
    const response = await simulate({
      awardModel: { method: "lowest-price", corrections: { certificate: { tableId: "co2-ladder-prorail" } } },
      bids: [{ id: "A", price: eur(100) }],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: "body.awardModel.corrections.certificate",
        message: expect.stringMatching(/lowest-price allows no corrections/),
      },
    ]);
  });

  it("refuses a corrected price ≤ 0 under a relative formula (422)", async () => {
    const response = await simulate({
      awardModel: {
        method: "weighted-points",
        price: { formula: "relative-lowest", maxPoints: 50 },
        corrections: { lcc: true },
      },
      bids: [{ id: "A", price: eur(100), lcc: [{ label: "residual value", amount: eur(-150) }] }],
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("corrected-price-not-positive");
    expect(response.body.errors).toEqual([{ path: "body.bids.0.price", message: expect.any(String) }]);
  });
});

describe("reference tables", () => {
  it("lists the shipped versions with their sources to every role", async () => {
    const response = await call("GET", "/v1/reference-tables?limit=500", { token: tokens.supplier });
    expect(response.status).toBe(200);
    const ids = response.body.items.map((t: any) => `${t.kind}:${t.id}:${t.version}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        "certificate-discount:co2-ladder-prorail:as-retrieved-2026",
        "true-price-factors:true-price-monetisation:4.0.2",
        "co2-price:true-price-2025:as-retrieved-2026",
      ]),
    );
    expect(response.body.items.every((t: any) => typeof t.source === "string" && t.source.length > 0)).toBe(
      true,
    );
  });

  it("admins add a version; a missing version in a model then means that newest one; versions are immutable", async () => {
    const table = {
      kind: "certificate-discount",
      id: "co2-ladder-prorail",
      version: "2027",
      effectiveFrom: "2027-01-01",
      scheme: "co2-ladder",
      discountPercentByLevel: { "1": 1, "2": 2, "3": 5, "4": 7, "5": 10 },
      source: "test: a later ladder table",
    };
    expect((await call("POST", "/v1/reference-tables", { token: tokens.officer, body: table })).status).toBe(
      403,
    );
    const added = await call("POST", "/v1/reference-tables", {
      token: tokens.admin,
      body: table,
      idempotencyKey: newKey(),
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: "co2-ladder-prorail",
      version: "2027",
      addedBy: expect.any(String),
    });
    expect((await call("POST", "/v1/reference-tables", { token: tokens.admin, body: table })).status).toBe(
      409,
    );

    const run = (version?: string) =>
      simulate({
        awardModel: {
          method: "award-on-value",
          corrections: { certificate: { tableId: "co2-ladder-prorail", ...(version ? { version } : {}) } },
        },
        bids: [{ id: "A", price: eur(1000), certificates: { "co2-ladder": 3 } }],
      });
    expect((await run()).body.ranking[0].evaluatedPrice).toEqual(eur(950));
    expect((await run("as-retrieved-2026")).body.ranking[0].evaluatedPrice).toEqual(eur(960));
    const unknown = await run("1999");
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("body.awardModel.corrections.certificate");
  });
});

describe("reproducibility over HTTP", () => {
  it("the same request gives the same bytes, whatever the order of the bids", async () => {
    const bids = [
      { id: "A", price: eur(40), submittedAt: "2026-03-01T10:00:00+01:00" },
      { id: "B", price: eur(80) },
      { id: "C", price: eur(100) },
    ];
    const awardModel = { method: "weighted-points", price: { formula: "relative-lowest", maxPoints: 50 } };
    const first = await simulate({ awardModel, bids });
    const second = await simulate({ awardModel, bids: [bids[2], bids[0], bids[1]] }, tokens.supplier);
    expect(second.text).toBe(first.text);
  });
});
