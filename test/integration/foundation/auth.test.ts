import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { call, DEMO, type DemoTokens, seedDemo, tokenFor } from "../../support/api.js";

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

const expectProblem = (
  response: { status: number; headers: Record<string, string>; body: any },
  status: number,
) => {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.body.status).toBe(status);
  expect(response.body.type).toMatch(/^tag:impact-procurement/);
  expect(response.body.correlationId).toBe(response.headers["x-correlation-id"]);
};

describe("authentication", () => {
  it("serves health without a token", async () => {
    const response = await call("GET", "/v1/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok", service: "impact-procurement" });
  });

  it("refuses a missing token with 401 and a Bearer challenge", async () => {
    const response = await call("GET", "/v1/me");
    expectProblem(response, 401);
    expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(response.body.detail).toBe("A bearer token is required.");
  });

  it("refuses an expired token", async () => {
    const expired = await tokenFor("officer", DEMO.municipalities[0], "x", "-1m");
    const response = await call("GET", "/v1/me", { token: expired });
    expectProblem(response, 401);
    expect(response.body.detail).toBe("The token has expired.");
  });

  it("refuses a tampered token", async () => {
    const [header, payload, signature] = tokens.officer.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), role: "admin" }),
    ).toString("base64url");
    expectProblem(await call("GET", "/v1/me", { token: `${header}.${forged}.${signature}` }), 401);
  });

  it("refuses a token signed with another key", async () => {
    const other = await new SignJWT({ role: "admin", org: DEMO.operator })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("intruder")
      .setIssuer("impact-procurement-local")
      .setAudience("impact-procurement")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("some-other-key-of-sufficient-length"));
    expectProblem(await call("GET", "/v1/me", { token: other }), 401);
  });

  it("refuses a token whose organisation does not exist (403)", async () => {
    const response = await call("GET", "/v1/me", { token: await tokenFor("officer", "gm-nowhere") });
    expectProblem(response, 403);
    expect(response.body.detail).toBe("The token's organisation does not exist.");
  });

  it("refuses a role that does not fit its organisation (officer of a supplier)", async () => {
    const response = await call("GET", "/v1/me", { token: await tokenFor("officer", DEMO.suppliers[0]) });
    expectProblem(response, 403);
    expect(response.body.detail).toBe("An officer acts for a municipality, not a supplier.");
  });

  it("refuses a wrong role for the route (403)", async () => {
    const response = await call("POST", "/v1/regions", { token: tokens.supplier, body: { name: "Nope" } });
    expectProblem(response, 403);
  });

  it("answers /v1/me with the caller's identity and organisation; the region comes from the organisation", async () => {
    const response = await call("GET", "/v1/me", { token: tokens.officer });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      sub: "demo-officer-zwolle",
      role: "officer",
      regionId: DEMO.region,
      organisation: { id: DEMO.municipalities[0], kind: "municipality", regionId: DEMO.region },
    });
  });
});
