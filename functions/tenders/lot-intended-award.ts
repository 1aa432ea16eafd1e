import { endpoint, ok } from "../../lib/http/endpoint.js";
import { intendedAwardSchema } from "../../lib/schemas/tenders.js";
import { recordIntendedAward } from "../../lib/tenders/award.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

/** One lot's intended award, in the order of the lots' ids (409 earlier-lot-pending otherwise). */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/lots/{lotId}/intended-award",
    audit: "tender.award-intended",
    roles: ["officer"],
    body: intendedAwardSchema,
    idempotent: true,
    problems: {
      409: ["conflict", "evaluation-stale", "earlier-lot-pending"],
      422: ["no-eligible-bid", "bid-not-compliant", "max-lots-per-supplier", "award-reason-required"],
    },
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: internalTenderResponse };
    },
  },
  async ({ body, params, op }) =>
    ok(tenderToWire(await recordIntendedAward(op, params.tenderId, body, params.lotId), op.now)),
);
