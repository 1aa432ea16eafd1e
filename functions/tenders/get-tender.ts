import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { loadTender, tenderToWire } from "../../lib/tenders/tenders.js";

export const handler = endpoint(
  { route: "GET /v1/tenders/{tenderId}", roles: ROLES },
  async ({ params, caller, op }) => ok(tenderToWire(await loadTender(caller, params.tenderId!), op.now)),
);
