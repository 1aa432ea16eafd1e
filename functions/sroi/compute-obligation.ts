import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { obligation } from "../../lib/sroi/stateless.js";
import { obligationRequestSchema } from "../../lib/schemas/sroi.js";

/** Stateless obligation of a (fictitious) contract under a region's policy or an inline one. */
export const handler = endpoint(
  {
    route: "POST /v1/sroi/obligation",
    audit: { none: "a stateless computation: nothing is stored" },
    roles: ROLES,
    body: obligationRequestSchema,
    problems: { 404: ["not-found"], 422: ["out-of-range"] },
    responses: async () => {
      const { obligationResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 200: obligationResponse };
    },
  },
  async ({ body, op }) => ok(await obligation(body, op.now)),
);
