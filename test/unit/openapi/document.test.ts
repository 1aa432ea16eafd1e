import { readFileSync } from "node:fs";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { DOCUMENT_FILE, documentText, generateOpenApi } from "../../../functions/scripts/openapi.js";
import { loadEndpoints } from "../../../functions/local.js";
import type { EndpointDescription } from "../../../lib/http/endpoint.js";
import { routeProblemCodes } from "../../../lib/http/problem-codes.js";
import { routeKey, routes } from "../../../lib/http/routes.js";
import type { OpenApiDocument } from "../../../lib/openapi/document.js";
import { exampleOf } from "../../../lib/openapi/examples.js";
import { inlineSchema } from "../../../lib/openapi/json-schema.js";

type Json = Record<string, any>;

let document: OpenApiDocument & Json;
let specs: EndpointDescription[];
const operationOf = (spec: EndpointDescription): Json =>
  document.paths[spec.route.path]![spec.route.method.toLowerCase()]!;

beforeAll(async () => {
  document = await generateOpenApi();
  specs = (await loadEndpoints()).map((e) => e.spec);
});

describe("the OpenAPI document", () => {
  it("is the committed lib/openapi/openapi.json (run `npm run openapi` after changing a route or schema)", () => {
    const committed = readFileSync(DOCUMENT_FILE, "utf8");
    expect(
      committed === documentText(document),
      "lib/openapi/openapi.json is stale: run npm run openapi",
    ).toBe(true);
  });

  it("validates with Redocly's OpenAPI validator, strict recommended rules, without a single problem", async () => {
    const config = await createConfig({ extends: ["recommended-strict"] });
    const problems = await lintFromString({
      source: documentText(document),
      absoluteRef: "/openapi.json",
      config,
    });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it("finds a broken document (the validator is not a no-op)", async () => {
    const config = await createConfig({ extends: ["recommended-strict"] });
    const broken = structuredClone(document) as Json;
    broken.paths["/v1/me"].get.responses["200"].content["application/json"].schema = {
      $ref: "#/components/schemas/Nothing",
    };
    delete broken.paths["/v1/health"].get.operationId;
    const problems = await lintFromString({ source: JSON.stringify(broken), absoluteRef: "/x.json", config });
    expect(problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(["no-unresolved-refs"]));
    expect(problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(["operation-operationId"]));
  });

  it("has an operation for every route of the route list, and nothing else", () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(routes.map(routeKey).sort());
    const ids = operations.map((key) => {
      const [method, path] = key.split(" ");
      return document.paths[path!]![method!.toLowerCase()]!.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("names each operation's security: none on public routes, the bearer JWT with its roles elsewhere", () => {
    for (const spec of specs) {
      const operation = operationOf(spec);
      if (spec.public) expect(operation.security, spec.key).toEqual([]);
      else {
        expect(operation.security, spec.key).toEqual([{ bearerAuth: [...spec.roles] }]);
        expect(operation.description, spec.key).toContain(`Roles: ${spec.roles.join(", ")}.`);
      }
    }
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("lists every problem code of every route by status, and API Gateway's 429 (and 401 in AWS)", () => {
    for (const spec of specs) {
      const responses = operationOf(spec).responses;
      for (const [status, codes] of Object.entries(routeProblemCodes(spec))) {
        const problem = responses[status]?.content?.["application/problem+json"]?.schema;
        expect(problem?.allOf?.[1]?.properties?.code?.enum, `${spec.key} ${status}`).toEqual(
          [...codes!].sort(),
        );
      }
      expect(responses["429"], spec.key).toEqual({ $ref: "#/components/responses/TooManyRequests" });
      if (!spec.public) expect(Object.keys(responses["401"].content), spec.key).toContain("application/json");
    }
  });

  it("documents path and query parameters, the Idempotency-Key, and JSON, CSV and binary bodies", () => {
    const ops = (key: string) => operationOf(specs.find((s) => s.key === key)!);
    const names = (key: string) => ops(key).parameters.map((p: Json) => p.name ?? p.$ref);
    expect(names("GET /v1/tenders/{tenderId}/bids/{bidId}")).toEqual(["tenderId", "bidId"]);
    expect(names("GET /v1/organisations")).toEqual(expect.arrayContaining(["limit", "cursor"]));
    expect(names("POST /v1/tenders")).toContain("#/components/parameters/IdempotencyKey");
    expect(Object.keys(ops("POST /v1/tenders").requestBody.content)).toEqual(["application/json"]);
    expect(Object.keys(ops("POST /v1/contracts/import").requestBody.content)).toEqual(["text/csv"]);
    expect(Object.keys(ops("POST /v1/reports/verify-document").requestBody.content)).toEqual([
      "application/pdf",
    ]);
    expect(Object.keys(ops("GET /v1/reports/{reportId}/pdf").responses)).toEqual(
      expect.arrayContaining(["200", "303"]),
    );
  });

  it("has an example for each JSON request body and success response, fitting its schema", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats.default(ajv);
    ajv.addSchema({ ...document, $id: "openapi.json" } as Json);
    let examples = 0;
    for (const spec of specs) {
      const operation = operationOf(spec);
      const media = [
        ["request", operation.requestBody?.content?.["application/json"]],
        ...Object.entries(operation.responses as Json)
          .filter(([status]) => status < "400")
          .map(([status, r]) => [status, (r as Json).content?.["application/json"]]),
      ] as const;
      for (const [where, content] of media) {
        if (!content?.schema.$ref) continue; // none, or a file (this document)
        expect(content.example, `${spec.key} ${where}`).toBeDefined();
        const validate = ajv.compile({
          $ref: `openapi.json#/components/schemas/${content.schema.$ref.split("/").pop()}`,
        });
        expect(validate(content.example), `${spec.key} ${where}: ${ajv.errorsText(validate.errors)}`).toBe(
          true,
        );
        examples++;
      }
      // Request examples also pass the zod schema's refinements, which JSON Schema cannot express.
      const request = operation.requestBody?.content?.["application/json"]?.example;
      if (spec.body && request !== undefined) {
        const parsed = spec.body.safeParse(request);
        expect(parsed.success, `${spec.key}: ${parsed.error?.message}`).toBe(true);
      }
    }
    expect(examples).toBeGreaterThan(routes.length);
  });
});

describe("constraints the zod schemas hold only as refinements", () => {
  const schemas = () => document.components.schemas as Json;

  it("money: euros with at most 2 decimals, in the amount's description", () => {
    expect(schemas().Money.properties.amount.description).toMatch(/at most 2 decimals/);
  });

  it("deadlines: Amsterdam wall-clock time or an instant with an offset, as a pattern and a description", () => {
    const deadline = schemas().CreateTender.properties.submissionDeadline;
    const resolved = deadline.$ref ? schemas()[deadline.$ref.split("/").pop()] : deadline;
    expect(resolved.description).toMatch(/Europe\/Amsterdam wall-clock time/);
    const pattern = new RegExp(resolved.pattern, "u");
    for (const ok of ["2026-03-01T12:00", "2026-03-01T12:00:00+01:00", "2026-03-01T11:00:00Z"])
      expect(pattern.test(ok), ok).toBe(true);
    expect(pattern.test("1 March 2026")).toBe(false);
  });

  it("BSN refusal: in every JSON request body's description", () => {
    for (const spec of specs.filter((s) => s.body))
      expect(operationOf(spec).requestBody.description, spec.key).toMatch(/BSN.*422 bsn-refused/);
  });

  it("capped arrays: maxItems, and the 422 code that refuses more", () => {
    const bids = schemas().SimulateRequest?.properties?.bids ?? findProperty(schemas(), "bids", "maxItems");
    expect(bids.maxItems).toBeGreaterThan(0);
    expect(bids.description).toMatch(/more is refused with 422 too-many-bids/);
    expect(bids.items).not.toEqual({});
  });

  it("a refinement without a description fails the generation; one with a fixed message is described by it", () => {
    const silent = z.strictObject({ a: z.string().superRefine(() => undefined) });
    expect(() => inlineSchema(silent, "probe")).toThrow(
      /probe: a refinement without a description at \/properties\/a/,
    );
    const described = z.strictObject({
      a: z
        .string()
        .superRefine(() => undefined)
        .describe("Checks a."),
    });
    expect(inlineSchema(described, "probe").properties).toEqual({
      a: { type: "string", description: "Checks a." },
    });
    const messaged = z.number().refine((n) => n % 2 === 0, "an even number");
    expect(inlineSchema(messaged, "probe").description).toBe("Also checked: an even number.");
  });
});

describe("examples derived from a schema", () => {
  it("take a string that each pattern accepts, the bounds of numbers, required properties only", () => {
    const string = (pattern: string) => exampleOf({ type: "string", pattern }, {}) as string;
    for (const pattern of [
      "^GM\\d{4}$",
      "^[1-9]\\d{3} (?!SA|SD|SS)[A-Z]{2}$",
      "^[0-9a-f]{64}$",
      "^impact-scoring\\/\\d+\\.\\d+\\.\\d+$",
    ])
      expect(new RegExp(pattern, "u").test(string(pattern)), `${pattern}: ${string(pattern)}`).toBe(true);
    expect(exampleOf({ type: "integer", minimum: 5, maximum: 9 }, {})).toBe(5);
    expect(exampleOf({ type: "number", exclusiveMinimum: 1, maximum: 1.5 }, {})).toBe(1.25);
    expect(
      exampleOf(
        {
          type: "object",
          properties: { a: { $ref: "#/components/schemas/A" }, b: { type: "string" } },
          required: ["a"],
        },
        { A: { type: "string", enum: ["x", "y"] } },
      ),
    ).toEqual({ a: "x" });
  });
});

/** The first property of that name holding `keyword`, anywhere in the components. */
function findProperty(node: unknown, name: string, keyword: string): Json {
  const found: Json[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== "object") return;
    const props = (n as Json).properties as Json | undefined;
    if (props?.[name]?.[keyword] !== undefined) found.push(props[name]);
    for (const v of Object.values(n)) walk(v);
  };
  walk(node);
  return found[0] ?? {};
}
