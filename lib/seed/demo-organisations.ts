import type { Operation } from "../operation.js";
import { createOrganisation, createRegion } from "../orgs/organisations.js";
import { DEMO } from "./demo-ids.js";

/** The demo region, its region body, three municipalities, three suppliers (fictitious KvK numbers) and the operator. */
export async function seedDemoOrganisations(op: Operation): Promise<void> {
  await createOrganisation(op, { id: DEMO.operator, kind: "operator", name: "Platform operator (demo)" });
  await createRegion(op, { id: DEMO.region, name: "Oost-Nederland" });
  await createOrganisation(op, {
    id: DEMO.regionBody,
    kind: "region-body",
    name: "SROI-team Oost-Nederland (demo)",
    regionId: DEMO.region,
  });
  const [zwolle, deventer, enschede] = DEMO.municipalities;
  await createOrganisation(op, {
    id: zwolle,
    kind: "municipality",
    name: "Gemeente Zwolle (demo)",
    regionId: DEMO.region,
  });
  await createOrganisation(op, {
    id: deventer,
    kind: "municipality",
    name: "Gemeente Deventer (demo)",
    regionId: DEMO.region,
  });
  await createOrganisation(op, {
    id: enschede,
    kind: "municipality",
    name: "Gemeente Enschede (demo)",
    regionId: DEMO.region,
  });
  const [ijsselbouw, groenwerk, schoonmaak] = DEMO.suppliers;
  await createOrganisation(op, {
    id: ijsselbouw,
    kind: "supplier",
    name: "IJsselbouw B.V. (demo)",
    kvk: "90000001",
  });
  await createOrganisation(op, {
    id: groenwerk,
    kind: "supplier",
    name: "Groenwerk Twente B.V. (demo)",
    kvk: "90000002",
  });
  await createOrganisation(op, {
    id: schoonmaak,
    kind: "supplier",
    name: "Schoonmaak Salland B.V. (demo)",
    kvk: "90000003",
  });
}
