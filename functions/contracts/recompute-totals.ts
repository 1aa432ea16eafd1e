import * as z from "zod";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { recomputeTotals } from "../../lib/contracts/totals/recompute.js";

const query = z.object({ repair: z.enum(["true", "false"]).default("true") }).strict();

/** Admin: recompute the running totals from the entries; repair differences (audited). */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/totals/recompute",
    audit: ["contract.totals-verified", "contract.totals-repaired"],
    roles: ["admin"],
    query,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { recomputeResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: recomputeResponse };
    },
  },
  async ({ params, query, op }) => ok(await recomputeTotals(op, params.contractId, query.repair === "true")),
);
