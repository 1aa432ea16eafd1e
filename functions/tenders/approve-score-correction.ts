import { endpoint, ok } from "../../lib/http/endpoint.js";
import { approveCorrection } from "../../lib/tenders/corrections.js";

/** A second officer of the buying municipality approves a proposed correction; the bid's scores change. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/approve",
    audit: "score-correction.applied",
    roles: ["officer"],
    idempotent: true,
    problems: {
      409: [
        "conflict",
        "correction-applied",
        "correction-withdrawn",
        "correction-outdated",
        "corrections-closed",
        "scores-not-frozen",
      ],
    },
    responses: async () => {
      const { scoreCorrectionResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: scoreCorrectionResponse };
    },
  },
  async ({ params, op }) => ok(await approveCorrection(op, params.tenderId, params.correctionId)),
);
