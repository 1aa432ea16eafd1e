import { endpoint, ok } from "../../lib/http/endpoint.js";
import { tenderPageResponse } from "../../lib/schemas/responses/tenders.js";
import { listTendersQuery } from "../../lib/schemas/tenders.js";
import { listTenderViews } from "../../lib/tenders/disclosure.js";

/** Officers: their municipality's tenders; suppliers: the published ones. `?reference=` finds one by its reference. */
export const handler = endpoint(
  {
    route: "GET /v1/tenders",
    roles: ["officer", "supplier"],
    query: listTendersQuery,
    responses: { 200: tenderPageResponse },
  },
  async ({ query, caller, op }) => ok(await listTenderViews(caller, query, op.now)),
);
