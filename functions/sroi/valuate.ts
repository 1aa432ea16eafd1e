import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { valuate } from "../../lib/sroi/stateless.js";
import { valuateSchema } from "../../lib/schemas/sroi.js";

/** Stateless valuation of building-block lines with one catalogue version (lib/domain/sroi/README.md). */
export const handler = endpoint(
  {
    route: "POST /v1/sroi/valuate",
    audit: { none: "a stateless valuation: nothing is stored" },
    roles: ROLES,
    body: valuateSchema,
    problems: { 404: ["not-found"], 422: ["out-of-range"] },
    responses: async () => {
      const { valuationResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 200: valuationResponse };
    },
  },
  async ({ body }) => ok(await valuate(body)),
);
