import { endpoint, ok } from "../../lib/http/endpoint.js";
import { settleContract } from "../../lib/contracts/settlement.js";
import { contractToWire } from "../../lib/contracts/wire.js";
import { settlementSchema } from "../../lib/schemas/contracts.js";

/** After the end and the recovery period: withheld, invoiced, or waived (supplier not at fault). */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/settlement",
    audit: "contract.settled",
    roles: ["officer"],
    body: settlementSchema,
    problems: { 409: ["conflict"], 422: ["contract-running", "recovery-period", "totals-unverified"] },
    responses: async () => {
      const { contractResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: contractResponse };
    },
  },
  async ({ body, params, op }) => ok(contractToWire(await settleContract(op, params.contractId, body))),
);
