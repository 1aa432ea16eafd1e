import { describe, expect, it } from "vitest";
import { lambdaContext } from "../../../lib/local/context.js";
import { invoke } from "../../../functions/local.js";
import { handler as tenders } from "../../../functions/tenders/handler.js";
import { handler as platform } from "../../../functions/platform/handler.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { call, seedDemo } from "../../support/api.js";

/** Paths an attacker controls: malformed percent-encoding and over-long ids are 400/404, never a 500. */

const tokens = await seedDemo();
const MALFORMED = [
  "/v1/tenders/%FF",
  "/v1/tenders/%E0%A4%A",
  "/v1/tenders/%",
  "/v1/contracts/%C0%AF/entries",
];

const expectMalformed = (response: { status: number; headers: Record<string, string>; body: any }) => {
  expect(response.status).toBe(400);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.body.code).toBe("malformed-path");
};

describe("malformed percent-encoding in the path", () => {
  it.each(MALFORMED)("GET %s is 400 malformed-path, with or without a token", async (path) => {
    expectMalformed(await call("GET", path));
    expectMalformed(await call("GET", path, { token: tokens.officer }));
    expectMalformed(await call("DELETE", path, { token: tokens.officer }));
  });

  it("answers 400 when API Gateway's event reaches a router with such a path", async () => {
    // As in AWS: no route matched ($default), the raw path as sent.
    const event = toApiGatewayEvent({ method: "GET", url: "/v1/health", headers: {} });
    const malformed = { ...event, routeKey: "$default", rawPath: "/v1/tenders/%E0%A4%A" };
    malformed.requestContext = { ...event.requestContext, routeKey: "$default" };
    for (const handler of [platform, tenders]) {
      const result = await handler(malformed, lambdaContext("r-malformed"));
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body!).code).toBe("malformed-path");
    }
    expect((await invoke(malformed)).statusCode).toBe(400);
  });

  it("still decodes well-formed escapes in ids (unknown id → 404)", async () => {
    const response = await call("GET", "/v1/tenders/caf%C3%A9%20x", { token: tokens.officer });
    expect(response.status).toBe(404);
  });
});

describe("over-long path parameters", () => {
  it("are an unknown id (404), not a database error", async () => {
    const long = "x".repeat(3000);
    for (const path of [
      `/v1/tenders/${long}`,
      `/v1/contracts/${long}/entries`,
      `/v1/organisations/${long}`,
    ]) {
      const response = await call("GET", path, { token: tokens.admin });
      expect(response.status).toBe(404);
      expect(response.headers["content-type"]).toBe("application/problem+json");
    }
  });
});

describe("over-long ids in the query", () => {
  it("an audit entity reference is bounded (400 naming the field)", async () => {
    const response = await call("GET", `/v1/audit?entity=tender:${"x".repeat(3000)}`, {
      token: tokens.admin,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe("query.entity");
  });
});
