import { endpoint, ok } from "../../lib/http/endpoint.js";
import { getReport } from "../../lib/reports/read.js";
import { reportToWire } from "../../lib/reports/wire.js";

/** A report's status and progress; once issued its number, digests and figures. */
export const handler = endpoint(
  {
    route: "GET /v1/reports/{reportId}",
    roles: ["auditor", "officer", "supplier", "admin"],
    responses: async () => {
      const { reportResponse } = await import("../../lib/schemas/responses/reports.js");
      return { 200: reportResponse };
    },
  },
  async ({ params, op }) => ok(reportToWire(await getReport(op, params.reportId))),
);
