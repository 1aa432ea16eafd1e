import { areaRouter } from "../../lib/http/router.js";
import { handler as computeObligation } from "./compute-obligation.js";
import { handler as getCatalogue } from "./get-catalogue.js";
import { handler as getPolicy } from "./get-policy.js";
import { handler as listCatalogueVersions } from "./list-catalogue-versions.js";
import { handler as listCatalogues } from "./list-catalogues.js";
import { handler as publishCatalogue } from "./publish-catalogue.js";
import { handler as publishPolicy } from "./publish-policy.js";
import { handler as valuate } from "./valuate.js";

export const handler = areaRouter("sroi", [
  valuate,
  computeObligation,
  listCatalogues,
  publishCatalogue,
  listCatalogueVersions,
  getCatalogue,
  getPolicy,
  publishPolicy,
]);
