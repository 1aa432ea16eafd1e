import { areaRouter } from "../../lib/http/router.js";

/** Also serves API Gateway's `$default` route: unknown paths and methods (404, 405). */
export const handler = areaRouter("platform", {
  "GET /v1/health": () => import("./get-health.js"),
  "GET /v1/openapi.json": () => import("./get-openapi.js"),
  "GET /v1/me": () => import("./get-me.js"),
  "GET /v1/audit": () => import("./list-audit.js"),
});
