import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { evaluationQuery } from "../../lib/schemas/tenders.js";
import { readEvaluation } from "../../lib/tenders/evaluation-views.js";

/**
 * Officers, auditors, admins: the whole result as stored (`?verify=true`: recomputed and compared).
 * Bidders, after the intended award: their own and the winner's scores.
 */
export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}/evaluation",
    responses: async () => {
      const { evaluationResponse } = await import("../../lib/schemas/responses/evaluations.js");
      return { 200: evaluationResponse };
    },
    roles: ROLES,
    query: evaluationQuery,
  },
  async ({ params, query, caller }) =>
    ok(await readEvaluation(caller, params.tenderId, query.verify === "true")),
);
