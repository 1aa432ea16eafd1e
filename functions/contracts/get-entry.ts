import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { loadEntry } from "../../lib/contracts/entries/read.js";
import { entryToWire } from "../../lib/contracts/wire.js";
import { entryResponse } from "../../lib/schemas/responses/contracts.js";

export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/entries/{entryId}",
    roles: ROLES,
    responses: { 200: entryResponse },
  },
  async ({ params, caller, op }) => {
    const { contract, entry } = await loadEntry(caller, params.contractId, params.entryId);
    return ok(entryToWire(entry, op.now, contract.policy.reviewDays));
  },
);
