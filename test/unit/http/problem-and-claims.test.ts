import { describe, expect, it } from "vitest";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../../../lib/domain/errors.js";
import { claimsOf } from "../../../lib/http/auth.js";
import { HttpError, toProblem } from "../../../lib/http/problem.js";
import { canonicalJson, digestOf, operation } from "../../../lib/operation.js";

describe("error mapping", () => {
  it.each([
    [new InvalidInput([{ path: "body.x", message: "bad" }]), 400, "invalid-input"],
    [new RuleViolation("deadline-passed", "too late"), 422, "deadline-passed"],
    [new NotFound("tender"), 404, "not-found"],
    [new Conflict("stale"), 409, "conflict"],
    [new Conflict("frozen", "scores-frozen"), 409, "scores-frozen"],
    [new HttpError(413, "body-too-large", "big"), 413, "body-too-large"],
    [Object.assign(new Error("x"), { name: "ThrottlingException" }), 503, "store-throttled"],
  ])("maps %s to %i", (error, status, code) => {
    const { problem } = toProblem(error, "corr-1");
    expect(problem).toMatchObject({ status, code, correlationId: "corr-1" });
  });

  it("gives a 503 a Retry-After and an unknown error a bare 500", () => {
    expect(
      toProblem(Object.assign(new Error(), { name: "ProvisionedThroughputExceededException" }), "c").headers,
    ).toEqual({
      "retry-after": "1",
    });
    const { problem } = toProblem(new TypeError("secret detail"), "c");
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain("secret detail");
  });

  it("keeps a stock middleware's 4xx (statusCode, expose) and hides its unexposed or 5xx details", () => {
    const exposed = Object.assign(new Error("Unsupported Media Type: text/xml"), {
      statusCode: 415,
      expose: true,
    });
    expect(toProblem(exposed, "c").problem).toMatchObject({
      status: 415,
      code: "unsupported-media-type",
      detail: "Unsupported Media Type: text/xml",
    });
    const hidden = Object.assign(new Error("internal path /x"), { statusCode: 422, expose: false });
    expect(toProblem(hidden, "c").problem).toMatchObject({ status: 422, code: "unprocessable-content" });
    expect(JSON.stringify(toProblem(hidden, "c").problem)).not.toContain("/x");
    const serverSide = Object.assign(new Error("db down"), { statusCode: 502, expose: false });
    expect(toProblem(serverSide, "c").problem.status).toBe(500);
  });
});

describe("Cognito claim mapping", () => {
  it("reads our claim names or Cognito's custom attributes", () => {
    expect(claimsOf({ sub: "u1", role: "officer", org: "gm-zwolle" })).toEqual({
      sub: "u1",
      role: "officer",
      org: "gm-zwolle",
    });
    expect(claimsOf({ sub: "u2", "custom:role": "auditor", "custom:org": "rb-x" })).toEqual({
      sub: "u2",
      role: "auditor",
      org: "rb-x",
    });
    expect(claimsOf({ sub: "u3", role: "officer" })).toBeUndefined();
  });
});

describe("operations and digests", () => {
  it("derives the same ids for the same operation and label, different ones otherwise", () => {
    const actor = { sub: "s", role: "admin" as const, orgId: "o", regionId: null };
    const a = operation(actor, new Date(0), "op-1");
    const b = operation(actor, new Date(0), "op-1");
    expect(a.id("tender")).toBe(b.id("tender"));
    expect(a.id("tender")).not.toBe(a.id("bid"));
    expect(operation(actor, new Date(0), "op-2").id("tender")).not.toBe(a.id("tender"));
  });

  it("canonicalises JSON with sorted keys so digests ignore key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(digestOf({ x: 1, y: 2 })).toBe(digestOf({ y: 2, x: 1 }));
    expect(digestOf({ x: 1 })).not.toBe(digestOf({ x: 2 }));
  });
});
