import { areaRouter } from "../../lib/http/router.js";

export const handler = areaRouter("reports", {
  "POST /v1/regions/{regionId}/reports": () => import("./request-report.js"),
  "GET /v1/regions/{regionId}/reports": () => import("./list-reports.js"),
  "GET /v1/regions/{regionId}/figures": () => import("./live-figures.js"),
  "GET /v1/regions/{regionId}/impact-monitor": () => import("./region-impact-monitor.js"),
  "GET /v1/organisations/{organisationId}/impact-monitor": () => import("./organisation-impact-monitor.js"),
  "GET /v1/reports/{reportId}": () => import("./get-report.js"),
  "GET /v1/reports/{reportId}/pdf": () => import("./download-pdf.js"),
  "GET /v1/reports/{reportId}/csv": () => import("./download-csv.js"),
  "GET /v1/reports/{reportId}/json": () => import("./download-json.js"),
  "GET /v1/reports/{reportId}/verify": () => import("./verify-report.js"),
  "POST /v1/reports/verify-document": () => import("./verify-document.js"),
});
