import { endpoint, ok } from "../../lib/http/endpoint.js";
import { updateTenderSchema } from "../../lib/schemas/tenders.js";
import { updateDraft } from "../../lib/tenders/tender-lifecycle.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

/** Edits a draft; `version` guards against lost updates (stale → 409). */
export const handler = endpoint(
  {
    route: "PATCH /v1/tenders/{tenderId}",
    audit: "tender.updated",
    roles: ["officer"],
    body: updateTenderSchema,
    problems: { 409: ["conflict"], 422: ["standstill-too-short", "too-many-criteria"] },
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: internalTenderResponse };
    },
  },
  async ({ body, params, op }) => ok(tenderToWire(await updateDraft(op, params.tenderId, body), op.now)),
);
