import type { Endpoint } from "../http/endpoint.js";
import type { AreaRouter } from "../http/router.js";
import { AREAS, type Area } from "../http/routes.js";

/** The same `handler` exports that CDK deploys, one per area, loaded on first use. */
export const areaHandlers: Record<Area, () => Promise<AreaRouter>> = {
  platform: async () => (await import("../../functions/platform/handler.js")).handler,
  orgs: async () => (await import("../../functions/orgs/handler.js")).handler,
  scoring: async () => (await import("../../functions/scoring/handler.js")).handler,
  tenders: async () => (await import("../../functions/tenders/handler.js")).handler,
  sroi: async () => (await import("../../functions/sroi/handler.js")).handler,
  contracts: async () => (await import("../../functions/contracts/handler.js")).handler,
};

/** Every route's endpoint, with the spec it declares (roles, schemas, idempotency, audit). */
export async function loadEndpoints(): Promise<Endpoint[]> {
  const routers = await Promise.all(AREAS.map((area) => areaHandlers[area]()));
  return routers.flatMap((router) => router.endpoints);
}
