import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import type { MeResponse } from "../../lib/schemas/responses/platform.js";

export const handler = endpoint(
  {
    route: "GET /v1/me",
    roles: ROLES,
    responses: async () => {
      const { meResponse } = await import("../../lib/schemas/responses/platform.js");
      return { 200: meResponse };
    },
  },
  async ({ caller }) =>
    ok({
      sub: caller.sub,
      role: caller.role,
      organisation: caller.organisation,
      regionId: caller.regionId,
    } satisfies MeResponse),
);
