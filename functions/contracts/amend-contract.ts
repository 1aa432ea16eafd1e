import { endpoint, ok } from "../../lib/http/endpoint.js";
import { amendContract } from "../../lib/contracts/contract/amend.js";
import { contractToWire, obligationToWire } from "../../lib/contracts/wire.js";
import { amendContractSchema } from "../../lib/schemas/contracts.js";
import { amendmentResponse } from "../../lib/schemas/responses/contracts.js";

/** Value change or extension: the obligation is recomputed as a new version. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/amendments",
    audit: "contract.amended",
    roles: ["officer"],
    body: amendContractSchema,
    responses: { 200: amendmentResponse },
  },
  async ({ body, params, op }) => {
    const result = await amendContract(op, params.contractId, body);
    return ok({ contract: contractToWire(result.contract), obligation: obligationToWire(result.obligation) });
  },
);
