import { describe, expect, it } from "vitest";
import { z } from "zod";
import { endpoint, isBinaryResponse, ok } from "../../../lib/http/endpoint.js";
import { MUTATING_METHODS, paramNamesOf, routeKey, routes } from "../../../lib/http/routes.js";
import { loadEndpoints } from "../../../functions/local.js";
import { openParts } from "../../support/open-schemas.js";

describe("endpoint specs read back from the handlers", () => {
  it("describe every route of the list exactly once", async () => {
    const keys = (await loadEndpoints()).map((e) => e.spec.key).sort();
    expect(keys).toEqual(routes.map(routeKey).sort());
  });

  it("declare roles on every route but the public ones, and the list's public flag is the only one", async () => {
    for (const { spec } of await loadEndpoints()) {
      expect(spec.public).toBe(spec.route.public === true);
      if (spec.public) expect(spec.roles).toEqual([]);
      else expect(spec.roles.length, spec.key).toBeGreaterThan(0);
    }
  });

  it("declare an audit event on every mutating route, or none with a reason, and none on reads", async () => {
    for (const { spec } of await loadEndpoints()) {
      const mutating = MUTATING_METHODS.includes(spec.route.method);
      if (!mutating) {
        expect(spec.audit, spec.key).toBeUndefined();
        continue;
      }
      const audit = spec.audit!;
      if (typeof audit === "object" && "none" in audit)
        expect(audit.none.length, spec.key).toBeGreaterThan(10);
      else for (const action of [audit].flat()) expect(action, spec.key).toMatch(/^[a-z-]+\.[a-z-]+$/);
    }
  });

  it("validate exactly the path's parameters", async () => {
    for (const { spec } of await loadEndpoints()) {
      const names = paramNamesOf(spec.route.path);
      const sample = Object.fromEntries(names.map((n) => [n, "abc-123"]));
      expect(spec.params.safeParse(sample).success, spec.key).toBe(true);
      for (const name of names) {
        expect(spec.params.safeParse({ ...sample, [name]: "x".repeat(201) }).success).toBe(false);
        expect(spec.params.safeParse({ ...sample, [name]: "a\u0000b" }).success).toBe(false);
      }
    }
  });

  it("refuse a spec that contradicts the route list", () => {
    const fn = async () => ok({});
    expect(() => endpoint({ route: "POST /v1/regions", roles: ["admin"] }, fn)).toThrow(/audit/);
    expect(() => endpoint({ route: "GET /v1/me", roles: ["admin"], audit: "me.read" }, fn)).toThrow(/audit/);
    expect(() => endpoint({ route: "GET /v1/health", roles: ["admin"] }, fn)).toThrow(/public/);
    expect(() => endpoint({ route: "GET /v1/me" }, fn)).toThrow(/roles/);
    const overridden = endpoint(
      { route: "GET /v1/regions/{regionId}", roles: ["admin"], params: z.object({ regionId: z.string() }) },
      fn,
    );
    expect(overridden.spec.params.safeParse({ regionId: "x".repeat(300) }).success).toBe(true);
  });
});

describe("response schemas", () => {
  it("every endpoint declares the body of each success status, with no open (any or loose) parts", async () => {
    const problems: string[] = [];
    for (const { spec } of await loadEndpoints()) {
      const declared = Object.entries((await spec.responses?.()) ?? {});
      if (declared.length === 0) problems.push(`${spec.key}: no responses declared`);
      for (const [status, schema] of declared) {
        if (schema && !isBinaryResponse(schema))
          for (const part of openParts(schema)) problems.push(`${spec.key} ${status}: ${part}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("finds the open parts of a schema", () => {
    expect(
      openParts(z.strictObject({ a: z.string(), b: z.array(z.strictObject({ c: z.number() })) })),
    ).toEqual([]);
    expect(openParts(z.object({ a: z.string() }))).toEqual(["(root): unknown properties allowed"]);
    expect(
      openParts(z.strictObject({ a: z.unknown(), b: z.array(z.looseObject({ c: z.number() })) })),
    ).toEqual([".a", ".b[].*"]);
    expect(openParts(z.strictObject({ m: z.record(z.string(), z.any()) }))).toEqual([".m.*"]);
  });
});
