import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listBaseAmounts } from "../../lib/contracts/base-amounts.js";
import { baseAmountToWire } from "../../lib/contracts/wire.js";
import { pageQuerySchema } from "../../lib/schemas/common.js";

/** A contract's reported base amounts, by period. */
export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/base-amounts",
    roles: ROLES,
    query: pageQuerySchema,
    responses: async () => {
      const { baseAmountPageResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: baseAmountPageResponse };
    },
  },
  async ({ params, query, caller }) => {
    const page = await listBaseAmounts(caller, params.contractId, query);
    return ok({ items: page.items.map(baseAmountToWire), nextCursor: page.nextCursor });
  },
);
