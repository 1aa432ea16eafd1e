import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listOrganisations } from "../../lib/orgs/organisations.js";
import { listOrganisationsQuery } from "../../lib/schemas/orgs.js";

/** Admins list every organisation; auditors the organisations of their own region. */
export const handler = endpoint(
  {
    route: "GET /v1/organisations",
    roles: ["admin", "auditor"],
    query: listOrganisationsQuery,
    responses: async () => {
      const { organisationPageResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 200: organisationPageResponse };
    },
  },
  async ({ query, caller }) =>
    ok(
      await listOrganisations(
        caller.role === "auditor" ? { ...query, regionId: caller.regionId ?? "-" } : query,
      ),
    ),
);
