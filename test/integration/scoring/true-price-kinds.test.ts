import { beforeAll, describe, expect, it } from "vitest";
import { call, type DemoTokens, newKey, seedDemo } from "../../support/api.js";

/**
 * Social true-price costs and exclusion grounds through POST /v1/scoring/simulate and the reference
 * tables (real handlers against dynalite); the rules: lib/domain/scoring/README.md, True price.
 */

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

const eur = (amount: number) => ({ amount, currency: "EUR" });
const simulate = (body: unknown) => call("POST", "/v1/scoring/simulate", { token: tokens.officer, body });
const truePrice = (extra: Record<string, unknown> = {}) => ({
  truePrice: { factorSetId: "true-price-monetisation", ...extra },
});

describe("POST /v1/scoring/simulate: social costs and exclusion grounds", () => {
  it("answers 400 naming the category path when lowest-cost names a social category", async () => {
    const response = await simulate({
      awardModel: {
        method: "lowest-cost",
        corrections: truePrice({ categories: ["environmental", "social"] }),
      },
      bids: [{ id: "A", price: eur(100) }],
    });
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.body.errors).toEqual([
      {
        path: "body.awardModel.corrections.truePrice.categories.1",
        message: expect.stringMatching(
          /life-cycle costing under Directive 2014\/24\/EU art\. 68 covers environmental externalities only/,
        ),
      },
    ]);
  });

  it("counts a wage gap under weighted-points only with socialCosts: true, labelled social", async () => {
    const bids = [
      {
        id: "A",
        price: eur(100_000),
        externalities: [
          { factorId: "climate", quantity: 1000 },
          { factorId: "underpayment-below-living-wage", quantity: 10_000 },
        ],
      },
      { id: "B", price: eur(105_000), externalities: [{ factorId: "climate", quantity: 1000 }] },
    ];
    const model = (socialCosts: boolean) => ({
      method: "weighted-points",
      price: { formula: "relative-lowest", maxPoints: 100 },
      corrections: truePrice({ socialCosts }),
    });
    const without = await simulate({ awardModel: model(false), bids });
    expect(without.status).toBe(200);
    expect(without.body.ranking.map((r: any) => [r.bidId, r.totalScore])).toEqual([
      ["A", 100],
      ["B", 95.2522],
    ]);
    const withSocial = await simulate({ awardModel: model(true), bids });
    expect(withSocial.status).toBe(200);
    expect(withSocial.body.ranking.map((r: any) => [r.bidId, r.totalScore])).toEqual([
      ["B", 100],
      ["A", 95.2085],
    ]);
    const a = withSocial.body.ranking.find((r: any) => r.bidId === "A");
    expect(a.breakdown.corrections.map((c: any) => [c.category, c.externality, c.amount.amount])).toEqual([
      ["environmental", "environmental", 312],
      ["social", "social", 10_300],
    ]);
  });

  it("lists a bid declaring child labour as not compliant with the reason, its price unchanged", async () => {
    const response = await simulate({
      awardModel: { method: "lowest-cost", corrections: truePrice() },
      bids: [
        {
          id: "A",
          price: eur(90_000),
          externalities: [
            { factorId: "climate", quantity: 1000 },
            { factorId: "child-labour-hazardous", quantity: 10 },
          ],
        },
        { id: "B", price: eur(100_000), externalities: [{ factorId: "climate", quantity: 1000 }] },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.ranking.map((r: any) => [r.bidId, r.rank, r.compliant])).toEqual([
      ["B", 1, true],
      ["A", null, false],
    ]);
    const a = response.body.ranking[1];
    expect(a.reasons).toEqual([
      expect.stringMatching(/"child-labour-hazardous".*exclusion ground.*art\. 2\.86/),
    ]);
    expect(a.breakdown.correctedPrice).toEqual(eur(90_312));
    expect(a.breakdown.corrections).toHaveLength(1);
    expect(response.body.tables).toContainEqual(
      expect.objectContaining({ kind: "true-price-factors", version: "4.0.2-nl.1" }),
    );
  });
});

describe("reference tables: a factor's kind and exclusion ground", () => {
  it("ships 4.0.2-nl.1 with kinds and flags, and an admin's set names them too", async () => {
    const shipped = await call("GET", "/v1/reference-tables?kind=true-price-factors&limit=50", {
      token: tokens.supplier,
    });
    expect(shipped.status).toBe(200);
    const nl = shipped.body.items.find((t: any) => t.version === "4.0.2-nl.1");
    expect(nl.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "pm25", kind: "environmental" }),
        expect.objectContaining({ id: "child-labour-hazardous", kind: "social", exclusionGround: true }),
        expect.objectContaining({ id: "forced-labour", kind: "social", exclusionGround: true }),
      ]),
    );

    const added = await call("POST", "/v1/reference-tables", {
      token: tokens.admin,
      idempotencyKey: newKey(),
      body: {
        kind: "true-price-factors",
        id: "buyer-factors",
        version: "1",
        source: "test: a buyer's own factor set",
        factors: [
          { id: "noise", category: "nuisance", kind: "environmental", unit: "dB", eurPerUnit: 2 },
          {
            id: "trafficking",
            category: "labour",
            kind: "social",
            exclusionGround: true,
            unit: "case",
            eurPerUnit: 0,
          },
        ],
      },
    });
    expect(added.status).toBe(201);
    const response = await simulate({
      awardModel: {
        method: "lowest-cost",
        corrections: { truePrice: { factorSetId: "buyer-factors", categories: ["nuisance"] } },
      },
      bids: [
        { id: "A", price: eur(1000), externalities: [{ factorId: "noise", quantity: 3 }] },
        { id: "B", price: eur(500), externalities: [{ factorId: "trafficking", quantity: 1 }] },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.ranking.map((r: any) => [r.bidId, r.rank, r.evaluatedPrice])).toEqual([
      ["A", 1, eur(1006)],
      ["B", null, null],
    ]);
  });
});
