import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { loadContract } from "../../lib/contracts/contract/access.js";
import { contractToWire } from "../../lib/contracts/wire.js";

export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}",
    roles: ROLES,
    responses: async () => {
      const { contractResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: contractResponse };
    },
  },
  async ({ params, caller }) => ok(contractToWire(await loadContract(caller, params.contractId))),
);
