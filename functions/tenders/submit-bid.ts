import { created, endpoint } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { submitBidSchema } from "../../lib/schemas/tenders.js";
import { submitBid } from "../../lib/tenders/bids.js";

/** A supplier's sealed bid, before the deadline (at or after it → 422). */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/bids",
    audit: "bid.submitted",
    roles: ["supplier"],
    body: submitBidSchema,
    idempotent: true,
    problems: {
      409: ["conflict"],
      422: ["deadline-passed", "too-many-bids", "corrected-price-not-positive", "out-of-range"],
    },
    responses: async () => {
      const { bidResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 201: bidResponse };
    },
  },
  async ({ body, params, op }) => {
    const bid = await submitBid(op, params.tenderId, body);
    countEvent("bidSubmitted");
    return created(bid, `/v1/tenders/${params.tenderId}/bids/${bid.bidId}`);
  },
);
