import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { Actor } from "../operation.js";
import { BUSINESS_METRICS, METRICS_NAMESPACE, PROBLEMS_METRIC, SERVICE_NAME } from "./metric-names.js";
import { routeKey, routes } from "./routes.js";

/**
 * Logs, metrics and traces with Powertools for AWS Lambda, created once per process. `npm start` and
 * the tests switch logs and metrics down with POWERTOOLS_* variables.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace: METRICS_NAMESPACE });
/**
 * X-Ray exists only in Lambda (AWS_EXECUTION_ENV, as Powertools itself decides): elsewhere the tracer
 * and the X-Ray SDK it loads (~0.4 s of imports) are not even loaded, so `npm start` and each test file
 * start faster. esbuild inlines the import into the function bundle: no extra file to load in Lambda.
 */
export const tracer = process.env.AWS_EXECUTION_ENV
  ? new (await import("@aws-lambda-powertools/tracer")).Tracer({ serviceName: SERVICE_NAME })
  : undefined;

export type BusinessEvent = keyof typeof BUSINESS_METRICS;

/** Counts a business event where it is known to have happened; published when the request ends. */
export function countEvent(event: BusinessEvent, count = 1): void {
  if (count > 0) metrics.addMetric(BUSINESS_METRICS[event], MetricUnit.Count, count);
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

/** Per event, so concurrent requests in one process (the local server) never swap callers. */
const callers = new WeakMap<Event, Pick<Actor, "role" | "orgId">>();

/** Names the authenticated caller in the request's log line. */
export function noteCaller(event: Event, caller: Pick<Actor, "role" | "orgId">): void {
  callers.set(event, { role: caller.role, orgId: caller.orgId });
}

const AREA_OF_ROUTE = new Map<string, string>(routes.map((r) => [routeKey(r), r.area]));
/** The catch-all route ($default: unknown path or method) is served by the platform area. */
const areaOf = (event: Event) => AREA_OF_ROUTE.get(event.routeKey) ?? "platform";

function problemCode(response: Result | null | undefined): string | undefined {
  if (!response?.headers?.["content-type"]?.toString().startsWith("application/problem+json"))
    return undefined;
  try {
    return String(JSON.parse(response.body ?? "").code ?? "unknown");
  } catch {
    return "unknown";
  }
}

/**
 * Business events counted during the request, then one Problems metric if the answer is a problem
 * (its own EMF document: `code` must not become a dimension of the business counts). Publishing
 * only what was recorded also avoids Powertools' "no metrics" warning on every plain request.
 */
function publishMetrics(area: string, code: string | undefined): void {
  if (metrics.hasStoredMetrics()) {
    metrics.addDimension("area", area);
    metrics.publishStoredMetrics();
  }
  if (code) {
    metrics.addDimension("area", area).addDimension("code", code);
    metrics.addMetric(PROBLEMS_METRIC, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  }
}

/**
 * The outermost middleware of every endpoint: after the problems middleware has turned any error into
 * problem+json, it writes ONE structured log line for the request and publishes its metrics.
 * Deliberately logged: ids, route, status, outcome and timing. Never headers (the token), query
 * strings or bodies (candidate references, personal data); a 5xx adds the error and its stack.
 */
export const observe = (): middy.MiddlewareObj<Event, Result, Error, Context> => {
  const started = new WeakMap<object, number>();
  const finish = (request: middy.Request<Event, Result, Error, Context>) => {
    const { event, response, error } = request;
    const status = response?.statusCode ?? 500;
    const code = problemCode(response);
    const caller = callers.get(event);
    const line = {
      message: "request",
      correlationId: response?.headers?.["x-correlation-id"],
      routeKey: event.routeKey,
      method: event.requestContext?.http?.method,
      status,
      ...(caller ? { role: caller.role, orgId: caller.orgId } : {}),
      outcome: code ?? "ok",
      durationMs: Math.round(performance.now() - (started.get(request) ?? performance.now())),
    };
    if (status >= 500) logger.error({ ...line, ...(error ? { error } : {}) });
    else logger.info(line);
    publishMetrics(areaOf(event), code);
  };
  return {
    before: (request) => {
      started.set(request, performance.now());
    },
    after: finish,
    onError: finish,
  };
};
