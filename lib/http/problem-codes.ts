import type { EndpointDescription } from "./endpoint.js";
import { INTERNAL_PROBLEM_CODE } from "./metric-names.js";

/** Error statuses a route answers with problem+json. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500 | 503;

/** The `code`s of the problems a route answers with, by status. */
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

/**
 * The problems the shared endpoint stack (lib/http/endpoint.ts) can answer for a route, whatever its
 * use case does: body and query parsing, authentication and roles, path ids, idempotency, the store,
 * and a list's cursor (lib/store/cursor.ts refuses one it did not issue).
 */
export function stackProblemCodes(spec: EndpointDescription): ProblemCodes {
  const takesBody = Boolean(spec.body) || spec.csv || Boolean(spec.binaryBody);
  const codes: Record<number, string[]> = {};
  const add = (status: ProblemStatus, ...names: string[]) => {
    codes[status] = [...(codes[status] ?? []), ...names];
  };
  if (spec.body) add(400, "malformed-json");
  if (spec.body || spec.query) add(400, "invalid-input");
  if (takesCursor(spec)) add(400, "invalid-cursor");
  if (spec.idempotent) add(400, "invalid-input");
  if (!spec.public) add(401, "unauthenticated");
  if (!spec.public) add(403, "forbidden");
  if (spec.route.path.includes("{")) add(404, "not-found");
  if (spec.idempotent) add(409, "request-in-progress");
  if (takesBody) add(413, "body-too-large");
  if (takesBody) add(415, "unsupported-media-type");
  if (spec.body) add(422, "bsn-refused");
  if (spec.idempotent) add(422, "idempotency-key-reused");
  add(500, INTERNAL_PROBLEM_CODE);
  add(503, "store-throttled");
  return Object.fromEntries(Object.entries(codes).map(([status, names]) => [status, [...new Set(names)]]));
}

/** A list's query (pageQuerySchema in lib/schemas/common.ts) has a `cursor`. */
const takesCursor = (spec: EndpointDescription): boolean => {
  const shape = (spec.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && "cursor" in shape;
};

/** Every problem a route documents: the stack's and those its use case declares (`problems` in its spec). */
export function routeProblemCodes(spec: EndpointDescription): ProblemCodes {
  const merged: Record<number, string[]> = { ...stackProblemCodes(spec) } as Record<number, string[]>;
  for (const [status, names] of Object.entries(spec.problems ?? {})) {
    merged[Number(status)] = [...new Set([...(merged[Number(status)] ?? []), ...(names as string[])])];
  }
  return merged;
}

/**
 * What API Gateway's `$default` route (lib/http/fallback.ts) answers for a request on no route of the
 * route list: an unknown path, a known path with another method, a path with malformed percent-encoding.
 */
export const FALLBACK_PROBLEM_CODES: ProblemCodes = {
  400: ["malformed-path"],
  404: ["no-such-route"],
  405: ["method-not-allowed"],
  500: [INTERNAL_PROBLEM_CODE],
};
