import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listScoreCorrectionsQuery } from "../../lib/schemas/tenders.js";
import { listCorrections } from "../../lib/tenders/corrections.js";

/** The buying municipality's officers: every proposed, applied or withdrawn score correction. */
export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}/score-corrections",
    roles: ["officer"],
    query: listScoreCorrectionsQuery,
    responses: async () => {
      const { scoreCorrectionPageResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: scoreCorrectionPageResponse };
    },
  },
  async ({ params, query, caller }) => ok(await listCorrections(caller, params.tenderId, query)),
);
