import { created, endpoint } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { submitEntry } from "../../lib/contracts/entries/submit.js";
import { entryToWire } from "../../lib/contracts/wire.js";
import { entrySchema } from "../../lib/schemas/contracts.js";

/** The supplier reports one realisation; rule refusals (BSN, period, overlap, FTE) are 422. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/entries",
    audit: "sroi-entry.submitted",
    roles: ["supplier"],
    body: entrySchema,
    idempotent: true,
    problems: {
      409: ["conflict"],
      422: [
        "contract-settled",
        "outside-contract-period",
        "activity-in-future",
        "target-group-evidence-in-future",
        "period-mismatch",
        "candidate-overlap",
        "fte-above-one",
        "vendor-not-qualified",
      ],
    },
    responses: async () => {
      const { entryResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 201: entryResponse };
    },
  },
  async ({ body, params, op }) => {
    const entry = await submitEntry(op, params.contractId, body);
    countEvent("entrySubmitted");
    return created(entryToWire(entry), `/v1/contracts/${entry.contractId}/entries/${entry.id}`);
  },
);
