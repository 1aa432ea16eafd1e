import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listPoolTransfers } from "../../lib/contracts/pooling.js";
import { poolTransferToWire } from "../../lib/contracts/wire.js";
import { pageQuerySchema } from "../../lib/schemas/common.js";

/** The transfers a contract drew ("out") or received ("in"), oldest first. */
export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/pool-transfers",
    roles: ROLES,
    query: pageQuerySchema,
    responses: async () => {
      const { poolTransferPageResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: poolTransferPageResponse };
    },
  },
  async ({ params, query, caller }) => {
    const page = await listPoolTransfers(caller, params.contractId, query);
    return ok({ items: page.items.map(poolTransferToWire), nextCursor: page.nextCursor });
  },
);
