import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type Endpoint, endpoint, type HttpEvent, type HttpResult } from "../../../lib/http/endpoint.js";
import { lambdaContext } from "../../../lib/local/context.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { loadEndpoints } from "../../../functions/local.js";
import { CONTRACT_COLUMNS, ENTRY_COLUMNS } from "../../../lib/schemas/csv-columns.js";
import { call, DEMO, seedDemo } from "../../support/api.js";

/**
 * Whatever a client sends, no route answers 500, and every refusal is problem+json. Requests are
 * derived from each route's own spec: bodies and queries from its zod schemas (via JSON Schema), with
 * valid shapes holding extreme values, wrong types, extra keys, huge and odd strings and deep nesting;
 * path parameters from the demo data's real ids or random text; a token of an allowed role. Seeded,
 * so a failure replays; a planted programming error proves a 500 would be caught.
 */

const SEED = 20_260_101;
const RUNS_PER_ROUTE = 30;

const tokens = await seedDemo();
const endpoints = await loadEndpoints();

/** Real ids for path parameters, so requests also reach the code behind the 404s. */
async function realIds(): Promise<Record<string, string[]>> {
  const tenders = await call("GET", "/v1/tenders", { token: tokens.officer });
  const contracts = await call("GET", "/v1/contracts", { token: tokens.officer });
  const contractIds: string[] = contracts.body.items.map((c: { id: string }) => c.id);
  const entries = contractIds.length
    ? await call("GET", `/v1/contracts/${contractIds[0]}/entries`, { token: tokens.officer })
    : { body: { items: [] } };
  const contract = contractIds.length
    ? await call("GET", `/v1/contracts/${contractIds[0]}`, { token: tokens.officer })
    : { body: {} };
  return {
    regionId: [DEMO.region],
    organisationId: [...DEMO.municipalities, ...DEMO.suppliers],
    tenderId: tenders.body.items.map((t: { id: string }) => t.id),
    bidId: [...DEMO.suppliers],
    catalogueId: ["oost-nederland", "utrecht"],
    version: ["V05-2023-04", "current-as-retrieved"],
    contractId: contractIds,
    entryId: entries.body.items.map((e: { id: string }) => e.id),
    promiseId: (contract.body.promises ?? []).map((p: { id: string }) => p.id).concat("co2"),
  };
}
const ids = await realIds();

// ---- values ---------------------------------------------------------------------------------------

/** Written into the JSON text as is: JSON.stringify cannot say -0, and 1e999 parses to Infinity. */
const RAW = { "__raw:-0": "-0", "__raw:1e999": "1e999", "__raw:-1e999": "-1e999" } as const;
const toJson = (value: unknown) =>
  JSON.stringify(value).replace(/"(__raw:[^"]+)"/g, (_, key: keyof typeof RAW) => RAW[key]);

const extremeNumber = fc.constantFrom<unknown>(
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 53 + 1),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  1e-7,
  0.1 + 0.2,
  123456789.123,
  "__raw:-0",
  "__raw:1e999",
  "__raw:-1e999",
);

const HUGE = "x".repeat(100_000);
const extremeString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    HUGE,
    "NaN",
    "Infinity",
    "-0",
    "1e308",
    "null",
    "\u0000",
    "é\u0301",
    "𝟏𝟐𝟑",
    "‮evil",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
);

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Anything at all, in place of a well-typed value. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  extremeNumber,
  extremeString,
  fc.constantFrom(null, true, false, [], {}, nested(200)),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Realistic values of some fields (by name, or parent.name), so more requests get past the first lookup. */
const HINTS: Record<string, readonly string[]> = {
  "catalogue.id": ["oost-nederland", "utrecht"],
  "catalogue.version": ["V05-2023-04", "current-as-retrieved"],
  blockId: [
    "work-experience",
    "pwet-gt-2y",
    "register",
    "social-activity",
    "social-purchase",
    "pwet",
    "bbl-1-2",
  ],
  factorId: ["climate"],
  factorSetId: ["true-price-monetisation"],
  tableId: ["co2-ladder-prorail"],
  supplierId: [...DEMO.suppliers],
  regionId: [DEMO.region],
  catalogueId: ["oost-nederland", "utrecht"],
  bidId: [...DEMO.suppliers],
  criterionId: ["plan", "climate"],
  submissionDeadline: ["2030-03-01T12:00", "2031-01-15T09:30:00+01:00"],
};

// ---- JSON Schema → arbitrary ----------------------------------------------------------------------

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  maxItems?: number;
  description?: string;
};

/** The decimals a number may have, as its description states them (see numberIn in lib/schemas/common.ts). */
const decimalsOf = (s: JsonSchema, integer: boolean) =>
  integer ? 0 : Number(/at most (\d+) decimals?/.exec(s.description ?? "")?.[1] ?? 6);

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const lo = s.minimum ?? s.exclusiveMinimum ?? -1e6;
  const hi = s.maximum ?? s.exclusiveMaximum ?? 1e6;
  const scale = 10 ** Math.min(decimalsOf(s, integer), 4);
  const steps = (x: number) =>
    BigInt(Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, x)));
  // Values as a client writes them: whole, or with the decimals the field allows.
  const inRange = fc
    .bigInt({ min: steps(Math.ceil(lo * scale)), max: steps(Math.floor(hi * scale)) })
    .map((n) => Number(n) / scale);
  return fc.oneof(
    { weight: 12, arbitrary: inRange },
    { weight: 3, arbitrary: fc.constantFrom(lo, hi, 0, 1) },
    { weight: 1, arbitrary: fc.oneof(extremeNumber, fc.double({ noNaN: true })) },
  );
}

function stringArb(s: JsonSchema, name: string | undefined): fc.Arbitrary<unknown> {
  const hint = name ? (HINTS[name] ?? HINTS[name.split(".").pop()!]) : undefined;
  let typical: fc.Arbitrary<string>;
  if (s.format === "date")
    typical = fc
      .date({ min: new Date("2020-01-01"), max: new Date("2032-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  else if (s.format === "date-time")
    typical = fc
      .date({ min: new Date("2020-01-01"), max: new Date("2032-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString());
  else if (s.pattern) {
    try {
      typical = fc.stringMatching(new RegExp(s.pattern, "u"));
    } catch {
      typical = fc.string({ maxLength: 20 });
    }
  } else typical = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
  return fc.oneof(
    ...(hint ? [{ weight: 12, arbitrary: fc.constantFrom(...hint) }] : []),
    { weight: 12, arbitrary: typical },
    { weight: 1, arbitrary: extremeString },
  );
}

/** Values of the schema's shape; with `junkWeight` > 0, any node may be junk and objects get extra keys. */
function arb(s: JsonSchema, junkWeight: number, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedArb(s, junkWeight, name, depth);
  return junkWeight > 0
    ? fc.oneof({ weight: 12, arbitrary: shaped }, { weight: junkWeight, arbitrary: junk })
    : shaped;
}

function shapedArb(
  s: JsonSchema,
  junkWeight: number,
  name: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => arb(a, junkWeight, name, depth)));
  if (s.allOf?.length) return arb(s.allOf[0]!, junkWeight, name, depth);
  if ("const" in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number":
      return numberArb(s, type === "integer");
    case "string":
      return stringArb(s, name);
    case "array": {
      const min = s.minItems ?? 0;
      return fc.array(arb(s.items ?? {}, junkWeight, name, depth + 1), {
        minLength: min,
        maxLength: Math.min(s.maxItems ?? min + 3, min + 3),
      });
    }
    case "object":
      return objectArb(s, junkWeight, name, depth);
    default:
      return depth > 3 ? fc.constant(null) : junk;
  }
}

function objectArb(
  s: JsonSchema,
  junkWeight: number,
  name: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  const required = new Set(s.required ?? []);
  const parent = name?.split(".").pop();
  const fields = Object.entries(s.properties ?? {}).map(([key, sub]) => {
    const value = arb(sub, junkWeight, parent ? `${parent}.${key}` : key, depth + 1);
    if (required.has(key)) return [key, value] as const;
    // A random cursor is always refused; it comes up rarely so the rest of the query gets through.
    const absent = key === "cursor" ? 7 : 1;
    return [
      key,
      fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value }),
    ] as const;
  });
  const extra =
    typeof s.additionalProperties === "object"
      ? fc.dictionary(
          s.propertyNames
            ? (stringArb(s.propertyNames, undefined) as fc.Arbitrary<string>)
            : fc.string({ maxLength: 10 }),
          arb(s.additionalProperties, junkWeight, undefined, depth + 1),
          { maxKeys: 3 },
        )
      : junkWeight > 0
        ? fc.option(fc.dictionary(fc.string({ maxLength: 10 }), junk, { minKeys: 1, maxKeys: 2 }), {
            nil: {},
            freq: 4,
          })
        : fc.constant({});
  return fc.tuple(fc.record(Object.fromEntries(fields)), extra).map(([known, more]) => {
    const out: Record<string, unknown> = { ...(more as object) };
    for (const [key, value] of Object.entries(known)) if (value !== undefined) out[key] = value;
    return out;
  });
}

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

/** Raw bodies no schema describes. */
const rawJunk = fc.constantFrom(
  `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`,
  '{"a":1,"a":2}',
  "{",
  "null",
  "[]",
  "1e999",
  `"${HUGE}"`,
  "\u0000",
);

// ---- requests -------------------------------------------------------------------------------------

const CSV_COLUMNS: Record<string, readonly string[]> = {
  "POST /v1/contracts/import": CONTRACT_COLUMNS.known,
  "POST /v1/contracts/{contractId}/entries/import": ENTRY_COLUMNS.known,
};

const csvCell = fc.oneof(
  fc.constantFrom(
    "",
    "0",
    "1",
    "0,8",
    "12,5",
    "2025-01-01",
    "2025-Q1",
    "work-experience",
    "services",
    "1e308",
  ),
  fc.constantFrom(...DEMO.suppliers, "EUR", "-1", "99999999999999999999", "9".repeat(400), HUGE),
  fc.string({ maxLength: 12 }),
);

function csvArb(columns: readonly string[]): fc.Arbitrary<string> {
  const file = fc
    .tuple(fc.shuffledSubarray([...columns], { minLength: 1 }), fc.constantFrom(";", ","), fc.nat({ max: 3 }))
    .chain(([header, sep, rows]) =>
      fc
        .array(fc.array(csvCell, { minLength: header.length, maxLength: header.length }), {
          minLength: rows,
          maxLength: rows,
        })
        .map((cells) =>
          [header, ...cells].map((r) => r.map((c) => (c.includes(sep) ? `"${c}"` : c)).join(sep)).join("\n"),
        ),
    );
  return fc.oneof(
    { weight: 4, arbitrary: file },
    { weight: 1, arbitrary: fc.oneof(extremeString, rawJunk) as fc.Arbitrary<string> },
  );
}

interface Request {
  params: Record<string, string>;
  query: Record<string, string> | undefined;
  body: string | undefined;
  contentType: string;
  role: string | undefined;
  idempotencyKey: string | undefined;
}

const paramValue = (name: string) =>
  fc.oneof(
    ...(ids[name]?.length ? [{ weight: 4, arbitrary: fc.constantFrom(...ids[name]!) }] : []),
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,20}$/) },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(201), "a b", "..", "%00", "é", "a\u0000b", "1e308") },
  );

/** Query values are text on the wire: numbers as their digits, or anything else. */
const queryText = (value: unknown) =>
  typeof value === "string"
    ? (RAW[value as keyof typeof RAW] ?? value)
    : typeof value === "number"
      ? String(value)
      : JSON.stringify(value);

function requestArb(spec: Endpoint["spec"]): fc.Arbitrary<Request> {
  const names = [...spec.route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const params = fc.record(Object.fromEntries(names.map((n) => [n, paramValue(n)])));
  const query = spec.query
    ? fc
        .oneof(
          { weight: 3, arbitrary: arb(jsonSchemaOf(spec.query), 0) },
          { weight: 1, arbitrary: arb(jsonSchemaOf(spec.query), 1) },
        )
        // A query string is always a set of names and values, whatever the schema's arbitrary gives.
        .map((q) =>
          Object.fromEntries(
            Object.entries(q !== null && typeof q === "object" ? q : {}).map(([k, v]) => [k, queryText(v)]),
          ),
        )
    : fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 }), {
        nil: undefined,
      });
  let body: fc.Arbitrary<string | undefined>;
  if (spec.csv) body = csvArb(CSV_COLUMNS[spec.key] ?? ["x"]);
  else if (spec.body) {
    const schema = jsonSchemaOf(spec.body);
    body = fc.oneof(
      { weight: 5, arbitrary: arb(schema, 0).map(toJson) },
      { weight: 3, arbitrary: arb(schema, 1).map(toJson) },
      { weight: 1, arbitrary: rawJunk },
    );
  } else
    body = fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: junk.map(toJson) },
      { weight: 1, arbitrary: rawJunk },
    );
  return fc.record({
    params,
    query: query as fc.Arbitrary<Record<string, string> | undefined>,
    body,
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant(spec.csv ? "text/csv" : "application/json") },
      {
        weight: 1,
        arbitrary: fc.constantFrom("text/csv; charset=utf-8", "application/problem+json", "text/plain", ""),
      },
    ),
    role: spec.public ? fc.constant(undefined) : fc.constantFrom(...spec.roles),
    idempotencyKey: spec.idempotent ? fc.option(fc.uuid(), { nil: undefined }) : fc.constant(undefined),
  });
}

async function invokeEndpoint(ep: Endpoint, request: Request): Promise<HttpResult> {
  const headers: Record<string, string> = { "content-type": request.contentType };
  if (request.role) headers.authorization = `Bearer ${tokens[request.role as keyof typeof tokens]}`;
  if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
  const path = ep.spec.route.path.replace(/\{(\w+)\}/g, "p");
  const event: HttpEvent = {
    ...toApiGatewayEvent({ method: ep.spec.route.method, url: path, headers, body: request.body }),
    // What API Gateway hands over: decoded path parameters and query values.
    pathParameters: request.params,
    queryStringParameters: request.query,
  };
  return ep(event, lambdaContext(event.requestContext.requestId));
}

/** Below 500 always; every 4xx is problem+json with its status and a code. */
function checkAnswer(result: HttpResult, key: string) {
  expect(result.statusCode, key).toBeLessThan(500);
  if (result.statusCode < 400) return;
  const type = result.headers["content-type"] ?? "";
  const body = JSON.parse(result.body ?? "null");
  expect(type, `${key} ${result.statusCode}`).toBe("application/problem+json");
  expect(body, key).toMatchObject({ status: result.statusCode, code: expect.any(String) });
}

/** A failing request, shortened for the report (bodies of 100,000 characters or deeply nested). */
const shorten = (value: unknown) =>
  JSON.stringify(value, (_, v) =>
    typeof v === "string" && v.length > 300 ? `${v.slice(0, 300)}… (${v.length} characters)` : v,
  );

describe("every route, fuzzed from its own spec, answers below 500 and refuses with problem+json", () => {
  for (const [index, ep] of endpoints.entries()) {
    it(ep.spec.key, async () => {
      const seed = SEED + index;
      const run = await fc.check(
        fc.asyncProperty(requestArb(ep.spec), async (request) => {
          checkAnswer(await invokeEndpoint(ep, request), ep.spec.key);
        }),
        { seed, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      if (run.failed)
        throw new Error(
          `${ep.spec.key} (seed ${seed}, path ${run.counterexamplePath}): ${String(
            (run.errorInstance as Error)?.message,
          )}\nrequest: ${shorten(run.counterexample?.[0])}`,
        );
    });
  }
});

describe("a programming error is not hidden by the fuzz's expectations", () => {
  const broken = endpoint({ route: "GET /v1/me", roles: ["officer"] }, async ({ query }) => {
    // A real TypeError, as a bug would throw it.
    return { status: 200, body: (query as unknown as { missing: { secret: string } }).missing.secret };
  });

  it("still answers 500 with only a correlation id, and the fuzz's check fails on it", async () => {
    const result = await invokeEndpoint(broken, {
      params: {},
      query: undefined,
      body: undefined,
      contentType: "application/json",
      role: "officer",
      idempotencyKey: undefined,
    });
    expect(result.statusCode).toBe(500);
    expect(result.headers["content-type"]).toBe("application/problem+json");
    const body = JSON.parse(result.body!);
    expect(Object.keys(body).sort()).toEqual(["code", "correlationId", "detail", "status", "title", "type"]);
    expect(body).toMatchObject({
      code: "internal",
      status: 500,
      correlationId: result.headers["x-correlation-id"],
    });
    expect(result.body).not.toMatch(/TypeError|secret|missing|undefined/);
    expect(() => checkAnswer(result, broken.spec.key)).toThrow();
  });
});
