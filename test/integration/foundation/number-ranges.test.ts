import { describe, expect, it } from "vitest";
import { call, seedDemo } from "../../support/api.js";

/** Every number has a documented range; figures the arithmetic cannot hold exactly are a 422, never a 500. */

const tokens = await seedDemo();
const eur = (amount: number) => ({ amount, currency: "EUR" });
const utrecht = { id: "utrecht", version: "current-as-retrieved" };

const valuate = (lines: unknown[]) =>
  call("POST", "/v1/sroi/valuate", { token: tokens.officer, body: { catalogue: utrecht, lines } });
const simulate = (awardModel: unknown, bids: unknown[]) =>
  call("POST", "/v1/scoring/simulate", { token: tokens.officer, body: { awardModel, bids } });

describe("numbers outside their documented range are a 400 naming the range", () => {
  it("valuation: 3e11 hours, 1e308 hours or months", async () => {
    const res = await valuate([
      { blockId: "social-activity", hours: 3e11 },
      { blockId: "social-activity", hours: 1e308 },
      { blockId: "pwet", fte: 1, months: 1e308 },
      { blockId: "social-activity", hours: 12.345 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: "body.lines.0.hours", message: "hours: 0 to 100,000" },
      { path: "body.lines.1.hours", message: "hours: 0 to 100,000" },
      { path: "body.lines.2.months", message: "months: 0 to 600" },
      { path: "body.lines.3.hours", message: "hours: at most 2 decimals" },
    ]);
    const fine = await valuate([{ blockId: "social-activity", hours: 100_000 }]);
    expect(fine.status).toBe(200);
    expect(fine.body.total).toEqual(eur(10_000_000));
  });

  it("scoring: an MKI valuation factor or a true-price weight of 1e308, an amount over EUR 10 billion", async () => {
    const mki = await simulate({ method: "lowest-cost", corrections: { mki: { valuationFactor: 1e308 } } }, [
      { id: "A", price: eur(1000), mki: eur(10) },
    ]);
    expect(mki.status).toBe(400);
    expect(mki.body.errors).toEqual([
      {
        path: "body.awardModel.corrections.mki.valuationFactor",
        message: "an MKI valuation factor: 0 to 1,000,000",
      },
    ]);
    const weight = await simulate(
      {
        method: "lowest-cost",
        corrections: { truePrice: { factorSetId: "true-price-monetisation", weight: 1e308 } },
      },
      [{ id: "A", price: eur(1e11), externalities: [{ factorId: "climate", quantity: 2 ** 53 + 1 }] }],
    );
    expect(weight.status).toBe(400);
    expect(weight.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "body.awardModel.corrections.truePrice.weight",
      "body.bids.0.price.amount",
      "body.bids.0.externalities.0.quantity",
    ]);
  });

  it("documents each range in the schema, so the OpenAPI document shows it", async () => {
    const { valuationLineSchema } = await import("../../../lib/schemas/sroi.js");
    const { z } = await import("zod");
    const line = z.toJSONSchema(valuationLineSchema) as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(line.properties.hours).toMatchObject({
      minimum: 0,
      maximum: 100_000,
      description: expect.stringContaining("100,000"),
    });
    expect(line.properties.fte).toMatchObject({
      exclusiveMinimum: 0,
      maximum: 1,
      description: expect.stringContaining("4 decimals"),
    });
    expect(line.properties.months).toMatchObject({ minimum: 0, maximum: 600 });
  });
});

describe("figures too large to compute exactly are a 422 out-of-range, never a 500", () => {
  it("an MKI of EUR 10 billion valued at the largest factor", async () => {
    const res = await simulate(
      { method: "lowest-cost", corrections: { mki: { valuationFactor: 1_000_000 } } },
      [{ id: "A", price: eur(10_000_000_000), mki: eur(10_000_000_000) }],
    );
    expect(res.status).toBe(422);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(res.body).toMatchObject({ code: "out-of-range", detail: expect.stringContaining("90 trillion") });
  });

  it("true-price externalities at the largest quantity and weight", async () => {
    const res = await simulate(
      {
        method: "lowest-cost",
        corrections: { truePrice: { factorSetId: "true-price-monetisation", weight: 1_000_000 } },
      },
      [{ id: "A", price: eur(1000), externalities: [{ factorId: "climate", quantity: 1e12 }] }],
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("out-of-range");
  });

  it("a catalogue's largest purchase factor on the largest invoice", async () => {
    const published = await call("POST", "/v1/sroi/catalogues", {
      token: tokens.auditor,
      body: {
        id: "oost-nederland",
        version: "range-test",
        name: "Range test",
        source: "test data",
        incomplete: false,
        effectiveFrom: null,
        blocks: [{ id: "purchase", kind: "purchase", factor: 1_000_000 }],
      },
    });
    expect(published.status).toBe(201);
    const res = await call("POST", "/v1/sroi/valuate", {
      token: tokens.officer,
      body: {
        catalogue: { id: "oost-nederland", version: "range-test" },
        lines: [{ blockId: "purchase", invoice: eur(10_000_000_000) }],
      },
    });
    // A valued line names the quantity that is too large, like any other invalid field of the line.
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: "body.lines.0.invoice", code: "out-of-range", message: expect.stringContaining("too large") },
    ]);
  });
});
