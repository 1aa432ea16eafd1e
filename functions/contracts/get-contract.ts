import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { contractToWire, loadContract } from "../../lib/sroi/contracts.js";

export const handler = endpoint(
  { route: "GET /v1/contracts/{contractId}", roles: ROLES },
  async ({ params, caller }) => ok(contractToWire(await loadContract(caller, params.contractId!))),
);
