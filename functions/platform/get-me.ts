import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";

export const handler = endpoint({ route: "GET /v1/me", roles: ROLES }, async ({ caller }) =>
  ok({ sub: caller.sub, role: caller.role, organisation: caller.organisation, regionId: caller.regionId }),
);
