/** Stable ids of the demo data, documented in the README; tests and the start banner use them. */
export const DEMO = {
  region: "oost-nederland",
  regionBody: "rb-oost-nederland",
  municipalities: ["gm-zwolle", "gm-deventer", "gm-enschede"],
  suppliers: ["sup-ijsselbouw", "sup-groenwerk-twente", "sup-schoonmaak-salland"],
  operator: "op-platform",
  /**
   * The seeded tender and contract. Their ids derive from the seed's fixed operation ids and the
   * contract's reference, so every fresh start has the same ones (checked in test/integration/tenders/reference-lookup.test.ts).
   */
  tender: { reference: "ZW-DEMO-2026-001", id: "PkeJshS1_BRNYf2pqHdBGF" },
  contract: { reference: "ZW-DEMO-SROI-001", id: "c-KK-7ncWylPKBCSTs" },
} as const;

/** One ready-made identity per role, printed by `npm start`. */
export const DEMO_IDENTITIES = [
  { role: "officer", org: DEMO.municipalities[0], sub: "demo-officer-zwolle" },
  { role: "supplier", org: DEMO.suppliers[0], sub: "demo-supplier-ijsselbouw" },
  { role: "auditor", org: DEMO.regionBody, sub: "demo-auditor-oost" },
  { role: "admin", org: DEMO.operator, sub: "demo-admin" },
] as const;
