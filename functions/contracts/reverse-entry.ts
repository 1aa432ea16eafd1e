import { created, endpoint } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { reverseEntry } from "../../lib/contracts/entries/reverse.js";
import { entryToWire } from "../../lib/contracts/wire.js";
import { reversalSchema } from "../../lib/schemas/contracts.js";

/** A correction of an accepted (immutable) entry: a new reversing entry, reviewed like any other. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/entries/{entryId}/reversal",
    audit: "sroi-entry.reversed",
    roles: ["supplier"],
    body: reversalSchema,
    idempotent: true,
    problems: { 409: ["conflict"], 422: ["contract-settled", "not-accepted", "is-reversal"] },
    responses: async () => {
      const { entryResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 201: entryResponse };
    },
  },
  async ({ body, params, op }) => {
    const entry = await reverseEntry(op, params.contractId, params.entryId, body.reason);
    countEvent("entrySubmitted");
    return created(entryToWire(entry), `/v1/contracts/${entry.contractId}/entries/${entry.id}`);
  },
);
