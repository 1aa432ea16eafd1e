import { endpoint, ok } from "../../lib/http/endpoint.js";
import { updateOrganisation } from "../../lib/orgs/organisations.js";
import { updateOrganisationSchema } from "../../lib/schemas/orgs.js";

export const handler = endpoint(
  {
    route: "PATCH /v1/organisations/{organisationId}",
    audit: "organisation.updated",
    roles: ["admin"],
    body: updateOrganisationSchema,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { organisationResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 200: organisationResponse };
    },
  },
  async ({ body, params, op }) => ok(await updateOrganisation(op, params.organisationId, body)),
);
