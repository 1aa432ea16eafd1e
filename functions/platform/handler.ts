import { areaRouter, fallback } from "../../lib/http/router.js";
import { FALLBACK_ROUTE_KEY } from "../../lib/http/routes.js";
import { handler as getHealth } from "./get-health.js";
import { handler as getMe } from "./get-me.js";
import { handler as listAudit } from "./list-audit.js";

export const handler = areaRouter("platform", {
  "GET /v1/health": getHealth,
  "GET /v1/me": getMe,
  "GET /v1/audit": listAudit,
  [FALLBACK_ROUTE_KEY]: fallback,
});
