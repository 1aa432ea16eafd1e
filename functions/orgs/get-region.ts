import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { requireRegion } from "../../lib/orgs/organisations.js";

export const handler = endpoint(
  {
    route: "GET /v1/regions/{regionId}",
    roles: ROLES,
    responses: async () => {
      const { regionResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 200: regionResponse };
    },
  },
  async ({ params }) => ok(await requireRegion(params.regionId)),
);
