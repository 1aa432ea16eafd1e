import { areaRouter } from "../../lib/http/router.js";

export const handler = areaRouter("sroi", {
  "POST /v1/sroi/valuate": () => import("./valuate.js"),
  "POST /v1/sroi/obligation": () => import("./compute-obligation.js"),
  "GET /v1/sroi/catalogues": () => import("./list-catalogues.js"),
  "POST /v1/sroi/catalogues": () => import("./publish-catalogue.js"),
  "GET /v1/sroi/catalogues/{catalogueId}/versions": () => import("./list-catalogue-versions.js"),
  "GET /v1/sroi/catalogues/{catalogueId}/versions/{version}": () => import("./get-catalogue.js"),
  "GET /v1/sroi/policies/{regionId}": () => import("./get-policy.js"),
  "POST /v1/sroi/policies/{regionId}": () => import("./publish-policy.js"),
});
