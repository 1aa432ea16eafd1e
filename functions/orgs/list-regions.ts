import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listRegions } from "../../lib/orgs/organisations.js";
import { pageQuerySchema } from "../../lib/schemas/common.js";

/** Regions and their names are public configuration: any signed-in role may list them. */
export const handler = endpoint(
  {
    route: "GET /v1/regions",
    roles: ROLES,
    query: pageQuerySchema,
    responses: async () => {
      const { regionPageResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 200: regionPageResponse };
    },
  },
  async ({ query }) => ok(await listRegions(query)),
);
