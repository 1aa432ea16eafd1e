import { describe, expect, it } from "vitest";
import { endpoint } from "../../../lib/http/endpoint.js";
import { lambdaContext } from "../../../lib/local/context.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { call, seedDemo } from "../../support/api.js";

const tokens = await seedDemo();

describe("HTTP conventions", () => {
  it("answers malformed JSON with 400, not 415 or 500", async () => {
    const response = await call("POST", "/v1/regions", {
      token: tokens.admin,
      rawBody: '{"name": "Oost',
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.body.code).toBe("malformed-json");
  });

  it("refuses unknown fields with the field path", async () => {
    const response = await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { name: "Regio Test", colour: "red" },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: "body", message: expect.stringContaining("colour") }]);
  });

  it("names the allowed fields when it refuses an unknown one (body and query)", async () => {
    const body = await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { name: "Regio Test", colour: "red" },
    });
    expect(body.status).toBe(400);
    expect(body.body.errors).toEqual([
      { path: "body", message: 'unknown field "colour"; allowed: id, name' },
    ]);
    const query = await call("GET", "/v1/regions?size=2", { token: tokens.admin });
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([
      { path: "query", message: 'unknown field "size"; allowed: cursor, limit' },
    ]);
  });

  it("names the path and reason of an invalid field", async () => {
    const response = await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: { kind: "supplier", name: "Leverancier", kvk: "123" },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: "body.kvk", message: "a KvK number has exactly 8 digits" },
    ]);
  });

  it("answers a body over the limit with 413", async () => {
    const response = await call("POST", "/v1/regions", {
      token: tokens.admin,
      rawBody: JSON.stringify({ name: "x".repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe("body-too-large");
  });

  it("answers another media type with 415", async () => {
    const response = await call("POST", "/v1/regions", {
      token: tokens.admin,
      rawBody: "name=x",
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(415);
  });

  it("answers an unknown route with 404 and a wrong method with 405 and Allow", async () => {
    const unknown = await call("GET", "/v1/nothing-here", { token: tokens.admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("no-such-route");
    const wrongMethod = await call("DELETE", "/v1/regions", { token: tokens.admin });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST, GET");
  });

  it("validates query parameters (limit 1-500)", async () => {
    const response = await call("GET", "/v1/regions?limit=501", { token: tokens.officer });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe("query.limit");
  });

  it("sets security headers and echoes a valid correlation id", async () => {
    const response = await call("GET", "/v1/health", { headers: { "x-correlation-id": "trace-abc-12345" } });
    expect(response.headers["x-correlation-id"]).toBe("trace-abc-12345");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toContain("max-age=");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("turns an unexpected error into a 500 with a correlation id and no internals", async () => {
    const failing = endpoint({ route: "GET /v1/health" }, async () => {
      throw new Error("database password is hunter2");
    });
    const event = toApiGatewayEvent({ method: "GET", url: "/v1/health", headers: {} });
    const result = await failing(event, lambdaContext("r1"));
    expect(result.statusCode).toBe(500);
    const body = JSON.parse(result.body!);
    expect(body.code).toBe("internal");
    expect(body.correlationId).toBe(result.headers["x-correlation-id"]);
    expect(result.body).not.toContain("hunter2");
  });

  it("pages lists with an opaque cursor and refuses a forged one", async () => {
    for (const name of ["Regio A", "Regio B", "Regio C"]) {
      expect((await call("POST", "/v1/regions", { token: tokens.admin, body: { name } })).status).toBe(201);
    }
    const first = await call("GET", "/v1/regions?limit=2", { token: tokens.officer });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call("GET", `/v1/regions?limit=2&cursor=${first.body.nextCursor}`, {
      token: tokens.officer,
    });
    const ids = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const forged = await call("GET", "/v1/regions?cursor=not-a-cursor", { token: tokens.officer });
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ code: "invalid-cursor", errors: [{ path: "query.cursor" }] });
  });
});

describe("personal data", () => {
  it("refuses a BSN in any free-text field with 422 naming the field, never the number", async () => {
    const response = await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { name: "Regio 111222333" },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("bsn-refused");
    expect(response.body.errors).toEqual([{ path: "body.name", message: expect.any(String) }]);
    expect(response.text).not.toContain("111222333");
  });

  it("does not scan structured identifiers such as a KvK number, nor numbers failing the 11-test", async () => {
    const supplier = await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: { kind: "supplier", name: "Leverancier 123456789", kvk: "12345678" },
    });
    expect(supplier.status).toBe(201);
  });
});
