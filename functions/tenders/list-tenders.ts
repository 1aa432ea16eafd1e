import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listTendersQuery } from "../../lib/schemas/tenders.js";
import { findTendersByReference, listTenders, tenderToWire } from "../../lib/tenders/tenders.js";

/** Officers: their municipality's tenders; suppliers: the published ones. `?reference=` finds one by its reference. */
export const handler = endpoint(
  { route: "GET /v1/tenders", roles: ["officer", "supplier"], query: listTendersQuery },
  async ({ query, caller, op }) => {
    const { reference, ...paging } = query;
    const page = reference
      ? await findTendersByReference(caller, reference, paging)
      : await listTenders(caller, paging);
    return ok({ items: page.items.map((t) => tenderToWire(t, op.now)), nextCursor: page.nextCursor });
  },
);
