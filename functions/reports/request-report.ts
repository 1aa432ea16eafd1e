import { endpoint } from "../../lib/http/endpoint.js";
import { requestReport } from "../../lib/reports/records.js";
import { requestReportSchema } from "../../lib/schemas/report-requests.js";

/**
 * Requests a report of a region, municipality, supplier or contract over whole months: 202 at once,
 * the report is issued by a job (follow Location). A correction names the report it supersedes.
 */
export const handler = endpoint(
  {
    route: "POST /v1/regions/{regionId}/reports",
    audit: "report.requested",
    roles: ["auditor", "officer", "supplier", "admin"],
    body: requestReportSchema,
    idempotent: true,
    problems: {
      409: ["report-superseded", "report-not-issued", "report-correction-requested"],
      422: ["supersedes-unknown", "supersedes-other-scope"],
    },
    responses: async () => {
      const { reportAcceptedResponse } = await import("../../lib/schemas/responses/reports.js");
      return { 202: reportAcceptedResponse };
    },
  },
  async ({ params, body, op }) => {
    const report = await requestReport(op, params.regionId, body);
    return {
      status: 202,
      body: { id: report.id, status: "queued" },
      headers: { location: `/v1/reports/${report.id}` },
    };
  },
);
