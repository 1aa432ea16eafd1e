import type { Endpoint } from "../lib/http/endpoint.js";
import type { AreaRouter } from "../lib/http/router.js";
import { AREAS, type Area } from "../lib/http/routes.js";
import { dispatcher, startHttpServer as serve } from "../lib/local/server.js";

/**
 * The local composition root: the same `handler` exports that CDK deploys, one per area, loaded on
 * first use, wired into the local HTTP server. It lives beside the handlers it composes, so the
 * library code under lib/ never imports functions/.
 */
export const areaHandlers: Record<Area, () => Promise<AreaRouter>> = {
  platform: async () => (await import("./platform/handler.js")).handler,
  orgs: async () => (await import("./orgs/handler.js")).handler,
  scoring: async () => (await import("./scoring/handler.js")).handler,
  tenders: async () => (await import("./tenders/handler.js")).handler,
  sroi: async () => (await import("./sroi/handler.js")).handler,
  contracts: async () => (await import("./contracts/handler.js")).handler,
  reports: async () => (await import("./reports/handler.js")).handler,
};

/** Every route's endpoint, with the spec it declares (roles, schemas, idempotency, audit). */
export async function loadEndpoints(): Promise<Endpoint[]> {
  const routers = await Promise.all(AREAS.map((area) => areaHandlers[area]()));
  return (await Promise.all(routers.map((router) => router.loadEndpoints()))).flat();
}

/** Invokes the deployed handler export of the request's area, as API Gateway would. */
export const invoke = dispatcher(areaHandlers);

/** The local API on every route of the route list, dispatched to the deployed handler exports. */
export const startHttpServer = (options: { port: number; host?: string; log?: (line: string) => void }) =>
  serve({ ...options, invoke });
