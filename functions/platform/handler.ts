import { areaRouter } from "../../lib/http/router.js";

/** Also serves API Gateway's `$default` route: unknown paths and methods (404, 405). */
export const handler = areaRouter("platform", {
  "GET /v1/health": () => import("./get-health.js"),
  "GET /v1/openapi.json": () => import("./get-openapi.js"),
  "GET /v1/me": () => import("./get-me.js"),
  "GET /v1/audit": () => import("./list-audit.js"),
  "GET /v1/docs": () => import("./get-api-reference.js"),
  "GET /v1/docs/redoc.standalone.js": () => import("./get-redoc-script.js"),
  "GET /v1/docs/redoc.standalone.js.LICENSE.txt": () => import("./get-redoc-notices.js"),
});
