import type { Operation } from "../operation.js";
import {
  createOrganisation,
  createRegion,
  getOrganisation,
  type NewOrganisation,
  updateOrganisation,
} from "../orgs/organisations.js";
import { DEMO } from "./demo-ids.js";

const [zwolle, deventer, enschede] = DEMO.municipalities;
const [ijsselbouw, groenwerk, schoonmaak] = DEMO.suppliers;

/**
 * What the impact monitor reads of the demo organisations: the municipalities' real CBS codes; the
 * suppliers' establishment (real postcodes and CBS codes: Zwolle, Enschede, Raalte), size class, SBI
 * code and, for two of them, social-enterprise evidence (fictitious references).
 */
export const DEMO_IMPACT_FIELDS: Record<string, Omit<NewOrganisation, "kind" | "name">> = {
  [zwolle]: { cbsCode: "GM0193" },
  [deventer]: { cbsCode: "GM0150" },
  [enschede]: { cbsCode: "GM0153" },
  [ijsselbouw]: { postcode: "8013 NJ", municipalityCbsCode: "GM0193", sizeClass: "large", sbiCode: "4211" },
  [groenwerk]: {
    postcode: "7521 PH",
    municipalityCbsCode: "GM0153",
    sizeClass: "small",
    sbiCode: "8130",
    socialEnterprise: {
      kind: "code-sociale-ondernemingen",
      evidence: "Register Code Sociale Ondernemingen, inschrijving CSO-0421 (demo)",
      validUntil: "2030-12-31",
    },
  },
  [schoonmaak]: {
    postcode: "8102 HA",
    municipalityCbsCode: "GM0177",
    sizeClass: "medium",
    sbiCode: "8121",
    socialEnterprise: {
      kind: "pso-30plus",
      evidence: "PSO 30+ certificaat (TNO) PSO-2025-0117 (demo)",
      validUntil: "2030-06-30",
    },
  },
};

/**
 * Gives demo organisations created before the impact fields existed those fields (an admin's PATCH each),
 * skipping any that has them already: a database seeded earlier gets them once, a fresh one is unchanged.
 */
export async function addDemoImpactFields(op: Operation): Promise<void> {
  for (const [id, fields] of Object.entries(DEMO_IMPACT_FIELDS)) {
    const org = await getOrganisation(id);
    if (!org) continue;
    const missing = Object.entries(fields).filter(([field]) => org[field as keyof typeof org] === null);
    if (missing.length === 0) continue;
    await updateOrganisation(op, id, { ...Object.fromEntries(missing), version: org.version });
  }
}

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
  await createOrganisation(op, {
    id: zwolle,
    ...DEMO_IMPACT_FIELDS[zwolle],
    kind: "municipality",
    name: "Gemeente Zwolle (demo)",
    regionId: DEMO.region,
  });
  await createOrganisation(op, {
    id: deventer,
    ...DEMO_IMPACT_FIELDS[deventer],
    kind: "municipality",
    name: "Gemeente Deventer (demo)",
    regionId: DEMO.region,
  });
  await createOrganisation(op, {
    id: enschede,
    ...DEMO_IMPACT_FIELDS[enschede],
    kind: "municipality",
    name: "Gemeente Enschede (demo)",
    regionId: DEMO.region,
  });
  await createOrganisation(op, {
    id: ijsselbouw,
    ...DEMO_IMPACT_FIELDS[ijsselbouw],
    kind: "supplier",
    name: "IJsselbouw B.V. (demo)",
    kvk: "90000001",
  });
  await createOrganisation(op, {
    id: groenwerk,
    ...DEMO_IMPACT_FIELDS[groenwerk],
    kind: "supplier",
    name: "Groenwerk Twente B.V. (demo)",
    kvk: "90000002",
  });
  await createOrganisation(op, {
    id: schoonmaak,
    ...DEMO_IMPACT_FIELDS[schoonmaak],
    kind: "supplier",
    name: "Schoonmaak Salland B.V. (demo)",
    kvk: "90000003",
  });
}
