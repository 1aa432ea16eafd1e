import { endpoint, ok } from "../../lib/http/endpoint.js";
import { listReports } from "../../lib/reports/read.js";
import { reportSummaryToWire } from "../../lib/reports/wire.js";
import { reportListQuery } from "../../lib/schemas/report-requests.js";

/** A region's reports, newest first: every one for its auditors, those of their own scope for others. */
export const handler = endpoint(
  {
    route: "GET /v1/regions/{regionId}/reports",
    roles: ["auditor", "officer", "supplier", "admin"],
    query: reportListQuery,
    responses: async () => {
      const { reportListResponse } = await import("../../lib/schemas/responses/reports.js");
      return { 200: reportListResponse };
    },
  },
  async ({ params, query, op }) => {
    const page = await listReports(op, params.regionId, query);
    return ok({ items: page.items.map(reportSummaryToWire), nextCursor: page.nextCursor });
  },
);
