import { areaRouter } from "../../lib/http/router.js";
import { handler as createOrganisation } from "./create-organisation.js";
import { handler as createRegion } from "./create-region.js";
import { handler as getOrganisation } from "./get-organisation.js";
import { handler as getRegion } from "./get-region.js";
import { handler as listOrganisations } from "./list-organisations.js";
import { handler as listRegions } from "./list-regions.js";
import { handler as updateOrganisation } from "./update-organisation.js";

export const handler = areaRouter("orgs", [
  createRegion,
  listRegions,
  getRegion,
  createOrganisation,
  listOrganisations,
  getOrganisation,
  updateOrganisation,
]);
