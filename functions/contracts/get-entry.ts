import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { loadEntry } from "../../lib/contracts/entries/read.js";
import { entryToWire } from "../../lib/contracts/wire.js";

export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/entries/{entryId}",
    roles: ROLES,
    responses: async () => {
      const { entryResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 200: entryResponse };
    },
  },
  async ({ params, caller, op }) => {
    const { contract, entry } = await loadEntry(caller, params.contractId, params.entryId);
    return ok(entryToWire(entry, op.now, contract.policy.reviewDays));
  },
);
