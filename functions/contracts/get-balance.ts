import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { balanceOf } from "../../lib/contracts/balance.js";

/** Constant cost: the contract document and its running-totals rows, however many entries exist. */
export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/balance",
    roles: ROLES,
    responses: async () => {
      const { balanceResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: balanceResponse };
    },
  },
  async ({ params, op }) => ok(await balanceOf(op, params.contractId)),
);
