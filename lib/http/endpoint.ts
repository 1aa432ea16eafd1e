import { randomUUID } from "node:crypto";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import * as z from "zod";
import { InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import { type Operation, operation, type Role } from "../operation.js";
import { authenticate, type Caller } from "./auth.js";
import { clock } from "./clock.js";
import { refuseBsnIn } from "../domain/sroi/bsn.js";
import { runOnce } from "./idempotent.js";
import { logger, noteCaller, observe } from "./observability.js";
import { HttpError, problemResult, SECURITY_HEADERS } from "./problem.js";
import type { ProblemCodes } from "./problem-codes.js";
import { issueMessage } from "./zod-issues.js";
import {
  findRoute,
  MUTATING_METHODS,
  type ParamNames,
  type PathOf,
  paramNamesOf,
  type RouteDef,
  type RouteKey,
} from "./routes.js";

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** Default request body limit; API Gateway's own limit is 10 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body that is not JSON (a PDF, a CSV file): sent base64-encoded, as API Gateway expects. */
  binary?: { bytes: Uint8Array; contentType: string };
}

export const ok = (body: unknown): Reply => ({ status: 200, body });

/** A body the route has already written as JSON (to measure it, say): sent as is, not written again. */
export class JsonText {
  constructor(readonly text: string) {}
}
export const created = (body: unknown, location?: string): Reply => ({
  status: 201,
  body,
  ...(location ? { headers: { location } } : {}),
});

type Schema = z.ZodType;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Request<B, Q, P extends string = string> {
  body: B;
  query: Q;
  params: Record<P, string>;
  headers: Record<string, string | undefined>;
  method: string;
  path: string;
  /** The operation: its id, fixed clock and actor. Present on every authenticated route. */
  op: Operation;
  caller: Caller;
  correlationId: string;
  /** The body's bytes on a route that takes a binary body (`binaryBody`). */
  rawBody?: Buffer;
}

/** An audit action is `<entity kind>.<verb>`, e.g. `bid.submitted`; its entity id is `<kind>:<id>`. */
export type AuditAction = `${string}.${string}`;

/**
 * What a mutating route leaves in the audit trail: the action it writes (or one of several, as a
 * review accepts or rejects), or `{ none }` with the reason it changes no state.
 */
export type AuditDeclaration = AuditAction | readonly AuditAction[] | { none: string };

export interface EndpointSpec<
  K extends RouteKey,
  B extends Schema | undefined,
  Q extends Schema | undefined,
> {
  /** The route served, as declared in lib/http/routes.ts (which also says whether it is public). */
  route: K;
  /** Roles allowed to call; other roles get 403. Absent exactly on the route list's public routes. */
  roles?: readonly Role[];
  /** JSON body schema (use .strict() objects: unknown fields are refused). */
  body?: B;
  /** A text/csv body, passed as a string (bulk uploads). */
  csv?: boolean;
  /** A binary body of this content type (a PDF), passed as bytes in `rawBody`. */
  binaryBody?: string;
  query?: Q;
  /** Path parameters; by default every parameter of the path is a bounded, printable string. */
  params?: z.ZodType<Record<ParamNames<PathOf<K>>, string>>;
  /** A creating POST: honours the Idempotency-Key header (replay, 409 while in progress, 422 for another body). */
  idempotent?: boolean;
  maxBodyBytes?: number;
  /** Required on POST, PUT, PATCH and DELETE; absent on reads. */
  audit?: AuditDeclaration;
  /**
   * The body of each success status (strict objects); errors are problem+json (lib/schemas/problem.ts).
   * Loaded on demand (`async () => { const { x } = await import(…); return { 200: x }; }`): tests and
   * tools check answers against them, requests never do, so a function does not build them.
   */
  responses?: ResponsesLoader;
  /**
   * The problem `code`s its use case answers with, by status (a 409 `scores-frozen`, a 422 rule), beyond
   * those of the shared stack (lib/http/problem-codes.ts). The OpenAPI document lists them, and tests
   * refuse an error response whose code its route does not list.
   */
  problems?: ProblemCodes;
}

/** An endpoint's spec as tests and tools read it back from the handler. */
export interface EndpointDescription {
  key: string;
  route: RouteDef;
  public: boolean;
  roles: readonly Role[];
  body?: Schema;
  csv: boolean;
  binaryBody?: string;
  query?: Schema;
  params: Schema;
  idempotent: boolean;
  maxBodyBytes: number;
  audit?: AuditDeclaration;
  responses?: ResponsesLoader;
  problems?: ProblemCodes;
}

/** A success body that is a file of this content type, not JSON. */
export interface BinaryResponse {
  binary: string;
}
export const isBinaryResponse = (declared: unknown): declared is BinaryResponse =>
  typeof declared === "object" && declared !== null && "binary" in declared;

/** Success statuses an endpoint answers with, and the schema of each body (`null`: no body). */
export type Responses = Partial<Record<200 | 201 | 202 | 204 | 303, Schema | null | BinaryResponse>>;
export type ResponsesLoader = () => Promise<Responses>;

export type Endpoint = HttpHandler & { readonly spec: EndpointDescription };

/** An id in a path: what the API issues (letters, digits, `-_.:~` and the like), bounded in length. */
export const pathParameter = z
  .string()
  .min(1)
  .max(200, "at most 200 characters")
  .regex(/^[^\p{Cc}\p{Cf}\s/]+$/u, "no spaces, slashes or control characters");

const defaultParams = (path: string): Schema =>
  z.object(Object.fromEntries(paramNamesOf(path).map((name) => [name, pathParameter])));

function describe(spec: EndpointSpec<RouteKey, Schema | undefined, Schema | undefined>): EndpointDescription {
  const route = findRoute(spec.route);
  if (!route) throw new Error(`${spec.route} is not in the route list`);
  const isPublic = route.public === true;
  if (isPublic === Boolean(spec.roles))
    throw new Error(`${spec.route}: a public route has no roles, every other route names its roles`);
  const mutating = MUTATING_METHODS.includes(route.method);
  if (mutating !== Boolean(spec.audit))
    throw new Error(
      `${spec.route}: ${mutating ? "declare the audit event it writes" : "a read writes no audit event"}`,
    );
  return {
    key: spec.route,
    route,
    public: isPublic,
    roles: spec.roles ?? [],
    ...(spec.body ? { body: spec.body } : {}),
    csv: spec.csv ?? false,
    ...(spec.binaryBody ? { binaryBody: spec.binaryBody } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    params: spec.params ?? defaultParams(route.path),
    idempotent: spec.idempotent ?? false,
    maxBodyBytes: spec.maxBodyBytes ?? MAX_BODY_BYTES,
    ...(spec.audit ? { audit: spec.audit } : {}),
    ...(spec.responses ? { responses: spec.responses } : {}),
    ...(spec.problems ? { problems: spec.problems } : {}),
  };
}

export const lowerCaseHeaders = (headers: HttpEvent["headers"]): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

const CORRELATION = /^[A-Za-z0-9._-]{8,128}$/;

/** Set by the problems middleware before anything else runs. */
const correlationIdOf = (event: HttpEvent): string => event.headers!["x-correlation-id"]!;

/** Public routes change nothing, so they get no actor: touching `op` there is a programming error. */
const NO_OPERATION = new Proxy({} as Operation, {
  get: () => {
    throw new Error("a public route has no operation");
  },
});

function fieldErrors(error: z.ZodError, prefix: string, schema: Schema, value: unknown) {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issueMessage(issue, schema, value),
  }));
}

function parse<S extends Schema>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // A cap (cappedArray in lib/schemas/common.ts) is a rule refusing the request: 422 with its code.
  const cap = result.error.issues.find((i) => i.code === "custom" && typeof i.params?.rule === "string");
  if (cap?.code === "custom") {
    throw new RuleViolation(cap.params!.rule, cap.params!.detail ?? cap.message, [
      { path: [prefix, ...cap.path.map(String)].join("."), message: cap.message },
    ]);
  }
  throw new InvalidInput(fieldErrors(result.error, prefix, schema, value));
}

function readBody(
  event: HttpEvent,
  spec: { csv: boolean; binaryBody?: string; maxBodyBytes: number },
  headers: Record<string, string | undefined>,
) {
  if (event.body === undefined || event.body === null || event.body === "") return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
  const limit = spec.maxBodyBytes;
  if (raw.byteLength > limit) {
    throw new HttpError(413, "body-too-large", `The request body exceeds ${limit} bytes.`);
  }
  const contentType = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (spec.binaryBody) {
    if (contentType !== spec.binaryBody)
      throw new HttpError(415, "unsupported-media-type", `Send the body as ${spec.binaryBody}.`);
    return raw;
  }
  if (spec.csv) {
    if (contentType !== "text/csv")
      throw new HttpError(415, "unsupported-media-type", "Send the rows as text/csv.");
    return raw.toString("utf8");
  }
  if (contentType && contentType !== "application/json" && !contentType.endsWith("+json")) {
    throw new HttpError(415, "unsupported-media-type", "Send the body as application/json.");
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    // Only the position: the parser's own message quotes the body, which may hold personal data.
    const at = / at position \d+/.exec((error as Error).message)?.[0] ?? "";
    throw new HttpError(400, "malformed-json", `The body is not valid JSON${at}.`);
  }
}

function toResult(reply: Reply): HttpResult {
  if (reply.binary) {
    return {
      statusCode: reply.status,
      headers: { "content-type": reply.binary.contentType, ...reply.headers },
      body: Buffer.from(reply.binary.bytes).toString("base64"),
      isBase64Encoded: true,
    };
  }
  const hasBody = reply.body !== undefined;
  return {
    statusCode: reply.status,
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...reply.headers },
    ...(hasBody
      ? { body: reply.body instanceof JsonText ? reply.body.text : JSON.stringify(reply.body) }
      : {}),
  };
}

/** One middleware for what every response needs: correlation id, security headers, problem+json errors. */
const problems = (): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => {
  const decorate = (response: HttpResult, correlationId: string): HttpResult => ({
    ...response,
    headers: { ...SECURITY_HEADERS, ...response.headers, "x-correlation-id": correlationId },
  });
  return {
    // The event carries the id from here on, so the handler and the error path quote the same one.
    before: (request) => {
      const headers = lowerCaseHeaders(request.event.headers);
      const given = headers["x-correlation-id"];
      headers["x-correlation-id"] =
        given && CORRELATION.test(given) ? given : (request.event.requestContext?.requestId ?? randomUUID());
      request.event.headers = headers as HttpEvent["headers"];
    },
    after: (request) => {
      if (request.response) request.response = decorate(request.response, correlationIdOf(request.event));
    },
    onError: (request) => {
      const correlationId = correlationIdOf(request.event);
      request.response = decorate(problemResult(request.error, correlationId) as HttpResult, correlationId);
    },
  };
};

/**
 * Builds a Lambda handler for one route: the shared middy stack (problem+json errors, security
 * headers, body limits and JSON parsing, authentication, zod validation, idempotency) around a
 * thin function that calls one use case. The handler carries its spec for tests and tools.
 */
export function endpoint<
  K extends RouteKey,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
>(
  spec: EndpointSpec<K, B, Q>,
  fn: (request: Request<Output<B>, Output<Q>, ParamNames<PathOf<K>>>) => Promise<Reply>,
): Endpoint {
  return withSpec(describe(spec), fn as (request: Request<unknown, unknown>) => Promise<Reply>);
}

/** The handler of an endpoint description; also serves API Gateway's `$default` route (router.ts). */
export function withSpec(
  spec: EndpointDescription,
  fn: (request: Request<unknown, unknown>) => Promise<Reply>,
): Endpoint {
  const core = async (event: HttpEvent): Promise<HttpResult> => {
    const headers = event.headers as Record<string, string | undefined>;
    const body = readBody(event, spec, headers);
    const caller = await authorise(spec, event, headers);
    const params = pathParams(spec, event);
    const query = spec.query ? parse(spec.query, event.queryStringParameters ?? {}, "query") : undefined;
    const parsedBody = routeBody(spec, body);
    const run = (op: Operation) =>
      fn({
        body: parsedBody,
        query,
        params,
        headers,
        method: event.requestContext?.http?.method ?? "GET",
        path: event.rawPath ?? "/",
        op,
        caller: caller as Caller,
        correlationId: correlationIdOf(event),
        ...(spec.binaryBody && Buffer.isBuffer(body) ? { rawBody: body } : {}),
      }).then(toResult);

    if (!caller) return run(NO_OPERATION);
    const key = headers["idempotency-key"];
    if (!spec.idempotent || !key) return run(operation(caller, clock.now(), undefined, clock.now));
    return runOnce(caller, key, { route: event.routeKey, params, body: parsedBody }, run);
  };

  // After/onError run in reverse order: observe() sees the response problems() has made of any error.
  const handler = middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(observe())
    .use(problems())
    .handler(core) as unknown as HttpHandler;
  return Object.assign(handler, { spec });
}

/** The caller of a route that is not public, if one of its roles (401 and 403 otherwise). */
async function authorise(
  spec: EndpointDescription,
  event: HttpEvent,
  headers: Record<string, string | undefined>,
): Promise<Caller | undefined> {
  const caller = spec.public ? undefined : await authenticate(headers.authorization);
  if (caller) noteCaller(event, caller);
  if (caller && !spec.roles.includes(caller.role)) {
    throw new HttpError(403, "forbidden", `This action is for: ${spec.roles.join(", ")}.`);
  }
  return caller;
}

function pathParams(spec: EndpointDescription, event: HttpEvent): Record<string, string> {
  // An id that fails its schema (over-long, control characters) is no id of ours: 404, as for any unknown id.
  const checkedParams = spec.params.safeParse(event.pathParameters ?? {});
  if (!checkedParams.success) throw new NotFound();
  return checkedParams.data as Record<string, string>;
}

/** The body as the route takes it: parsed by its schema, CSV text as sent, or nothing. */
function routeBody(spec: EndpointDescription, body: unknown): unknown {
  // Before the schema, whose messages may quote unknown keys; CSV uploads are scanned by their
  // importers, where the columns are known.
  if (spec.body) refuseBsnIn(body, "body");
  // A route without a body schema takes no body: whatever is sent is ignored, also by the digest.
  return spec.body ? parse(spec.body, body, "body") : spec.csv ? body : undefined;
}
