import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEndpoints } from "../../../functions/local.js";
import {
  FALLBACK_PROBLEM_CODES,
  routeProblemCodes,
  stackProblemCodes,
} from "../../../lib/http/problem-codes.js";

/**
 * The problem codes each route documents (the OpenAPI document lists them; the integration and e2e
 * clients refuse an answer whose code its route does not list).
 */

const specOf = async (key: string) => {
  const found = (await loadEndpoints()).find((e) => e.spec.key === key);
  if (!found) throw new Error(`no endpoint ${key}`);
  return found.spec;
};

/** The text of every TypeScript file under `dir`. */
function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

describe("problem codes of the routes", () => {
  it("give every list with a cursor the cursor's refusal, and no other route", async () => {
    const list = stackProblemCodes(await specOf("GET /v1/tenders"));
    expect(list[400]).toEqual(expect.arrayContaining(["invalid-input", "invalid-cursor"]));
    const evaluation = stackProblemCodes(await specOf("GET /v1/tenders/{tenderId}/evaluation"));
    expect(evaluation[400]).toEqual(["invalid-input"]);
    expect(stackProblemCodes(await specOf("GET /v1/me"))[400]).toBeUndefined();
  });

  it("add a route's declared codes to the stack's, by status", async () => {
    const spec = await specOf("POST /v1/tenders/{tenderId}/bids");
    const codes = routeProblemCodes(spec);
    expect(codes[409]).toEqual(["request-in-progress", "conflict"]);
    expect(codes[422]).toEqual(
      expect.arrayContaining(["bsn-refused", "idempotency-key-reused", "deadline-passed", "too-many-bids"]),
    );
    expect(codes[404]).toEqual(["not-found"]);
  });

  it("declare only error statuses, each code once, in kebab case", async () => {
    for (const { spec } of await loadEndpoints()) {
      for (const [status, names] of Object.entries(spec.problems ?? {})) {
        expect(Number(status), spec.key).toBeGreaterThanOrEqual(400);
        expect(names!.length, `${spec.key} ${status}`).toBeGreaterThan(0);
        expect(new Set(names).size, `${spec.key} ${status}`).toBe(names!.length);
        for (const name of names!) expect(name, spec.key).toMatch(/^[a-z]+(-[a-z]+)*$/);
      }
    }
  });

  it("declare only codes the code base answers with (a renamed code leaves no stale declaration)", async () => {
    // The use cases and the stack live in lib/; the handlers in functions/ only declare.
    const code = sources("lib");
    const declared = (await loadEndpoints()).flatMap(({ spec }) =>
      Object.values(spec.problems ?? {}).flatMap((names) => names!.map((name) => `${spec.key}: ${name}`)),
    );
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((entry) => !code.includes(`"${entry.split(": ")[1]}"`))).toEqual([]);
  });

  it("name what the fallback route answers for a request on no route", () => {
    expect(FALLBACK_PROBLEM_CODES).toMatchObject({
      400: ["malformed-path"],
      404: ["no-such-route"],
      405: ["method-not-allowed"],
    });
  });
});
