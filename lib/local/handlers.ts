import type { HttpHandler } from "../http/endpoint.js";
import type { Area } from "../http/routes.js";

/** The same `handler` exports that CDK deploys, one per area, loaded on first use. */
export const areaHandlers: Record<Area, () => Promise<HttpHandler>> = {
  platform: async () => (await import("../../functions/platform/handler.js")).handler,
  orgs: async () => (await import("../../functions/orgs/handler.js")).handler,
  scoring: async () => (await import("../../functions/scoring/handler.js")).handler,
  tenders: async () => (await import("../../functions/tenders/handler.js")).handler,
  sroi: async () => (await import("../../functions/sroi/handler.js")).handler,
  contracts: async () => (await import("../../functions/contracts/handler.js")).handler,
};
