import { endpoint, ok } from "../../lib/http/endpoint.js";
import { openBids } from "../../lib/tenders/committee-scores.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/open",
    audit: "tender.opened",
    roles: ["officer"],
    problems: { 409: ["conflict"], 422: ["deadline-not-passed"] },
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: internalTenderResponse };
    },
  },
  async ({ params, op }) => ok(tenderToWire(await openBids(op, params.tenderId), op.now)),
);
