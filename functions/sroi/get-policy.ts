import { NotFound } from "../../lib/domain/errors.js";
import { catalogueInForce } from "../../lib/domain/sroi/catalogue.js";
import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import type { PolicyVersionsResponse } from "../../lib/schemas/responses/sroi.js";
import { policyToWire, policyVersions } from "../../lib/sroi/rules.js";

/** The region's policy versions and the one in force today. */
export const handler = endpoint(
  {
    route: "GET /v1/sroi/policies/{regionId}",
    roles: ROLES,
    responses: async () => {
      const { policyVersionsResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 200: policyVersionsResponse };
    },
  },
  async ({ params, op }) => {
    const versions = await policyVersions(params.regionId);
    if (!versions.length) throw new NotFound("policy");
    const current = catalogueInForce(versions, op.now.toISOString().slice(0, 10));
    return ok({
      current: current ? policyToWire(current) : null,
      versions: versions.map(policyToWire),
    } satisfies PolicyVersionsResponse);
  },
);
