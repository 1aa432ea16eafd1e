import { endpoint, type HttpHandler } from "./endpoint.js";
import { HttpError } from "./problem.js";
import { type Area, FALLBACK_ROUTE_KEY, matchRoute, routeKey, routesOf } from "./routes.js";

/** Unknown path → 404; known path with another method → 405 with Allow. API Gateway's $default route. */
export const fallback: HttpHandler = endpoint({ roles: "public" }, async ({ method, path }) => {
  const { allowed } = matchRoute(method, path);
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
  return (event, context) => (handlers[event.routeKey] ?? fallback)(event, context);
}
