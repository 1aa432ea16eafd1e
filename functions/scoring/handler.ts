import { areaRouter } from "../../lib/http/router.js";
import { handler as addReferenceTable } from "./add-reference-table.js";
import { handler as listReferenceTables } from "./list-reference-tables.js";
import { handler as simulate } from "./simulate.js";

export const handler = areaRouter("scoring", {
  "POST /v1/scoring/simulate": simulate,
  "GET /v1/reference-tables": listReferenceTables,
  "POST /v1/reference-tables": addReferenceTable,
});
