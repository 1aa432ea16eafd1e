import { areaRouter } from "../../lib/http/router.js";

export const handler = areaRouter("scoring", {
  "POST /v1/scoring/simulate": () => import("./simulate.js"),
  "GET /v1/reference-tables": () => import("./list-reference-tables.js"),
  "POST /v1/reference-tables": () => import("./add-reference-table.js"),
});
