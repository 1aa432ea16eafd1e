import { created, endpoint } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { evaluateTender } from "../../lib/tenders/evaluation.js";

/** Scores the stored bids and committee scores; stores the result with its input digest. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/evaluation",
    audit: "tender.evaluated",
    roles: ["officer"],
    idempotent: true,
  },
  async ({ params, op }) => {
    const evaluation = await evaluateTender(op, params.tenderId);
    countEvent("evaluationRun");
    return created(
      {
        tenderId: evaluation.tenderId,
        at: evaluation.at,
        by: evaluation.by,
        ...evaluation.result,
        amendedAfterPriceReveal: evaluation.amendedAfterPriceReveal,
        corrections: evaluation.corrections,
      },
      `/v1/tenders/${params.tenderId}/evaluation`,
    );
  },
);
