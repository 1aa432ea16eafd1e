import { ROLES } from "../../lib/operation.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { obligationVersions } from "../../lib/contracts/contract/amend.js";
import { obligationToWire } from "../../lib/contracts/wire.js";

export const handler = endpoint(
  {
    route: "GET /v1/contracts/{contractId}/obligations",
    roles: ROLES,
    responses: async () => {
      const { obligationListResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: obligationListResponse };
    },
  },
  async ({ params, caller }) =>
    ok({
      items: (await obligationVersions(caller, params.contractId)).map(obligationToWire),
      nextCursor: null,
    }),
);
