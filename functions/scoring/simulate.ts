import { ROLES } from "../../lib/operation.js";
import { endpoint, JsonText, ok } from "../../lib/http/endpoint.js";
import { simulate } from "../../lib/scoring/simulate.js";
import { simulateRequestSchema } from "../../lib/schemas/scoring.js";

/** What-if scoring for any signed-in role; nothing is stored. */
export const handler = endpoint(
  {
    route: "POST /v1/scoring/simulate",
    audit: { none: "a what-if on fictitious bids: nothing is stored" },
    roles: ROLES,
    body: simulateRequestSchema,
    problems: {
      422: [
        "too-many-bids",
        "too-many-criteria",
        "corrected-price-not-positive",
        "out-of-range",
        "result-too-large",
      ],
    },
    responses: async () => {
      const { scoringResultResponse } = await import("../../lib/schemas/responses/scoring-result.js");
      return { 200: scoringResultResponse };
    },
  },
  async ({ body }) => ok(new JsonText(await simulate(body))),
);
