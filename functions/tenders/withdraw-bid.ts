import { endpoint, ok } from "../../lib/http/endpoint.js";
import { withdrawBid } from "../../lib/tenders/bids.js";

export const handler = endpoint({ roles: ["supplier"] }, async ({ params, op }) =>
  ok(await withdrawBid(op, params.tenderId!, params.bidId!)),
);
