import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer } from "../support/http-server.js";

/** Malformed percent-encoding over HTTP, as a client (or an attacker) sends it. */

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("malformed paths over HTTP", () => {
  it.each(["/v1/tenders/%FF", "/v1/tenders/%E0%A4%A", "/v1/%ZZ"])("%s is 400 problem+json", async (path) => {
    const response = await http(`${server.url}${path}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body.code).toBe("malformed-path");
  });
});
