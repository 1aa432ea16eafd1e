import { endpoint, ok } from "../../lib/http/endpoint.js";
import { balanceFor } from "../../lib/contracts/balance.js";
import { listContractsFor } from "../../lib/contracts/contract/access.js";
import { contractToWire } from "../../lib/contracts/wire.js";
import { listContractsQuery } from "../../lib/schemas/contracts.js";

/**
 * A supplier's own contracts, an officer's municipality contracts, an auditor's region contracts,
 * each with its balance. `status` filters the page (a filtered page may hold fewer than `limit`).
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
  async ({ query, caller, op }) => {
    const page = await listContractsFor(caller, { limit: query.limit, cursor: query.cursor });
    const items = await Promise.all(
      page.items.map(async (c) => ({ ...contractToWire(c), balance: await balanceFor(op, c) })),
    );
    return ok({
      items: query.status ? items.filter((i) => i.balance.status === query.status) : items,
      nextCursor: page.nextCursor,
    });
  },
);
