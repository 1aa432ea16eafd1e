import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listTendersQuery } from "../../lib/schemas/tenders.js";
import { listTenderViews } from "../../lib/tenders/disclosure.js";

/** Officers: their municipality's tenders; suppliers: the published ones. `?reference=` finds one by its reference. */
export const handler = endpoint(
  {
    route: "GET /v1/tenders",
    roles: ["officer", "supplier"],
    query: listTendersQuery,
    responses: async () => {
      const { tenderPageResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: tenderPageResponse };
    },
  },
  async ({ query, caller, op }) => ok(await listTenderViews(caller, query, op.now)),
);
