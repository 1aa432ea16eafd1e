import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listReferenceTables } from "../../lib/scoring/reference-tables.js";
import type { ReferenceTablePageResponse } from "../../lib/schemas/responses/scoring.js";
import { listReferenceTablesQuery } from "../../lib/schemas/scoring.js";

/** Every version of the price-correction tables, with sources; readable by every role. */
export const handler = endpoint(
  {
    route: "GET /v1/reference-tables",
    roles: ROLES,
    query: listReferenceTablesQuery,
    responses: async () => {
      const { referenceTablePageResponse } = await import("../../lib/schemas/responses/scoring.js");
      return { 200: referenceTablePageResponse };
    },
  },
  async ({ query }) => ok((await listReferenceTables(query)) satisfies ReferenceTablePageResponse),
);
