import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { loadContract } from "../../lib/sroi/contracts.js";
import { entryToWire, getEntry } from "../../lib/sroi/realisations.js";

export const handler = endpoint({ roles: ROLES }, async ({ params, caller, op }) => {
  const contract = await loadContract(caller, params.contractId!);
  return ok(
    entryToWire(await getEntry(caller, contract.id, params.entryId!), op.now, contract.policy.reviewDays),
  );
});
