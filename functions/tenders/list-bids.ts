import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listBids } from "../../lib/tenders/bid-views.js";

/** Suppliers: their own bid. Officers: a count until the bids are opened, then the bids. */
export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}/bids",
    roles: ["officer", "supplier"],
    responses: async () => {
      const { bidListResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: bidListResponse };
    },
  },
  async ({ params, caller }) => ok(await listBids(caller, params.tenderId)),
);
