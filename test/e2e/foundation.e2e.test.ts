import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoTokens, seedDemo } from "../support/api.js";
import { http, startTestServer } from "../support/http-server.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
let tokens: DemoTokens;

beforeAll(async () => {
  tokens = await seedDemo();
  server = await startTestServer();
});
afterAll(() => server.close());

describe("local API over HTTP", () => {
  it("serves health without a token and refuses /v1/me without one", async () => {
    expect((await http(`${server.url}/v1/health`)).status).toBe(200);
    const me = await http(`${server.url}/v1/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets an admin create a municipality that an officer token can then use", async () => {
    const region = await http(`${server.url}/v1/regions`, {
      method: "POST",
      token: tokens.admin,
      json: { id: "regio-e2e", name: "Regio E2E" },
      headers: { "idempotency-key": "e2e-region-1" },
    });
    expect(region.status).toBe(201);
    expect(region.headers.get("location")).toBe("/v1/regions/regio-e2e");
    const municipality = await http(`${server.url}/v1/organisations`, {
      method: "POST",
      token: tokens.admin,
      json: { id: "gm-e2e", kind: "municipality", name: "Gemeente E2E", regionId: "regio-e2e" },
    });
    expect(municipality.status).toBe(201);
    const { tokenFor } = await import("../support/api.js");
    const me = await http(`${server.url}/v1/me`, { token: await tokenFor("officer", "gm-e2e") });
    expect(me.status).toBe(200);
    expect(me.body.regionId).toBe("regio-e2e");
  });

  it("answers malformed JSON with 400 and an oversized body with 413 over the wire", async () => {
    const malformed = await http(`${server.url}/v1/regions`, {
      method: "POST",
      token: tokens.admin,
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("malformed-json");
    const oversized = await http(`${server.url}/v1/regions`, {
      method: "POST",
      token: tokens.admin,
      json: { name: "y".repeat(2 * 1024 * 1024) },
    });
    expect(oversized.status).toBe(413);
  });

  it("answers 404 and 405 as problem+json", async () => {
    const missing = await http(`${server.url}/v2/anything`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("no-such-route");
    const wrong = await http(`${server.url}/v1/health`, { method: "POST" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});
