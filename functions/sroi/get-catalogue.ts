import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import type { CatalogueResponse } from "../../lib/schemas/responses/sroi.js";
import { requireCatalogue } from "../../lib/sroi/rules.js";

export const handler = endpoint(
  {
    route: "GET /v1/sroi/catalogues/{catalogueId}/versions/{version}",
    roles: ROLES,
    responses: async () => {
      const { catalogueResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 200: catalogueResponse };
    },
  },
  async ({ params }) =>
    ok((await requireCatalogue(params.catalogueId, params.version)) satisfies CatalogueResponse),
);
