import { NotFound } from "../domain/errors.js";
import { ROLES } from "../operation.js";
import { endpoint, type HttpEvent, type HttpHandler } from "./endpoint.js";
import { HttpError } from "./problem.js";
import { type Area, FALLBACK_ROUTE_KEY, matchRoute, routeKey, routesOf } from "./routes.js";

/**
 * Unknown path → 404; known path with another method → 405 with Allow; malformed percent-encoding
 * → 400. API Gateway's $default route.
 */
export const fallback: HttpHandler = endpoint({ roles: "public" }, async ({ method, path }) => {
  const { allowed, malformed } = matchRoute(method, path);
  if (malformed) {
    throw new HttpError(400, "malformed-path", "The path has malformed percent-encoding (e.g. %FF).");
  }
  if (allowed.length) {
    throw new HttpError(405, "method-not-allowed", `${method} is not allowed on ${path}.`, {
      allow: [...new Set(allowed)].join(", "),
    });
  }
  throw new HttpError(404, "no-such-route", `There is no route ${method} ${path}.`);
});

/**
 * One Lambda per area: dispatches API Gateway's routeKey to the route's handler. Construction fails
 * when the handlers and the route list disagree, so drift breaks the tests, not production.
 */
export function areaRouter(area: Area, handlers: Record<string, HttpHandler>): HttpHandler {
  const expected = routesOf(area).map(routeKey).sort();
  const actual = Object.keys(handlers)
    .filter((k) => k !== FALLBACK_ROUTE_KEY)
    .sort();
  if (expected.join("\n") !== actual.join("\n")) {
    throw new Error(
      `Area '${area}' handlers do not match the route list: ${JSON.stringify({ expected, actual })}`,
    );
  }
  return (event, context) =>
    (plausibleIds(event) ? (handlers[event.routeKey] ?? fallback) : unknownId)(event, context);
}

/** Longest path parameter taken for an id; every id this service issues or accepts is far shorter. */
export const MAX_PATH_PARAMETER_LENGTH = 200;

/** Path parameters end up in table keys: an over-long or control-character id is no id of ours. */
const plausibleIds = (event: HttpEvent): boolean =>
  Object.values(event.pathParameters ?? {}).every(
    (value) => value !== undefined && value.length <= MAX_PATH_PARAMETER_LENGTH && !/\p{Cc}/u.test(value),
  );

/** 404 after authentication, as for any id the caller may not see. */
const unknownId: HttpHandler = endpoint({ roles: ROLES }, async () => {
  throw new NotFound();
});
