import * as z from "zod";
import { type Endpoint, type HttpHandler, withSpec } from "./endpoint.js";
import { HttpError } from "./problem.js";
import { type Area, FALLBACK_ROUTE_KEY, matchRoute, type RouteKey, routeKey, routesOf } from "./routes.js";

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

/** Loads one route's module (`() => import("./create-tender.js")`), whose `handler` serves that route. */
export type RouteModule = () => Promise<{ handler: Endpoint }>;

export type AreaRouter = HttpHandler & {
  /** Every endpoint of the area, loaded: tests and tools read each route's spec back. */
  readonly loadEndpoints: () => Promise<Endpoint[]>;
};

/**
 * One Lambda per area: dispatches API Gateway's routeKey to the endpoint that declares it.
 * Each route's module is imported on the first request for that route, so a cold start builds the
 * schemas and middleware of the route it serves rather than of all the area's routes (the bundle
 * stays one file: esbuild defers the evaluation of modules reached only through `import()`).
 * Construction fails when the route keys and the route list disagree, and a loaded module must serve
 * the route it is listed under, so drift breaks the tests, not production.
 */
export function areaRouter(area: Area, modules: Partial<Record<RouteKey, RouteModule>>): AreaRouter {
  const expected = routesOf(area).map(routeKey).sort();
  const actual = Object.keys(modules).sort();
  if (expected.join("\n") !== actual.join("\n")) {
    throw new Error(
      `Area '${area}' endpoints do not match the route list: ${JSON.stringify({ expected, actual })}`,
    );
  }
  const loaded = new Map<string, Promise<Endpoint>>();
  const load = (key: string): Promise<Endpoint> => {
    let endpoint = loaded.get(key);
    if (!endpoint) {
      endpoint = modules[key as RouteKey]!().then(({ handler }) => {
        if (handler.spec.key !== key)
          throw new Error(`The module listed for ${key} serves ${handler.spec.key}`);
        return handler;
      });
      loaded.set(key, endpoint);
    }
    return endpoint;
  };
  const handler: HttpHandler = async (event, context) =>
    (Object.hasOwn(modules, event.routeKey) ? await load(event.routeKey) : fallback)(event, context);
  return Object.assign(handler, { loadEndpoints: () => Promise.all(expected.map(load)) });
}
