import { created, endpoint } from "../../lib/http/endpoint.js";
import { reportBaseAmount } from "../../lib/contracts/base-amounts.js";
import { baseAmountToWire } from "../../lib/contracts/wire.js";
import { baseAmountSchema } from "../../lib/schemas/contracts.js";

/** The supplier reports a period's invoiced turnover or wage bill (policies on those bases). */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/base-amounts",
    audit: "base-amount.reported",
    roles: ["supplier"],
    body: baseAmountSchema,
    idempotent: true,
    problems: {
      409: ["base-amount-period-taken"],
      422: ["base-amount-not-needed", "contract-settled", "period-outside-contract"],
    },
    responses: async () => {
      const { baseAmountResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 201: baseAmountResponse };
    },
  },
  async ({ body, params, op }) => {
    const amount = await reportBaseAmount(op, params.contractId, body);
    return created(baseAmountToWire(amount), `/v1/contracts/${amount.contractId}/base-amounts/${amount.id}`);
  },
);
