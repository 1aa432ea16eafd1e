import { NotFound } from "../../lib/domain/errors.js";
import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { getOrganisation } from "../../lib/orgs/organisations.js";

/** Admins read any organisation, auditors those of their region, everyone else only their own (else 404). */
export const handler = endpoint(
  {
    route: "GET /v1/organisations/{organisationId}",
    roles: ROLES,
    responses: async () => {
      const { organisationResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 200: organisationResponse };
    },
  },
  async ({ params, caller }) => {
    const organisation = await getOrganisation(params.organisationId);
    const visible =
      organisation &&
      (caller.role === "admin" ||
        organisation.id === caller.orgId ||
        (caller.role === "auditor" && organisation.regionId === caller.regionId));
    if (!visible) throw new NotFound("organisation");
    return ok(organisation);
  },
);
