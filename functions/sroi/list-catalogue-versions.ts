import { NotFound } from "../../lib/domain/errors.js";
import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import type { CataloguePageResponse } from "../../lib/schemas/responses/sroi.js";
import { catalogueVersions } from "../../lib/sroi/rules.js";

export const handler = endpoint(
  {
    route: "GET /v1/sroi/catalogues/{catalogueId}/versions",
    roles: ROLES,
    responses: async () => {
      const { cataloguePageResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 200: cataloguePageResponse };
    },
  },
  async ({ params }) => {
    const versions = await catalogueVersions(params.catalogueId);
    if (!versions.length) throw new NotFound("catalogue");
    return ok({ items: versions, nextCursor: null } satisfies CataloguePageResponse);
  },
);
