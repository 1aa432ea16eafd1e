import type * as z from "zod";
import { type EndpointDescription, isBinaryResponse, type Responses } from "../http/endpoint.js";
import { type ProblemStatus, routeProblemCodes } from "../http/problem-codes.js";
import { AREAS } from "../http/routes.js";
import { problemSchema } from "../schemas/problem.js";
import { exampleOf } from "./examples.js";
import { componentRef, componentSchemas, inlineSchema, type JsonSchema } from "./json-schema.js";

/**
 * The OpenAPI 3.1 document of the API, built from the endpoint specs (lib/http/endpoint.ts) and the
 * zod schemas that validate requests and responses: nothing in it is written by hand but the prose.
 * `npm run openapi` writes it to lib/openapi/openapi.json, which GET /v1/openapi.json serves.
 */

/** How an operation is named and described (from its handler module: file name and doc comment). */
export interface OperationText {
  operationId: string;
  summary: string;
  description?: string;
}

export interface OpenApiSource {
  endpoints: readonly EndpointDescription[];
  /** Route key ("GET /v1/me") → the operation's name and description. */
  operations: ReadonlyMap<string, OperationText>;
  /** Schemas that are components of their own, by name (e.g. the exported schemas of lib/schemas). */
  named: ReadonlyMap<z.ZodType, string>;
  version: string;
}

export type OpenApiDocument = JsonSchema & { paths: Record<string, Record<string, JsonSchema>> };

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  303: "See other: the file, at a short-lived URL in `location`",
  400: "Bad request: malformed JSON or invalid fields (`errors` names each)",
  401: "No token, or an invalid or expired one",
  403: "The caller's role or organisation may not do this",
  404: "No such resource (also one of another organisation: existence is never revealed)",
  409: "Conflict with the current state or version",
  413: "Request body too large",
  415: "Unsupported content type",
  422: "A rule refuses the request",
  500: "Internal error: only a correlation id, to quote",
  503: "The database is busy: retry after `retry-after` seconds",
};

const CORRELATION_HEADER = { $ref: "#/components/headers/CorrelationId" };

const INFO_DESCRIPTION = `Award tenders on social and sustainable value; track and report social return uniformly per region.

Conventions: JSON bodies in camelCase; dates \`yyyy-mm-dd\` and instants ISO 8601 with an offset; money \`{ "amount": 1250000.5, "currency": "EUR" }\` in euros with at most 2 decimals. Lists page with \`?limit=\` (1 to 500, default 50) and the opaque \`?cursor=\` of \`nextCursor\`. A POST that creates something honours \`Idempotency-Key\`.

Errors are RFC 9457 \`application/problem+json\` with a stable \`code\` (each operation lists the codes it answers with, by status) and, for invalid input, \`errors: [{ path, message }]\`. A JSON body holding a citizen service number (BSN) is refused with 422 \`bsn-refused\`. Unknown paths answer 404 \`no-such-route\`, a known path with another method 405 \`method-not-allowed\`, malformed percent-encoding 400 \`malformed-path\`.

In AWS, API Gateway answers two errors itself, with its own JSON body \`{ "message": … }\` instead of problem+json: 401 from its JWT authorizer (no or an invalid token), and 429 when its throttling limits are exceeded.`;

const AREA_TEXT: Record<(typeof AREAS)[number], string> = {
  platform: "Health, the caller's identity, the audit trail and this document",
  orgs: "Regions and organisations (municipalities, suppliers, region bodies, operators)",
  scoring: "The scoring engine and its reference tables",
  tenders: "Tenders, bids, scores, evaluation and award",
  sroi: "Social return: valuation, obligations, catalogues and regional policies",
  contracts: "Contracts, their social-return commitments, realisations and balances",
  reports: "Regional reports, live figures and the impact monitor",
};

function pascal(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
}

/** Every success schema of every endpoint, loaded, by route key. */
async function loadResponses(endpoints: readonly EndpointDescription[]): Promise<Map<string, Responses>> {
  const entries = await Promise.all(
    endpoints.map(async (spec) => [spec.key, (await spec.responses?.()) ?? {}] as const),
  );
  return new Map(entries);
}

export async function buildOpenApi(source: OpenApiSource): Promise<OpenApiDocument> {
  const responses = await loadResponses(source.endpoints);
  const text = (spec: EndpointDescription): OperationText =>
    source.operations.get(spec.key) ?? {
      operationId: `${spec.route.method.toLowerCase()}${pascal(spec.route.path.replace(/\{\w+\}/g, "one"))}`,
      summary: spec.key,
    };

  // Bodies and responses are components, by their export name, or else by the operation's.
  const named = new Map(source.named);
  const used = new Set(named.values());
  const nameOf = (schema: z.ZodType, fallback: string) => {
    if (!named.has(schema)) {
      if (used.has(fallback)) throw new Error(`two schemas named ${fallback}`);
      named.set(schema, fallback);
      used.add(fallback);
    }
    return named.get(schema)!;
  };
  named.set(problemSchema, "Problem");
  for (const spec of source.endpoints) {
    const id = pascal(text(spec).operationId);
    if (spec.body) nameOf(spec.body, `${id}Body`);
    for (const [status, schema] of Object.entries(responses.get(spec.key)!))
      if (schema && !isBinaryResponse(schema)) nameOf(schema, `${id}${status}`);
  }
  const schemas = componentSchemas(named);
  const ref = (schema: z.ZodType) => ({ $ref: componentRef(named.get(schema)!) });

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of source.endpoints) {
    const operation = buildOperation(spec, text(spec), responses.get(spec.key)!, ref, schemas);
    paths[spec.route.path] = { ...paths[spec.route.path], [spec.route.method.toLowerCase()]: operation };
  }

  const components = {
    securitySchemes: {
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "JWT",
        description:
          "A JWT with the claims `sub`, `role` (officer, supplier, auditor or admin) and `org` (the caller's organisation): from Cognito in AWS, from `npm run token` locally. Each operation lists the roles it admits; other roles get 403.",
      },
    },
    parameters: {
      IdempotencyKey: {
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description:
          "Makes a retry safe: the same key with the same body replays the first response; with another body it is refused (422 idempotency-key-reused); while the first is in progress, 409 request-in-progress.",
        schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7E]+$" },
      },
    },
    headers: {
      CorrelationId: {
        description: "The request's correlation id (the one sent in `x-correlation-id`, or a new one).",
        schema: { type: "string" },
      },
    },
    responses: {
      TooManyRequests: {
        description:
          "Throttled by API Gateway (in AWS only): its own JSON body, not problem+json. Retry later with backoff.",
        content: { "application/json": { schema: { $ref: componentRef("GatewayMessage") } } },
      },
    },
    schemas: {
      ...schemas,
      GatewayMessage: {
        type: "object",
        description: "A body written by API Gateway itself (its authorizer's 401, its throttling's 429).",
        properties: { message: { type: "string", examples: ["Too Many Requests"] } },
        required: ["message"],
      },
    },
  };

  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: "Impact Procurement API",
      version: source.version,
      description: INFO_DESCRIPTION,
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/", description: "The host that serves this document" }],
    tags: AREAS.map((area) => ({ name: area, description: AREA_TEXT[area] })),
    paths,
    components,
  };
  return pruneComponents(document);
}

function buildOperation(
  spec: EndpointDescription,
  text: OperationText,
  responses: Responses,
  ref: (schema: z.ZodType) => JsonSchema,
  schemas: Record<string, JsonSchema>,
): JsonSchema {
  const where = `${spec.key}`;
  const parameters: JsonSchema[] = [];
  const pathSchema = inlineSchema(spec.params, `${where} path parameters`);
  for (const [name, schema] of Object.entries((pathSchema.properties ?? {}) as Record<string, JsonSchema>))
    parameters.push({ name, in: "path", required: true, schema });
  const notes: string[] = [];
  if (spec.query) {
    const query = inlineSchema(spec.query, `${where} query`);
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: "query",
        required: required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
    if (query.description) notes.push(`Query: ${query.description}`);
  }
  if (spec.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });

  notes.push(
    spec.public ? "Public: no token needed." : `Roles: ${spec.roles.join(", ")}.`,
    ...(spec.idempotent ? ["Send `Idempotency-Key` to make a retry safe."] : []),
  );

  return {
    operationId: text.operationId,
    summary: text.summary,
    description: [text.description, ...notes].filter(Boolean).join("\n\n"),
    tags: [spec.route.area],
    security: spec.public ? [] : [{ bearerAuth: [...spec.roles] }],
    "x-roles": [...spec.roles],
    ...(parameters.length ? { parameters } : {}),
    ...requestBody(spec, ref, schemas),
    responses: { ...successResponses(responses, ref, schemas), ...problemResponses(spec) },
  };
}

function requestBody(
  spec: EndpointDescription,
  ref: (schema: z.ZodType) => JsonSchema,
  schemas: Record<string, JsonSchema>,
): JsonSchema {
  const limit = `At most ${spec.maxBodyBytes} bytes (413 body-too-large).`;
  if (spec.body) {
    const schema = ref(spec.body);
    const example = exampleOf(schema, schemas);
    return {
      requestBody: {
        required: !spec.body.safeParse(undefined).success,
        description: `${limit} Text holding a citizen service number (BSN) is refused with 422 bsn-refused.`,
        content: { "application/json": { schema, ...(example === undefined ? {} : { example }) } },
      },
    };
  }
  if (spec.csv)
    return {
      requestBody: {
        required: true,
        description: `CSV rows with a header line. ${limit} Rows holding a citizen service number (BSN) are refused.`,
        content: { "text/csv": { schema: { type: "string" } } },
      },
    };
  if (spec.binaryBody)
    return {
      requestBody: {
        required: true,
        description: `The file's bytes. ${limit}`,
        content: { [spec.binaryBody]: { schema: { type: "string", contentMediaType: spec.binaryBody } } },
      },
    };
  return {};
}

function successResponses(
  responses: Responses,
  ref: (schema: z.ZodType) => JsonSchema,
  schemas: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, declared] of Object.entries(responses)) {
    const headers: JsonSchema = { "x-correlation-id": CORRELATION_HEADER };
    if (status === "303")
      headers.location = { required: true, description: "Where the file is.", schema: { type: "string" } };
    const response: JsonSchema = { description: STATUS_TEXT[Number(status)] ?? status, headers };
    if (declared && isBinaryResponse(declared)) {
      // A file: a JSON one (this document) is an object, anything else bytes.
      const file = /[/+]json$/.test(declared.binary)
        ? { type: "object", description: "A JSON document." }
        : { type: "string", contentMediaType: declared.binary };
      response.content = { [declared.binary]: { schema: file } };
    } else if (declared) {
      const schema = ref(declared);
      const example = exampleOf(schema, schemas);
      response.content = { "application/json": { schema, ...(example === undefined ? {} : { example }) } };
    }
    out[status] = response;
  }
  return out;
}

/** Each problem status the route answers with, its codes as an enum; API Gateway's 401 and 429. */
function problemResponses(spec: EndpointDescription): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const codes = routeProblemCodes(spec);
  for (const status of Object.keys(codes).map(Number).sort() as ProblemStatus[]) {
    const names = [...codes[status]!].sort();
    const content: JsonSchema = {
      "application/problem+json": {
        schema: {
          allOf: [
            { $ref: componentRef("Problem") },
            { properties: { status: { const: status }, code: { enum: names } } },
          ],
        },
      },
    };
    if (status === 401)
      content["application/json"] = {
        schema: { $ref: componentRef("GatewayMessage") },
        example: { message: "Unauthorized" },
      };
    const headers: JsonSchema = { "x-correlation-id": CORRELATION_HEADER };
    if (status === 503)
      headers["retry-after"] = { description: "Seconds to wait.", schema: { type: "integer", minimum: 0 } };
    out[String(status)] = {
      description: `${STATUS_TEXT[status]}. Codes: ${names.map((n) => `\`${n}\``).join(", ")}.${status === 401 && !spec.public ? ' In AWS, API Gateway\'s authorizer answers first, with `{ "message": "Unauthorized" }` as application/json.' : ""}`,
      headers,
      content,
    };
  }
  out["429"] = { $ref: "#/components/responses/TooManyRequests" };
  return out;
}

/** Drops the components no operation reaches (exported helper schemas no route uses). */
function pruneComponents(document: OpenApiDocument): OpenApiDocument {
  const components = document.components as { schemas: Record<string, JsonSchema> };
  const reached = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
        const name = value.slice("#/components/schemas/".length);
        if (!reached.has(name)) {
          reached.add(name);
          visit(components.schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(document.paths);
  visit({ ...components, schemas: undefined });
  components.schemas = Object.fromEntries(
    Object.entries(components.schemas)
      .filter(([name]) => reached.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return document;
}
