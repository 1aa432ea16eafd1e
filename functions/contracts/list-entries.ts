import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listEntries } from "../../lib/contracts/entries/read.js";
import { entryToWire } from "../../lib/contracts/wire.js";
import { listEntriesQuery } from "../../lib/schemas/contracts.js";

/** Entries of a contract, oldest first; submitted entries pending longer than the policy's limit are flagged `overdue`. */
export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/entries",
    roles: ROLES,
    query: listEntriesQuery,
    responses: async () => {
      const { entryListResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 200: entryListResponse };
    },
  },
  async ({ params, query, caller, op }) => {
    const page = await listEntries(caller, params.contractId, query);
    return ok({
      items: page.items.map((e) => entryToWire(e, op.now, page.contract.policy.reviewDays)),
      nextCursor: page.nextCursor,
    });
  },
);
