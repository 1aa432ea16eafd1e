import { endpoint, ok } from "../../lib/http/endpoint.js";
import { verifyReport } from "../../lib/reports/read.js";

/** Recomputes an issued report from today's data: equal, or which contracts' figures differ. */
export const handler = endpoint(
  {
    route: "GET /v1/reports/{reportId}/verify",
    roles: ["auditor", "officer", "supplier", "admin"],
    problems: { 409: ["report-not-issued"] },
    responses: async () => {
      const { verificationResponse } = await import("../../lib/schemas/responses/reports.js");
      return { 200: verificationResponse };
    },
  },
  async ({ params, op }) => ok(await verifyReport(op, params.reportId)),
);
