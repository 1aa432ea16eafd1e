import { endpoint, ok } from "../../lib/http/endpoint.js";
import { finaliseAward } from "../../lib/tenders/award.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

/** After the standstill period: the award becomes final and creates the contract (once). */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/award",
    audit: "tender.awarded",
    roles: ["officer"],
    idempotent: true,
    problems: { 409: ["conflict", "evaluation-stale"], 422: ["standstill-running", "no-sroi-policy"] },
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: internalTenderResponse };
    },
  },
  async ({ params, op }) => ok(tenderToWire(await finaliseAward(op, params.tenderId), op.now)),
);
