/**
 * The one route list. CDK creates an HTTP API route per entry, integrated with the Lambda of its
 * area (functions/<area>/handler.ts); the local server dispatches with the same list to the same
 * handler exports. Plain data only: importing it must not load any handler code.
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const AREAS = ["platform", "orgs", "scoring", "tenders", "sroi", "contracts", "reports"] as const;
export type Area = (typeof AREAS)[number];

export interface RouteDef {
  method: Method;
  /** API Gateway path syntax: /v1/tenders/{tenderId} */
  path: string;
  area: Area;
  /** Served without a token (health, the OpenAPI document, and checking a report's PDF). */
  public?: boolean;
  /**
   * Open data (OCDS) for anyone to harvest: public, and throttled on its own in API Gateway (route
   * settings of the stage, infra/config.ts `openDataThrottle`) so harvesters cannot use up the budget
   * of the signed-in users' routes.
   */
  throttle?: "open-data";
}

const ROUTE_LIST = [
  { method: "GET", path: "/v1/health", area: "platform", public: true },
  { method: "GET", path: "/v1/openapi.json", area: "platform", public: true },
  { method: "GET", path: "/v1/me", area: "platform" },
  { method: "GET", path: "/v1/audit", area: "platform" },
  { method: "GET", path: "/v1/docs", area: "platform", public: true },
  { method: "GET", path: "/v1/docs/redoc.standalone.js", area: "platform", public: true },
  { method: "GET", path: "/v1/docs/redoc.standalone.js.LICENSE.txt", area: "platform", public: true },

  { method: "POST", path: "/v1/regions", area: "orgs" },
  { method: "GET", path: "/v1/regions", area: "orgs" },
  { method: "GET", path: "/v1/regions/{regionId}", area: "orgs" },
  { method: "POST", path: "/v1/organisations", area: "orgs" },
  { method: "GET", path: "/v1/organisations", area: "orgs" },
  { method: "GET", path: "/v1/organisations/{organisationId}", area: "orgs" },
  { method: "PATCH", path: "/v1/organisations/{organisationId}", area: "orgs" },
  { method: "POST", path: "/v1/organisations/{organisationId}/users", area: "orgs" },

  { method: "POST", path: "/v1/scoring/simulate", area: "scoring" },
  { method: "GET", path: "/v1/reference-tables", area: "scoring" },
  { method: "POST", path: "/v1/reference-tables", area: "scoring" },

  { method: "POST", path: "/v1/tenders", area: "tenders" },
  { method: "GET", path: "/v1/tenders", area: "tenders" },
  { method: "GET", path: "/v1/tenders/{tenderId}", area: "tenders" },
  { method: "PATCH", path: "/v1/tenders/{tenderId}", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/publish", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/cancel", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/bids", area: "tenders" },
  { method: "GET", path: "/v1/tenders/{tenderId}/bids", area: "tenders" },
  { method: "GET", path: "/v1/tenders/{tenderId}/bids/{bidId}", area: "tenders" },
  { method: "PUT", path: "/v1/tenders/{tenderId}/bids/{bidId}", area: "tenders" },
  { method: "DELETE", path: "/v1/tenders/{tenderId}/bids/{bidId}", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/open", area: "tenders" },
  { method: "PUT", path: "/v1/tenders/{tenderId}/bids/{bidId}/scores", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/score-corrections", area: "tenders" },
  { method: "GET", path: "/v1/tenders/{tenderId}/score-corrections", area: "tenders" },
  {
    method: "POST",
    path: "/v1/tenders/{tenderId}/score-corrections/{correctionId}/approve",
    area: "tenders",
  },
  {
    method: "POST",
    path: "/v1/tenders/{tenderId}/score-corrections/{correctionId}/withdraw",
    area: "tenders",
  },
  { method: "POST", path: "/v1/tenders/{tenderId}/evaluation", area: "tenders" },
  { method: "GET", path: "/v1/tenders/{tenderId}/evaluation", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/intended-award", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/award", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/lots/{lotId}/evaluation", area: "tenders" },
  { method: "GET", path: "/v1/tenders/{tenderId}/lots/{lotId}/evaluation", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/lots/{lotId}/intended-award", area: "tenders" },
  { method: "POST", path: "/v1/tenders/{tenderId}/lots/{lotId}/award", area: "tenders" },
  {
    method: "GET",
    path: "/v1/tenders/{tenderId}/ocds",
    area: "tenders",
    public: true,
    throttle: "open-data",
  },
  { method: "GET", path: "/v1/ocds/extension/{file}", area: "tenders", public: true, throttle: "open-data" },
  { method: "GET", path: "/v1/ocds/releases", area: "tenders", public: true, throttle: "open-data" },

  { method: "POST", path: "/v1/sroi/valuate", area: "sroi" },
  { method: "POST", path: "/v1/sroi/obligation", area: "sroi" },
  { method: "GET", path: "/v1/sroi/catalogues", area: "sroi" },
  { method: "POST", path: "/v1/sroi/catalogues", area: "sroi" },
  { method: "GET", path: "/v1/sroi/catalogues/{catalogueId}/versions", area: "sroi" },
  { method: "GET", path: "/v1/sroi/catalogues/{catalogueId}/versions/{version}", area: "sroi" },
  { method: "GET", path: "/v1/sroi/policies/{regionId}", area: "sroi" },
  { method: "POST", path: "/v1/sroi/policies/{regionId}", area: "sroi" },

  { method: "POST", path: "/v1/contracts", area: "contracts" },
  { method: "POST", path: "/v1/contracts/import", area: "contracts" },
  { method: "GET", path: "/v1/contracts", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/amendments", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/obligations", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/base-amounts", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/base-amounts", area: "contracts" },
  {
    method: "POST",
    path: "/v1/contracts/{contractId}/base-amounts/{baseAmountId}/review",
    area: "contracts",
  },
  { method: "PUT", path: "/v1/contracts/{contractId}/commitment", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/commitments", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/promises/{promiseId}/verification", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/settlement", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/balance", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/pool-transfers", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/pool-transfers", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/totals/recompute", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/retention", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/entries", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/entries/import", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/entries", area: "contracts" },
  { method: "GET", path: "/v1/contracts/{contractId}/entries/{entryId}", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/entries/{entryId}/review", area: "contracts" },
  { method: "POST", path: "/v1/contracts/{contractId}/entries/{entryId}/reversal", area: "contracts" },
  { method: "GET", path: "/v1/entries", area: "contracts" },

  { method: "POST", path: "/v1/regions/{regionId}/reports", area: "reports" },
  { method: "GET", path: "/v1/regions/{regionId}/reports", area: "reports" },
  { method: "GET", path: "/v1/regions/{regionId}/figures", area: "reports" },
  { method: "GET", path: "/v1/regions/{regionId}/impact-monitor", area: "reports" },
  { method: "GET", path: "/v1/organisations/{organisationId}/impact-monitor", area: "reports" },
  { method: "GET", path: "/v1/reports/{reportId}", area: "reports" },
  { method: "GET", path: "/v1/reports/{reportId}/pdf", area: "reports" },
  { method: "GET", path: "/v1/reports/{reportId}/csv", area: "reports" },
  { method: "GET", path: "/v1/reports/{reportId}/json", area: "reports" },
  { method: "GET", path: "/v1/reports/{reportId}/verify", area: "reports" },
  { method: "POST", path: "/v1/reports/verify-document", area: "reports", public: true },
] as const satisfies readonly RouteDef[];

export const routes: readonly RouteDef[] = ROUTE_LIST;

/** "METHOD /path" of a declared route: handlers name the route they serve with it. */
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}`
  : never;
export type RouteKey = KeyOf<(typeof ROUTE_LIST)[number]>;

/** The path template of a route key: "GET /v1/tenders/{tenderId}" → "/v1/tenders/{tenderId}". */
export type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;

/** Path-parameter names of a path template: "/v1/tenders/{tenderId}" → "tenderId". */
export type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

export const MUTATING_METHODS: readonly Method[] = ["POST", "PUT", "PATCH", "DELETE"];

export const findRoute = (key: string): RouteDef | undefined =>
  routes.find((route) => routeKey(route) === key);

export const paramNamesOf = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** API Gateway's route key, also used by the per-area routers. */
export const routeKey = (route: Pick<RouteDef, "method" | "path">): string => `${route.method} ${route.path}`;

/** The catch-all route (unknown path or method) is served by the platform area. */
export const FALLBACK_ROUTE_KEY = "$default";

export const routesOf = (area: Area): RouteDef[] => routes.filter((r) => r.area === area);

const pattern = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);

/**
 * Literal segments win over parameters, as in API Gateway (/v1/contracts/import before /{id}).
 * Compiled on first use: in Lambda only the `$default` route (404, 405) matches paths.
 */
let compiled: { route: RouteDef; regex: RegExp }[] | undefined;
const compiledRoutes = () =>
  (compiled ??= [...routes]
    .sort((a, b) => paramNamesOf(a.path).length - paramNamesOf(b.path).length)
    .map((route) => ({ route, regex: pattern(route.path) })));

export interface RouteMatch {
  route: RouteDef;
  pathParameters: Record<string, string>;
}

/** A path whose percent-encoding is malformed (%FF, a cut-off %E0%A4%A): no route can match it. */
export function isMalformedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/**
 * Matches a concrete path; `allowed` lists the methods that exist for it (for 405). A malformed
 * path matches nothing and says so (400 rather than 404).
 */
export function matchRoute(
  method: string,
  path: string,
): { match?: RouteMatch; allowed: Method[]; malformed?: true } {
  if (isMalformedPath(path)) return { allowed: [], malformed: true };
  const allowed: Method[] = [];
  let match: RouteMatch | undefined;
  for (const { route, regex } of compiledRoutes()) {
    const found = regex.exec(path);
    if (!found) continue;
    allowed.push(route.method);
    if (route.method === method && !match) {
      const params = Object.fromEntries(
        Object.entries(found.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
      );
      match = { route, pathParameters: params };
    }
  }
  return { match, allowed };
}
