import { areaRouter } from "../../lib/http/router.js";
import { handler as addReferenceTable } from "./add-reference-table.js";
import { handler as listReferenceTables } from "./list-reference-tables.js";
import { handler as simulate } from "./simulate.js";

export const handler = areaRouter("scoring", [simulate, listReferenceTables, addReferenceTable]);
