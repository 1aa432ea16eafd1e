import { endpoint, ok } from "../../lib/http/endpoint.js";
import { withdrawCorrection } from "../../lib/tenders/corrections.js";

/** The proposer withdraws a correction that was not applied. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/withdraw",
    audit: "score-correction.withdrawn",
    roles: ["officer"],
    idempotent: true,
    problems: { 409: ["correction-applied"] },
    responses: async () => {
      const { scoreCorrectionResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: scoreCorrectionResponse };
    },
  },
  async ({ params, op }) => ok(await withdrawCorrection(op, params.tenderId, params.correctionId)),
);
