import { endpoint, ok } from "../../lib/http/endpoint.js";
import { replaceBidSchema } from "../../lib/schemas/tenders.js";
import { replaceBid } from "../../lib/tenders/bids.js";

export const handler = endpoint(
  {
    route: "PUT /v1/tenders/{tenderId}/bids/{bidId}",
    audit: "bid.replaced",
    roles: ["supplier"],
    body: replaceBidSchema,
    problems: { 409: ["conflict"], 422: ["deadline-passed", "corrected-price-not-positive", "out-of-range"] },
    responses: async () => {
      const { bidResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: bidResponse };
    },
  },
  async ({ body, params, op }) => ok(await replaceBid(op, params.tenderId, params.bidId, body)),
);
