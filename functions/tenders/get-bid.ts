import { endpoint, ok } from "../../lib/http/endpoint.js";
import { getBid } from "../../lib/tenders/bid-views.js";

export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}/bids/{bidId}",
    roles: ["officer", "supplier"],
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { bidReadResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: bidReadResponse };
    },
  },
  async ({ params, caller }) => ok(await getBid(caller, params.tenderId, params.bidId)),
);
