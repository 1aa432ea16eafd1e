import { endpoint, ok } from "../../lib/http/endpoint.js";
import { committeeScoresSchema } from "../../lib/schemas/tenders.js";
import { scoreBid } from "../../lib/tenders/committee-scores.js";

/** The evaluation committee's score per criterion, each with a justification. */
export const handler = endpoint(
  {
    route: "PUT /v1/tenders/{tenderId}/bids/{bidId}/scores",
    audit: "bid.scored",
    roles: ["officer"],
    body: committeeScoresSchema,
    problems: { 409: ["conflict", "scores-frozen"] },
    responses: async () => {
      const { committeeScoresResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: committeeScoresResponse };
    },
  },
  async ({ body, params, op }) => ok(await scoreBid(op, params.tenderId, params.bidId, body)),
);
