import { endpoint } from "../../lib/http/endpoint.js";
import { downloadReply } from "../../lib/reports/download.js";
import { renderingOf } from "../../lib/reports/read.js";

/** The issued PDF, named after the report's number (409 report-not-issued before). */
export const handler = endpoint(
  {
    route: "GET /v1/reports/{reportId}/pdf",
    roles: ["auditor", "officer", "supplier", "admin"],
    problems: { 409: ["report-not-issued"] },
    responses: async () => ({ 200: { binary: "application/pdf" }, 303: null }),
  },
  async ({ params, op }) => downloadReply(await renderingOf(op.actor, params.reportId, "pdf")),
);
