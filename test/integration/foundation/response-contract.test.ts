import { describe, expect, it } from "vitest";
import { call, seedDemo } from "../../support/api.js";
import { findRoute } from "../../../lib/http/routes.js";
import { checkAgainstDocument, checkResponse, ResponseDrift } from "../../support/response-contract.js";

/**
 * The check the integration and e2e clients run on every answer: a success body against its route's
 * declared schema, an error against problem+json. Real answers pass; altered copies of them do not.
 */

const tokens = await seedDemo();

const drift = (promise: Promise<void>, message: RegExp) =>
  expect(promise).rejects.toSatisfy((error) => error instanceof ResponseDrift && message.test(error.message));

describe("response contract", () => {
  it("accepts the real answers of GET /v1/health and GET /v1/me", async () => {
    const health = await call("GET", "/v1/health");
    const me = await call("GET", "/v1/me", { token: tokens.officer });
    expect(health.status).toBe(200);
    expect(me.status).toBe(200);
    await expect(
      checkResponse("GET", "/v1/health", 200, health.headers["content-type"]!, health.body),
    ).resolves.toBeUndefined();
    await expect(
      checkResponse("GET", "/v1/me", 200, me.headers["content-type"]!, me.body),
    ).resolves.toBeUndefined();
  });

  it("refuses a success body with an unknown field, at the top or nested", async () => {
    const me = await call("GET", "/v1/me", { token: tokens.officer });
    const type = me.headers["content-type"]!;
    await drift(checkResponse("GET", "/v1/me", 200, type, { ...me.body, extra: 1 }), /\(body\): .*"extra"/);
    await drift(
      checkResponse("GET", "/v1/me", 200, type, {
        ...me.body,
        organisation: { ...me.body.organisation, secret: "x" },
      }),
      /organisation: .*"secret"/,
    );
  });

  it("refuses a success body with a wrong type, a value outside its enum or a missing field", async () => {
    const health = await call("GET", "/v1/health");
    const me = await call("GET", "/v1/me", { token: tokens.officer });
    const type = me.headers["content-type"]!;
    await drift(checkResponse("GET", "/v1/health", 200, type, { ...health.body, status: 1 }), /status:/);
    await drift(checkResponse("GET", "/v1/me", 200, type, { ...me.body, role: "mayor" }), /role:/);
    await drift(checkResponse("GET", "/v1/me", 200, type, { ...me.body, regionId: 42 }), /regionId:/);
    const { sub: _sub, ...withoutSub } = me.body;
    await drift(checkResponse("GET", "/v1/me", 200, type, withoutSub), /sub:/);
  });

  it("refuses a status the route does not declare and a JSON body that is not application/json", async () => {
    const health = await call("GET", "/v1/health");
    await drift(
      checkResponse("GET", "/v1/health", 201, "application/json", health.body),
      /status not declared/,
    );
    await drift(checkResponse("GET", "/v1/health", 200, "text/plain", health.body), /application\/json/);
  });

  it("accepts a real problem+json error and refuses an error in another form", async () => {
    const refused = await call("GET", "/v1/me");
    expect(refused.status).toBe(401);
    const type = refused.headers["content-type"]!;
    expect(type).toMatch(/^application\/problem\+json/);
    await expect(checkResponse("GET", "/v1/me", 401, type, refused.body)).resolves.toBeUndefined();
    await drift(
      checkResponse("GET", "/v1/me", 401, "application/json", refused.body),
      /problem\+json, not "application\/json"/,
    );
    await drift(
      checkResponse("GET", "/v1/me", 401, type, { message: "Unauthorized" }),
      /does not fit its declared schema/,
    );
  });

  it("checks a success body against the OpenAPI document's schema of its route and status as well", async () => {
    const me = await call("GET", "/v1/me", { token: tokens.officer });
    const route = findRoute("GET /v1/me")!;
    await expect(checkAgainstDocument(route, 200, me.body)).resolves.toBeUndefined();
    await drift(
      checkAgainstDocument(route, 200, { ...me.body, extra: 1 }),
      /GET \/v1\/me → 200 \(OpenAPI document\): .*additional properties.*extra/,
    );
    await drift(
      checkAgainstDocument(route, 200, { ...me.body, role: "mayor" }),
      /\/role: must be equal to one of the allowed values/,
    );
    await drift(checkAgainstDocument(route, 201, me.body), /no JSON body documented/);
  });
});
