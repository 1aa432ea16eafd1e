import { endpoint, ok } from "../../lib/http/endpoint.js";
import { amendContract } from "../../lib/contracts/contract/amend.js";
import { contractToWire, obligationToWire } from "../../lib/contracts/wire.js";
import { amendContractSchema } from "../../lib/schemas/contracts.js";

/** Value change or extension: the obligation is recomputed as a new version. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/amendments",
    audit: "contract.amended",
    roles: ["officer"],
    body: amendContractSchema,
    problems: { 409: ["conflict"], 422: ["contract-settled"] },
    responses: async () => {
      const { amendmentResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: amendmentResponse };
    },
  },
  async ({ body, params, op }) => {
    const result = await amendContract(op, params.contractId, body);
    return ok({ contract: contractToWire(result.contract), obligation: obligationToWire(result.obligation) });
  },
);
