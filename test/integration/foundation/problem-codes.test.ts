import { describe, expect, it } from "vitest";
import { call, seedDemo } from "../../support/api.js";
import { checkResponse, ResponseDrift } from "../../support/response-contract.js";

/**
 * The error half of the check the integration and e2e clients run on every answer: a problem's `code`
 * must be one its route lists for that status (the stack's or the spec's `problems`); a request on no
 * route, one the fallback answers with.
 */

const tokens = await seedDemo();

const drift = (promise: Promise<void>, message: RegExp) =>
  expect(promise).rejects.toSatisfy((error) => error instanceof ResponseDrift && message.test(error.message));

const PROBLEM = "application/problem+json";

describe("problem codes in answers", () => {
  it("accepts a code the route declares and refuses the same answer with another code", async () => {
    const draft = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: { reference: "PC-1" },
    });
    expect(draft.status).toBe(400);
    await expect(checkResponse("POST", "/v1/tenders", 400, PROBLEM, draft.body)).resolves.toBeUndefined();
    await drift(
      checkResponse("POST", "/v1/tenders", 400, PROBLEM, { ...draft.body, code: "rows-invalid" }),
      /POST \/v1\/tenders does not list "rows-invalid" for 400 \(it lists: malformed-json, invalid-input\)/,
    );
  });

  it("takes a use case's declared code (a 422 rule) and refuses one the route does not answer", async () => {
    const tenders = await call("GET", "/v1/tenders", { token: tokens.officer });
    const id = tenders.body.items[0].id;
    const refused = { type: "x", title: "Unprocessable Content", status: 422, detail: "d" };
    await expect(
      checkResponse("POST", `/v1/tenders/${id}/bids`, 422, PROBLEM, { ...refused, code: "deadline-passed" }),
    ).resolves.toBeUndefined();
    await drift(
      checkResponse("POST", `/v1/tenders/${id}/open`, 422, PROBLEM, { ...refused, code: "deadline-passed" }),
      /POST \/v1\/tenders\/\{tenderId\}\/open does not list "deadline-passed" for 422/,
    );
  });

  it("refuses a problem whose status differs from the answer's", async () => {
    const refused = await call("GET", "/v1/me");
    expect(refused.status).toBe(401);
    await drift(checkResponse("GET", "/v1/me", 403, PROBLEM, refused.body), /the problem says status 401/);
  });

  it("accepts the fallback's codes on no route, and not on a route of the list", async () => {
    const unknown = await call("GET", "/v1/nowhere", { token: tokens.officer });
    expect(unknown.body.code).toBe("no-such-route");
    const method = await call("DELETE", "/v1/health");
    expect(method).toMatchObject({ status: 405, body: { code: "method-not-allowed" } });
    const malformed = await call("GET", "/v1/tenders/%FF", { token: tokens.officer });
    expect(malformed.body.code).toBe("malformed-path");
    await drift(
      checkResponse("GET", "/v1/me", 404, PROBLEM, { ...unknown.body }),
      /GET \/v1\/me does not list "no-such-route" for 404/,
    );
  });
});
