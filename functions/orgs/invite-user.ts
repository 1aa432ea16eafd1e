import { created, endpoint } from "../../lib/http/endpoint.js";
import { inviteUser } from "../../lib/orgs/invitations.js";
import { inviteUserSchema } from "../../lib/schemas/invitations.js";

export const handler = endpoint(
  {
    route: "POST /v1/organisations/{organisationId}/users",
    audit: "organisation.user-invited",
    roles: ["admin"],
    body: inviteUserSchema,
    idempotent: true,
    problems: { 409: ["user-exists"], 422: ["no-user-directory"] },
    responses: async () => {
      const { invitationResponse } = await import("../../lib/schemas/invitations.js");
      return { 201: invitationResponse };
    },
  },
  async ({ body, params, op }) => {
    const invitation = await inviteUser(op, params.organisationId, body.email);
    return created(invitation, `/v1/organisations/${invitation.organisationId}`);
  },
);
