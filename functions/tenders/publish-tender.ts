import { endpoint, ok } from "../../lib/http/endpoint.js";
import { publishTenderSchema } from "../../lib/schemas/tenders.js";
import { publicationWarnings } from "../../lib/tenders/procedure-rules.js";
import { publishTender } from "../../lib/tenders/tender-lifecycle.js";
import { tenderToWire } from "../../lib/tenders/tender-wire.js";

/**
 * Validates and freezes the award model (table versions pinned); the deadline must lie in the future.
 * A procedure that does not fit the value is refused above the EU threshold, otherwise warned about.
 */
export const handler = endpoint(
  {
    route: "POST /v1/tenders/{tenderId}/publish",
    audit: "tender.published",
    roles: ["officer"],
    body: publishTenderSchema,
    problems: {
      409: ["conflict"],
      422: [
        "deadline-not-in-future",
        "award-model-invalid",
        "social-return-below-policy",
        "procedure-above-threshold",
        "standstill-too-short",
        "impact-reason-required",
      ],
    },
    responses: async () => {
      const { publishedTenderResponse } = await import("../../lib/schemas/responses/tenders.js");
      return { 200: publishedTenderResponse };
    },
  },
  async ({ body, params, op }) => {
    const tender = await publishTender(op, params.tenderId, body?.version);
    return ok({ ...tenderToWire(tender, op.now), warnings: publicationWarnings(tender, op.now) });
  },
);
