import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listOrganisations } from "../../lib/orgs/organisations.js";
import { listOrganisationsQuery } from "../../lib/schemas/orgs.js";
import { organisationPageResponse } from "../../lib/schemas/responses/orgs.js";

/** Admins list every organisation; auditors the organisations of their own region. */
export const handler = endpoint(
  {
    route: "GET /v1/organisations",
    roles: ["admin", "auditor"],
    query: listOrganisationsQuery,
    responses: { 200: organisationPageResponse },
  },
  async ({ query, caller }) =>
    ok(
      await listOrganisations(
        caller.role === "auditor" ? { ...query, regionId: caller.regionId ?? "-" } : query,
      ),
    ),
);
