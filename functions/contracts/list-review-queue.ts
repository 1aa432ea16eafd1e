import { endpoint, ok } from "../../lib/http/endpoint.js";
import { entryToWire } from "../../lib/contracts/wire.js";
import { listReviewQueue } from "../../lib/contracts/review-queue.js";
import { missingTargetGroupEvidence } from "../../lib/domain/sroi/target-group.js";
import { reviewQueueQuery } from "../../lib/schemas/contracts.js";

/**
 * Entries awaiting review, oldest first: every contract of an auditor's region, of an officer's
 * municipality. Each item is the entry as the contract's entry list shows it, with its contract's reference.
 */
export const handler = endpoint(
  {
    route: "GET /v1/entries",
    roles: ["auditor", "officer"],
    query: reviewQueueQuery,
    responses: async () => {
      const { reviewQueueResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 200: reviewQueueResponse };
    },
  },
  async ({ query, caller, op }) => {
    const page = await listReviewQueue(caller, { limit: query.limit, cursor: query.cursor });
    return ok({
      items: page.items.map(({ entry, contract }) => ({
        ...entryToWire(entry, op.now, contract.policy.reviewDays),
        contractReference: contract.reference,
        missingTargetGroupEvidence: missingTargetGroupEvidence(entry),
      })),
      nextCursor: page.nextCursor,
    });
  },
);
