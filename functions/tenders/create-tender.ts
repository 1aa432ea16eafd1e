import { created, endpoint } from "../../lib/http/endpoint.js";
import { createTenderSchema } from "../../lib/schemas/tenders.js";
import { createTender } from "../../lib/tenders/tender-lifecycle.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

export const handler = endpoint(
  {
    route: "POST /v1/tenders",
    audit: "tender.created",
    roles: ["officer"],
    body: createTenderSchema,
    idempotent: true,
    problems: { 422: ["standstill-too-short", "too-many-criteria"] },
    responses: async () => {
      const { internalTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 201: internalTenderResponse };
    },
  },
  async ({ body, op }) => {
    const tender = await createTender(op, body);
    return created(tenderToWire(tender, op.now), `/v1/tenders/${tender.id}`);
  },
);
