import { endpoint, ok } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { reviewEntry } from "../../lib/contracts/entries/review.js";
import { entryToWire } from "../../lib/contracts/wire.js";
import { reviewSchema } from "../../lib/schemas/contracts.js";

/** An auditor of the region or the buying officer accepts or rejects a submitted entry, with a reason. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/entries/{entryId}/review",
    audit: ["sroi-entry.accepted", "sroi-entry.rejected"],
    roles: ["auditor", "officer"],
    body: reviewSchema,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { entryResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 200: entryResponse };
    },
  },
  async ({ body, params, op }) => {
    const entry = await reviewEntry(op, params.contractId, params.entryId, body);
    countEvent(body.decision === "accept" ? "entryAccepted" : "entryRejected");
    return ok(entryToWire(entry));
  },
);
