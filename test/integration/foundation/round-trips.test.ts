import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCallCounter, sequentialCalls } from "../../../lib/store/call-counter.js";
import { db } from "../../../lib/store/client.js";
import { call, DEMO, type DemoTokens, seedDemo, tokenFor } from "../../support/api.js";

/**
 * Each request a small, fixed number of DynamoDB round trips one after another (in AWS each costs
 * milliseconds): counted on warm caches, as a warm Lambda container serves a request, through the real
 * handlers against dynalite. bench/api.ts measures the same under load.
 */

const counter = installCallCounter(db);
let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});
afterAll(() => counter.remove());

const eur = (amount: number) => ({ amount, currency: "EUR" });
const simulation = {
  awardModel: {
    method: "weighted-points",
    price: { formula: "relative-lowest", maxPoints: 60 },
    criteria: [{ id: "q", name: "Quality", scale: { min: 0, max: 10 }, maxPoints: 40 }],
    corrections: { certificate: { tableId: "co2-ladder-prorail" } },
  },
  bids: Array.from({ length: 10 }, (_, i) => ({
    id: `bid-${i}`,
    price: eur(100_000 + i * 1_000),
    certificates: { "co2-ladder": i % 6 },
    qualityScores: { q: i % 11 },
  })),
};

/** The second of two identical requests: its DynamoDB calls, all and one after another. */
async function warm(method: string, url: string, token?: string, body?: unknown) {
  const send = () => call(method, url, { ...(token ? { token } : {}), ...(body ? { body } : {}) });
  expect((await send()).status).toBe(200);
  const { result, calls } = await counter.counted(send);
  expect(result.status).toBe(200);
  return { calls: calls.length, sequential: sequentialCalls(calls) };
}

describe("DynamoDB round trips per request", () => {
  it("health, me and a simulation of 10 bids: none", async () => {
    expect(await warm("GET", "/v1/health")).toEqual({ calls: 0, sequential: 0 });
    expect(await warm("GET", "/v1/me", tokens.officer)).toEqual({ calls: 0, sequential: 0 });
    expect(await warm("POST", "/v1/scoring/simulate", tokens.officer, simulation)).toEqual({
      calls: 0,
      sequential: 0,
    });
  });

  it("a contract's balance: the contract and its totals in one BatchGetItem", async () => {
    const url = `/v1/contracts/${DEMO.contract.id}/balance`;
    expect(await warm("GET", url, tokens.officer)).toEqual({ calls: 1, sequential: 1 });
  });

  it("a page of contracts: the page, then its TOTALS rows at once, then the block rows they name", async () => {
    const page = await call("GET", "/v1/contracts", { token: tokens.officer });
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(await warm("GET", "/v1/contracts", tokens.officer)).toEqual({ calls: 3, sequential: 3 });
  });

  it("another municipality's officer: 404, and nothing of the totals read alongside", async () => {
    const other = await tokenFor("officer", DEMO.municipalities[1]);
    const url = `/v1/contracts/${DEMO.contract.id}/balance`;
    await call("GET", "/v1/me", { token: other });
    const { result, calls } = await counter.counted(() => call("GET", url, { token: other }));
    expect(result.status).toBe(404);
    expect(result.text).not.toMatch(/credited|pending|obligation/);
    expect(sequentialCalls(calls)).toBe(1);
  });
});
