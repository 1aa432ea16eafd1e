import { endpoint, ok } from "../../lib/http/endpoint.js";
import { cancelTenderSchema } from "../../lib/schemas/tenders.js";
import { cancelTender } from "../../lib/tenders/tender-lifecycle.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/cancel",
    audit: "tender.cancelled",
    roles: ["officer"],
    body: cancelTenderSchema,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: internalTenderResponse };
    },
  },
  async ({ body, params, op }) =>
    ok(tenderToWire(await cancelTender(op, params.tenderId, body.reason), op.now)),
);
