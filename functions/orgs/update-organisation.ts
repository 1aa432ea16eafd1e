import { endpoint, ok } from "../../lib/http/endpoint.js";
import { renameOrganisation } from "../../lib/orgs/organisations.js";
import { updateOrganisationSchema } from "../../lib/schemas/orgs.js";
import { organisationResponse } from "../../lib/schemas/responses/orgs.js";

export const handler = endpoint(
  {
    route: "PATCH /v1/organisations/{organisationId}",
    audit: "organisation.renamed",
    roles: ["admin"],
    body: updateOrganisationSchema,
    responses: { 200: organisationResponse },
  },
  async ({ body, params, op }) => ok(await renameOrganisation(op, params.organisationId, body)),
);
