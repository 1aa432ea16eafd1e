import { created, endpoint } from "../../lib/http/endpoint.js";
import { scoreCorrectionSchema } from "../../lib/schemas/tenders.js";
import { proposeCorrection } from "../../lib/tenders/corrections.js";

/** After the prices were revealed: a change of a bid's frozen committee scores, with a reason, for a second officer to approve. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/score-corrections",
    audit: "score-correction.proposed",
    roles: ["officer"],
    body: scoreCorrectionSchema,
    idempotent: true,
    problems: { 409: ["corrections-closed", "scores-not-frozen"], 422: ["correction-changes-nothing"] },
    responses: async () => {
      const { scoreCorrectionResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 201: scoreCorrectionResponse };
    },
  },
  async ({ body, params, op }) => {
    const correction = await proposeCorrection(op, params.tenderId, body);
    return created(correction, `/v1/tenders/${params.tenderId}/score-corrections/${correction.id}`);
  },
);
