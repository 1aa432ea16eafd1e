import { endpoint } from "../../lib/http/endpoint.js";
import { downloadReply } from "../../lib/reports/download.js";
import { renderingOf } from "../../lib/reports/read.js";

/** The issued figures as canonical JSON (their SHA-256 is the figures digest), named after the number. */
export const handler = endpoint(
  {
    route: "GET /v1/reports/{reportId}/json",
    roles: ["auditor", "officer", "supplier", "admin"],
    problems: { 409: ["report-not-issued"] },
    responses: async () => ({ 200: { binary: "application/json" }, 303: null }),
  },
  async ({ params, op }) => downloadReply(await renderingOf(op.actor, params.reportId, "json")),
);
