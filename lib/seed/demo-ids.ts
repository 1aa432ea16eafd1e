/** Stable ids of the demo data, documented in the README; tests and the start banner use them. */
export const DEMO = {
  region: "oost-nederland",
  regionBody: "rb-oost-nederland",
  municipalities: ["gm-zwolle", "gm-deventer", "gm-enschede"],
  suppliers: ["sup-ijsselbouw", "sup-groenwerk-twente", "sup-schoonmaak-salland"],
  operator: "op-platform",
} as const;

/** One ready-made identity per role, printed by `npm start`. */
export const DEMO_IDENTITIES = [
  { role: "officer", org: DEMO.municipalities[0], sub: "demo-officer-zwolle" },
  { role: "supplier", org: DEMO.suppliers[0], sub: "demo-supplier-ijsselbouw" },
  { role: "auditor", org: DEMO.regionBody, sub: "demo-auditor-oost" },
  { role: "admin", org: DEMO.operator, sub: "demo-admin" },
] as const;
