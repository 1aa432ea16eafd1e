import { endpoint, ok } from "../../lib/http/endpoint.js";
import { liveFigures } from "../../lib/reports/read.js";
import { liveFiguresQuery } from "../../lib/schemas/report-requests.js";

/** The figures a report would have now, for dashboards: no number, nothing stored; who may issue may look. */
export const handler = endpoint(
  {
    route: "GET /v1/regions/{regionId}/figures",
    roles: ["auditor", "officer", "supplier", "admin"],
    query: liveFiguresQuery,
    responses: async () => {
      const { liveFiguresResponse } = await import("../../lib/schemas/responses/reports.js");
      return { 200: liveFiguresResponse };
    },
  },
  async ({ params, query, op }) =>
    ok(
      await liveFigures(op, {
        regionId: params.regionId,
        scope: query.scope,
        scopeId: query.scope === "region" ? null : query.scopeId!,
        period: { from: query.from, to: query.to },
      }),
    ),
);
