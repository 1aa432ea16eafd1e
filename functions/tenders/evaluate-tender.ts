import { created, endpoint } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { evaluateTender } from "../../lib/tenders/evaluation.js";
import { evaluationRunToWire } from "../../lib/tenders/evaluation-views.js";

/** Scores the stored bids and committee scores; stores the result with its input digest. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/evaluation",
    audit: "tender.evaluated",
    roles: ["officer"],
    idempotent: true,
    problems: { 409: ["conflict"], 422: ["quality-not-scored"] },
    responses: async () => {
      const { evaluationRunResponse } = await import("../../lib/schemas/responses/evaluations.js");
      return { 201: evaluationRunResponse };
    },
  },
  async ({ params, op }) => {
    const evaluation = await evaluateTender(op, params.tenderId);
    countEvent("evaluationRun");
    return created(evaluationRunToWire(evaluation), `/v1/tenders/${params.tenderId}/evaluation`);
  },
);
