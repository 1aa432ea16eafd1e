import { endpoint, ok } from "../../lib/http/endpoint.js";
import { publishTenderSchema } from "../../lib/schemas/tenders.js";
import { publishTender } from "../../lib/tenders/tender-lifecycle.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

/** Validates and freezes the award model (table versions pinned); the deadline must lie in the future. */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/publish",
    audit: "tender.published",
    roles: ["officer"],
    body: publishTenderSchema,
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: internalTenderResponse };
    },
  },
  async ({ body, params, op }) =>
    ok(tenderToWire(await publishTender(op, params.tenderId, body?.version), op.now)),
);
