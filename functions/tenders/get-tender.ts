import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { readTender } from "../../lib/tenders/disclosure.js";

export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}",
    responses: async () => {
      const { tenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: tenderResponse };
    },
    roles: ROLES,
  },
  async ({ params, caller, op }) => ok(await readTender(caller, params.tenderId, op.now)),
);
