import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listTendersQuery } from "../../lib/schemas/tenders.js";
import { listTenders, tenderToWire } from "../../lib/tenders/tenders.js";

/** Officers: their municipality's tenders; suppliers: the published ones. */
export const handler = endpoint(
  { route: "GET /v1/tenders", roles: ["officer", "supplier"], query: listTendersQuery },
  async ({ query, caller, op }) => {
    const page = await listTenders(caller, query);
    return ok({ items: page.items.map((t) => tenderToWire(t, op.now)), nextCursor: page.nextCursor });
  },
);
