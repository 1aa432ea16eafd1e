import { areaRouter } from "../../lib/http/router.js";
import { handler as getHealth } from "./get-health.js";
import { handler as getMe } from "./get-me.js";
import { handler as listAudit } from "./list-audit.js";

/** Also serves API Gateway's `$default` route: unknown paths and methods (404, 405). */
export const handler = areaRouter("platform", [getHealth, getMe, listAudit]);
