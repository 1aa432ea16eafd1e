import { created, endpoint } from "../../lib/http/endpoint.js";
import { createRegion } from "../../lib/orgs/organisations.js";
import { createRegionSchema } from "../../lib/schemas/orgs.js";

export const handler = endpoint(
  {
    route: "POST /v1/regions",
    audit: "region.created",
    roles: ["admin"],
    body: createRegionSchema,
    idempotent: true,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { regionResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 201: regionResponse };
    },
  },
  async ({ body, op }) => {
    const region = await createRegion(op, body);
    return created(region, `/v1/regions/${region.id}`);
  },
);
