import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { requireCatalogue } from "../../lib/sroi/rules.js";

export const handler = endpoint(
  { route: "GET /v1/sroi/catalogues/{catalogueId}/versions/{version}", roles: ROLES },
  async ({ params }) => ok(await requireCatalogue(params.catalogueId, params.version)),
);
