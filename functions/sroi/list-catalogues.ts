import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listCatalogues } from "../../lib/sroi/rules.js";
import type { CataloguePageResponse } from "../../lib/schemas/responses/sroi.js";
import { listCataloguesQuery } from "../../lib/schemas/sroi.js";

/**
 * Valuation rules are public configuration: any signed-in role reads them. `?regionId=` lists one
 * region's catalogue versions; without it, every region's (by id and version).
 */
export const handler = endpoint(
  {
    route: "GET /v1/sroi/catalogues",
    roles: ROLES,
    query: listCataloguesQuery,
    responses: async () => {
      const { cataloguePageResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 200: cataloguePageResponse };
    },
  },
  async ({ query }) => ok((await listCatalogues(query)) satisfies CataloguePageResponse),
);
