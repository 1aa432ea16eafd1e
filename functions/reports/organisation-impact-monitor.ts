import { endpoint, ok } from "../../lib/http/endpoint.js";
import { municipalityImpactMonitor } from "../../lib/monitor/impact-monitor.js";
import { impactMonitorQuery } from "../../lib/schemas/report-requests.js";

/** A municipality's impact monitor over a period: its officers, the region's auditors and admins. */
export const handler = endpoint(
  {
    route: "GET /v1/organisations/{organisationId}/impact-monitor",
    roles: ["auditor", "officer", "supplier", "admin"],
    query: impactMonitorQuery,
    responses: async () => {
      const { impactMonitorResponse } = await import("../../lib/schemas/responses/impact-monitor.js");
      return { 200: impactMonitorResponse };
    },
  },
  async ({ params, query, op }) =>
    ok(await municipalityImpactMonitor(op.actor, params.organisationId, query)),
);
