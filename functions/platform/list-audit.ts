import { z } from "zod";
import { listAudit } from "../../lib/audit/audit.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { pageQuerySchema } from "../../lib/schemas/common.js";

const query = pageQuerySchema.extend({
  entity: z
    .string()
    .max(200)
    .regex(/^[a-z-]+:[A-Za-z0-9_-]+$/, "an entity reference like tender:abc123"),
});

export const handler = endpoint({ roles: ["admin", "auditor"], query }, async ({ query, caller }) =>
  ok(await listAudit(caller, query.entity, query)),
);
