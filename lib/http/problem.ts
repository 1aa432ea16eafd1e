import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import {
  Conflict,
  type FieldError,
  Forbidden,
  InvalidInput,
  NotFound,
  RuleViolation,
} from "../domain/errors.js";
import { INTERNAL_PROBLEM_CODE } from "./metric-names.js";

/** An error that already knows its HTTP status (auth failures, 413, 415, 405 …). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const unauthorized = (detail: string) =>
  new HttpError(401, "unauthenticated", detail, { "www-authenticate": 'Bearer realm="impact-procurement"' });

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** DynamoDB's names for "slow down"; the SDK already retried before we see them. */
const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
]);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  correlationId?: string;
}

const problemType = (code: string) => `tag:impact-procurement,2026:problem/${code}`;

/** Field errors listed in one problem; a body with thousands of bad fields must not make a huge answer. */
export const MAX_LISTED_ERRORS = 100;

/** Maps any error to an RFC 9457 problem; internals never leave the service. */
export function toProblem(
  error: unknown,
  correlationId: string,
): { problem: Problem; headers: Record<string, string> } {
  const make = (status: number, code: string, detail: string, errors?: FieldError[], headers = {}) => ({
    problem: {
      type: problemType(code),
      title: TITLES[status] ?? "Error",
      status,
      detail:
        (errors?.length ?? 0) > MAX_LISTED_ERRORS
          ? `${detail} The first ${MAX_LISTED_ERRORS} of ${errors!.length} problems are listed.`
          : detail,
      code,
      ...(errors?.length ? { errors: errors.slice(0, MAX_LISTED_ERRORS) } : {}),
      correlationId,
    },
    headers,
  });
  if (error instanceof HttpError)
    return make(error.status, error.code, error.message, error.errors, error.headers);
  if (error instanceof InvalidInput) return make(400, error.code, error.message, error.errors);
  if (error instanceof RuleViolation) return make(422, error.code, error.message, error.errors);
  if (error instanceof NotFound) return make(404, "not-found", error.message);
  if (error instanceof Conflict) return make(409, error.code, error.message);
  if (error instanceof Forbidden) return make(403, "forbidden", error.message);
  const stock = stockHttpError(error);
  if (stock) return make(stock.status, stock.code, stock.detail);
  const name = (error as { name?: string } | null)?.name ?? "";
  if (THROTTLING.has(name)) {
    return make(
      503,
      "store-throttled",
      "The data store is busy. Retry after the indicated delay.",
      undefined,
      {
        "retry-after": "1",
      },
    );
  }
  // Logged with its stack by the request's log line (lib/http/observability.ts), never sent.
  return make(
    500,
    INTERNAL_PROBLEM_CODE,
    "An unexpected error occurred. Quote the correlation id when reporting it.",
  );
}

/**
 * Errors thrown by stock middy middlewares and http-errors carry `statusCode` and `expose`: a 4xx keeps
 * its status and, when exposed, its message; anything else is an internal error like any other.
 */
function stockHttpError(error: unknown): { status: number; code: string; detail: string } | undefined {
  const { statusCode, expose, message } = (error ?? {}) as {
    statusCode?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 400 || statusCode > 499)
    return undefined;
  const title = TITLES[statusCode] ?? "Client Error";
  const code = title.toLowerCase().replace(/[^a-z]+/g, "-");
  const detail = expose !== false && typeof message === "string" && message ? message : `${title}.`;
  return { status: statusCode, code, detail };
}

export const SECURITY_HEADERS: Record<string, string> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};

export function problemResult(
  error: unknown,
  correlationId: string,
): APIGatewayProxyStructuredResultV2 & { statusCode: number } {
  const { problem, headers } = toProblem(error, correlationId);
  return {
    statusCode: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
    body: JSON.stringify(problem),
  };
}
