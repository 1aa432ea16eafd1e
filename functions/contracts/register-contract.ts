import { created, endpoint } from "../../lib/http/endpoint.js";
import { registerContract } from "../../lib/contracts/contract/register.js";
import { contractToWire } from "../../lib/contracts/wire.js";
import { registerContractSchema } from "../../lib/schemas/contracts.js";

/** An officer registers a contract awarded elsewhere; the obligation follows from the region's policy. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts",
    audit: "contract.created",
    roles: ["officer"],
    body: registerContractSchema,
    idempotent: true,
    problems: { 409: ["conflict"], 422: ["no-sroi-policy"] },
    responses: async () => {
      const { contractResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 201: contractResponse };
    },
  },
  async ({ body, op }) => {
    const contract = await registerContract(op, body);
    return created(contractToWire(contract), `/v1/contracts/${contract.id}`);
  },
);
