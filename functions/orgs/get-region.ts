import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { requireRegion } from "../../lib/orgs/organisations.js";
import { regionResponse } from "../../lib/schemas/responses/orgs.js";

export const handler = endpoint(
  { route: "GET /v1/regions/{regionId}", roles: ROLES, responses: { 200: regionResponse } },
  async ({ params }) => ok(await requireRegion(params.regionId)),
);
