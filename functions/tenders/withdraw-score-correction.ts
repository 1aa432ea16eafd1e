import { endpoint, ok } from "../../lib/http/endpoint.js";
import { scoreCorrectionResponse } from "../../lib/schemas/responses/tenders.js";
import { withdrawCorrection } from "../../lib/tenders/corrections.js";

/** The proposer withdraws a correction that was not applied. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/withdraw",
    audit: "score-correction.withdrawn",
    roles: ["officer"],
    idempotent: true,
    responses: { 200: scoreCorrectionResponse },
  },
  async ({ params, op }) => ok(await withdrawCorrection(op, params.tenderId, params.correctionId)),
);
