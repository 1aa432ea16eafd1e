import * as z from "zod";
import { type Endpoint, type HttpHandler, withSpec } from "./endpoint.js";
import { HttpError } from "./problem.js";
import { type Area, FALLBACK_ROUTE_KEY, matchRoute, routeKey, routesOf } from "./routes.js";

/**
 * Unknown path → 404; known path with another method → 405 with Allow; malformed percent-encoding
 * → 400. API Gateway's $default route.
 */
export const fallback: Endpoint = withSpec(
  {
    key: FALLBACK_ROUTE_KEY,
    route: { method: "GET", path: "/{proxy+}", area: "platform", public: true },
    public: true,
    roles: [],
    csv: false,
    params: z.unknown(),
    idempotent: false,
    maxBodyBytes: 0,
  },
  async ({ method, path }) => {
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
  },
);

export type AreaRouter = HttpHandler & { readonly endpoints: readonly Endpoint[] };

/**
 * One Lambda per area: dispatches API Gateway's routeKey to the endpoint that declares it.
 * Construction fails when the endpoints and the route list disagree, so drift breaks the tests,
 * not production. `endpoints` lets tests and tools read every route's spec back.
 */
export function areaRouter(area: Area, endpoints: readonly Endpoint[]): AreaRouter {
  const expected = routesOf(area).map(routeKey).sort();
  const actual = endpoints.map((e) => e.spec.key).sort();
  if (expected.join("\n") !== actual.join("\n")) {
    throw new Error(
      `Area '${area}' endpoints do not match the route list: ${JSON.stringify({ expected, actual })}`,
    );
  }
  const byKey = new Map(endpoints.map((e) => [e.spec.key, e]));
  const handler: HttpHandler = (event, context) => (byKey.get(event.routeKey) ?? fallback)(event, context);
  return Object.assign(handler, { endpoints });
}
