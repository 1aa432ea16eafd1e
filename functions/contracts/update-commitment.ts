import { endpoint, ok } from "../../lib/http/endpoint.js";
import { updateCommitment } from "../../lib/contracts/contract/commitment.js";
import { commitmentToWire, contractToWire } from "../../lib/contracts/wire.js";
import { updateCommitmentSchema } from "../../lib/schemas/contracts.js";

/** The officer edits the agreed plan of approach; each edit is a new version with its author. */
export const handler = endpoint(
  {
    route: "PUT /v1/contracts/{contractId}/commitment",
    audit: "contract.commitment-updated",
    roles: ["officer"],
    body: updateCommitmentSchema,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { commitmentUpdateResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: commitmentUpdateResponse };
    },
  },
  async ({ body, params, op }) => {
    const result = await updateCommitment(op, params.contractId, body);
    return ok({ contract: contractToWire(result.contract), commitment: commitmentToWire(result.commitment) });
  },
);
