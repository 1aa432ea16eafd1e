import type { AreaRouter } from "../lib/http/router.js";
import type { Area } from "../lib/http/routes.js";

/**
 * Each area's deployed `handler` export, loaded on first use: the local server dispatches to them,
 * and the console calls them in-process as its API.
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
