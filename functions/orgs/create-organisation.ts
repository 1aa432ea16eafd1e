import { created, endpoint } from "../../lib/http/endpoint.js";
import { createOrganisation } from "../../lib/orgs/organisations.js";
import { createOrganisationSchema } from "../../lib/schemas/orgs.js";

export const handler = endpoint(
  {
    route: "POST /v1/organisations",
    audit: "organisation.created",
    roles: ["admin"],
    body: createOrganisationSchema,
    idempotent: true,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { organisationResponse } = await import("../../lib/schemas/responses/orgs.js");
      return { 201: organisationResponse };
    },
  },
  async ({ body, op }) => {
    const organisation = await createOrganisation(op, body);
    return created(organisation, `/v1/organisations/${organisation.id}`);
  },
);
