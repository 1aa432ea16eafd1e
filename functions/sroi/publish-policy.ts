import { created, endpoint } from "../../lib/http/endpoint.js";
import { policyFromWire, policyToWire, publishPolicy } from "../../lib/sroi/rules.js";
import { policyBodySchema } from "../../lib/schemas/sroi.js";

/** An auditor of the region publishes a new policy version (old versions stay readable). */
export const handler = endpoint(
  {
    route: "POST /v1/sroi/policies/{regionId}",
    audit: "sroi-policy.published",
    roles: ["auditor"],
    body: policyBodySchema,
    idempotent: true,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { policyResponse } = await import("../../lib/schemas/responses/sroi.js");
      return { 201: policyResponse };
    },
  },
  async ({ body, params, op }) => {
    const policy = await publishPolicy(op, params.regionId, policyFromWire(body));
    return created(policyToWire(policy), `/v1/sroi/policies/${policy.regionId}`);
  },
);
