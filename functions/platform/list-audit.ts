import { listAudit } from "../../lib/audit/audit.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { entityRefSchema } from "../../lib/schemas/audit.js";
import { pageQuerySchema } from "../../lib/schemas/common.js";

const query = pageQuerySchema.extend({ entity: entityRefSchema });

/** An entity's trail, oldest first: `?entity=<kind>:<id>`, URL-encoded (bid:<tenderId>/<bidId> …). */
export const handler = endpoint(
  {
    route: "GET /v1/audit",
    roles: ["admin", "auditor"],
    query,
    responses: async () => {
      const { auditPageResponse } = await import("../../lib/schemas/responses/platform.js");
      return { 200: auditPageResponse };
    },
  },
  async ({ query, caller }) => ok(await listAudit(caller, query.entity, query)),
);
