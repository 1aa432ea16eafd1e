import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listContractsWithBalances } from "../../lib/contracts/list.js";
import { contractToWire } from "../../lib/contracts/wire.js";
import { listContractsQuery } from "../../lib/schemas/contracts.js";

/**
 * A supplier's own contracts, an officer's municipality contracts, an auditor's region contracts,
 * each with its balance, at a constant number of DynamoDB calls per page. `status` filters the page
 * after it is read (a filtered page may hold fewer than `limit`; see listContractsWithBalances).
 */
export const handler = endpoint(
  {
    route: "GET /v1/contracts",
    roles: ["officer", "supplier", "auditor"],
    query: listContractsQuery,
    responses: async () => {
      const { contractListResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: contractListResponse };
    },
  },
  async ({ query, op }) => {
    const page = await listContractsWithBalances(op, query);
    return ok({
      items: page.items.map(({ contract, balance }) => ({ ...contractToWire(contract), balance })),
      nextCursor: page.nextCursor,
    });
  },
);
