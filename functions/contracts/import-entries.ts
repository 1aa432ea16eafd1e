import { endpoint, ok } from "../../lib/http/endpoint.js";
import { countEvent } from "../../lib/http/observability.js";
import { importEntriesCsv } from "../../lib/contracts/imports.js";

/** CSV bulk upload (text/csv, at most MAX_CSV_ROWS rows): all rows or none (422 rows-invalid). */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/entries/import",
    audit: ["sroi-entry.submitted", "contract.entries-imported"],
    roles: ["supplier"],
    csv: true,
    idempotent: true,
    problems: {
      400: ["missing-columns", "unknown-columns", "repeated-columns", "too-many-rows"],
      409: ["conflict"],
      422: ["rows-invalid", "bsn-refused", "contract-settled"],
    },
    responses: async () => {
      const { entryImportResponse } = await import("../../lib/schemas/responses/entries.js");
      return { 200: entryImportResponse };
    },
  },
  async ({ body, params, op }) => {
    const result = await importEntriesCsv(
      op,
      params.contractId,
      (body as unknown as string | undefined) ?? "",
    );
    countEvent("entrySubmitted", result.results.filter((r) => r.status === "created").length);
    return ok(result);
  },
);
