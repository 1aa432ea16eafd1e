import { endpoint, ok } from "../../lib/http/endpoint.js";
import { pseudonymiseContract } from "../../lib/contracts/retention.js";

/** Admin: after the retention period, replace candidate references with neutral ones (figures stay). */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/retention",
    audit: "contract.candidate-references-replaced",
    roles: ["admin"],
    problems: { 409: ["conflict"], 422: ["retention-running"] },
    responses: async () => {
      const { retentionResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: retentionResponse };
    },
  },
  async ({ params, op }) => ok(await pseudonymiseContract(op, params.contractId)),
);
