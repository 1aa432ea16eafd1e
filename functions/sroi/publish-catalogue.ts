import { created, endpoint } from "../../lib/http/endpoint.js";
import { publishCatalogue } from "../../lib/sroi/rules.js";
import type { CatalogueResponse } from "../../lib/schemas/responses/sroi.js";
import { createCatalogueSchema } from "../../lib/schemas/sroi.js";

/** An auditor publishes a new (immutable) catalogue version for the region. */
export const handler = endpoint(
  {
    route: "POST /v1/sroi/catalogues",
    audit: "sroi-catalogue.published",
    roles: ["auditor"],
    body: createCatalogueSchema,
    idempotent: true,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { catalogueResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 201: catalogueResponse };
    },
  },
  async ({ body, op }) => {
    const catalogue: CatalogueResponse = await publishCatalogue(op, body);
    return created(
      catalogue,
      `/v1/sroi/catalogues/${catalogue.id}/versions/${encodeURIComponent(catalogue.version)}`,
    );
  },
);
