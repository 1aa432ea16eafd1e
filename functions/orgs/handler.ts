import { areaRouter } from "../../lib/http/router.js";

export const handler = areaRouter("orgs", {
  "POST /v1/regions": () => import("./create-region.js"),
  "GET /v1/regions": () => import("./list-regions.js"),
  "GET /v1/regions/{regionId}": () => import("./get-region.js"),
  "POST /v1/organisations": () => import("./create-organisation.js"),
  "GET /v1/organisations": () => import("./list-organisations.js"),
  "GET /v1/organisations/{organisationId}": () => import("./get-organisation.js"),
  "PATCH /v1/organisations/{organisationId}": () => import("./update-organisation.js"),
  "POST /v1/organisations/{organisationId}/users": () => import("./invite-user.js"),
});
