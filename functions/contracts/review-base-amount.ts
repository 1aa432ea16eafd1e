import { endpoint, ok } from "../../lib/http/endpoint.js";
import { reviewBaseAmount } from "../../lib/contracts/base-amounts.js";
import { baseAmountToWire, contractToWire, obligationToWire } from "../../lib/contracts/wire.js";
import { reviewSchema } from "../../lib/schemas/contracts.js";

/** An auditor of the region or the buying officer reviews a base amount; accepted, it recomputes the obligation. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/base-amounts/{baseAmountId}/review",
    audit: ["base-amount.accepted", "base-amount.rejected", "contract.obligation-recomputed"],
    roles: ["auditor", "officer"],
    body: reviewSchema,
    problems: { 409: ["conflict", "base-amount-period-taken"], 422: ["contract-settled"] },
    responses: async () => {
      const { baseAmountReviewResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: baseAmountReviewResponse };
    },
  },
  async ({ body, params, op }) => {
    const result = await reviewBaseAmount(op, params.contractId, params.baseAmountId, body);
    return ok({
      baseAmount: baseAmountToWire(result.baseAmount),
      contract: contractToWire(result.contract),
      obligation: result.obligation ? obligationToWire(result.obligation) : null,
    });
  },
);
