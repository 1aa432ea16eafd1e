import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { evaluationQuery } from "../../lib/schemas/tenders.js";
import { readEvaluation } from "../../lib/tenders/evaluation-views.js";

/** One lot's evaluation, read as GET …/evaluation reads the primary lot's. */
export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}/lots/{lotId}/evaluation",
    responses: async () => {
      const { evaluationResponse } = await import("../../lib/schemas/responses/evaluations.js");
      return { 200: evaluationResponse };
    },
    roles: ROLES,
    query: evaluationQuery,
  },
  async ({ params, query, caller }) =>
    ok(await readEvaluation(caller, params.tenderId, query.verify === "true", params.lotId)),
);
