import { endpoint, ok } from "../../lib/http/endpoint.js";
import { withdrawBid } from "../../lib/tenders/bids.js";

export const handler = endpoint(
  {
    route: "DELETE /v1/tenders/{tenderId}/bids/{bidId}",
    audit: "bid.withdrawn",
    roles: ["supplier"],
    problems: { 409: ["conflict"], 422: ["deadline-passed"] },
    responses: async () => {
      const { bidResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: bidResponse };
    },
  },
  async ({ params, op }) => ok(await withdrawBid(op, params.tenderId, params.bidId)),
);
