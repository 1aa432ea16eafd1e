import { endpoint, ok } from "../../lib/http/endpoint.js";
import { regionImpactMonitor } from "../../lib/monitor/impact-monitor.js";
import { impactMonitorQuery } from "../../lib/schemas/report-requests.js";

/** A region's impact monitor over a period: the region's auditors and admins. */
export const handler = endpoint(
  {
    route: "GET /v1/regions/{regionId}/impact-monitor",
    roles: ["auditor", "officer", "supplier", "admin"],
    query: impactMonitorQuery,
    responses: async () => {
      const { impactMonitorResponse } = await import("../../lib/schemas/responses/impact-monitor.js");
      return { 200: impactMonitorResponse };
    },
  },
  async ({ params, query, op }) => ok(await regionImpactMonitor(op.actor, params.regionId, query)),
);
