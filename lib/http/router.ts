import type { Endpoint, HttpHandler } from "./endpoint.js";
import { type Area, type RouteKey, routeKey, routesOf } from "./routes.js";
// What every request of every route uses, created when the function starts (Lambda's init, which may
// run ahead of the first request): the Powertools logger, metrics and tracer, and the DynamoDB
// client. The rest of the endpoint stack (zod and the route's schemas, token verification,
// idempotency) is loaded with the first route that needs it, so a start evaluates none of it.
import "./observability.js";
import "../store/client.js";

/** Unknown paths and methods (API Gateway's $default route): loaded on the first such request. */
const fallback = async (): Promise<Endpoint> => (await import("./fallback.js")).fallback;

/** Loads one route's module (`() => import("./create-tender.js")`), whose `handler` serves that route. */
export type RouteModule = () => Promise<{ handler: Endpoint }>;

export type AreaRouter = HttpHandler & {
  /** Every endpoint of the area, loaded: tests and tools read each route's spec back. */
  readonly loadEndpoints: () => Promise<Endpoint[]>;
};

/**
 * One Lambda per area: dispatches API Gateway's routeKey to the endpoint that declares it.
 * Each route's module is imported on the first request for that route, so a cold start builds the
 * schemas and middleware of the route it serves rather than of all the area's routes (esbuild puts
 * what is reached only through `import()` in files of its own, read when first imported).
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
    (Object.hasOwn(modules, event.routeKey) ? await load(event.routeKey) : await fallback())(event, context);
  return Object.assign(handler, { loadEndpoints: () => Promise.all(expected.map(load)) });
}
