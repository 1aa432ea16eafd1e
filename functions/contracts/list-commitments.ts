import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { commitmentToWire } from "../../lib/contracts/wire.js";
import { commitmentVersions } from "../../lib/contracts/contract/commitment.js";

export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/commitments",
    roles: ROLES,
    responses: async () => {
      const { commitmentListResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: commitmentListResponse };
    },
  },
  async ({ params, caller }) =>
    ok({
      items: (await commitmentVersions(caller, params.contractId)).map(commitmentToWire),
      nextCursor: null,
    }),
);
