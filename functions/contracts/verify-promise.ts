import { endpoint, ok } from "../../lib/http/endpoint.js";
import { verifyPromise } from "../../lib/contracts/contract/promises.js";
import { contractToWire } from "../../lib/contracts/wire.js";
import { verifyPromiseSchema } from "../../lib/schemas/contracts.js";

/** Verification of a sustainability promise; not met → sanction = factor × advantage gained at award. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/promises/{promiseId}/verification",
    audit: "contract.promise-verified",
    roles: ["officer", "auditor"],
    body: verifyPromiseSchema,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { contractResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: contractResponse };
    },
  },
  async ({ body, params, op }) =>
    ok(contractToWire(await verifyPromise(op, params.contractId, params.promiseId, body))),
);
