import { endpoint } from "../../lib/http/endpoint.js";
import { downloadReply } from "../../lib/reports/download.js";
import { renderingOf } from "../../lib/reports/read.js";
import { downloadCsvQuery } from "../../lib/schemas/report-requests.js";

/** The issued CSV, one row per contract; `?delimiter=semicolon` for Dutch spreadsheet settings. */
export const handler = endpoint(
  {
    route: "GET /v1/reports/{reportId}/csv",
    roles: ["auditor", "officer", "supplier", "admin"],
    query: downloadCsvQuery,
    problems: { 409: ["report-not-issued"] },
    responses: async () => ({ 200: { binary: "text/csv" }, 303: null }),
  },
  async ({ params, query, op }) =>
    downloadReply(
      await renderingOf(op.actor, params.reportId, query.delimiter === "semicolon" ? "csvSemicolon" : "csv"),
    ),
);
