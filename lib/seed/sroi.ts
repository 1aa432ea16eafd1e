/**
 * Demo data for social return: the three reference catalogues (each owned by a region of its own;
 * Utrecht and Rijnvicus get a region for that), the illustrative demo policy for the demo region, and
 * a running contract of Zwolle with IJsselbouw that has reviewed entries. Dates are relative to the
 * seed's clock, so the contract is always running when the demo starts.
 */
import { operation, type Operation } from "../operation.js";
import { createRegion, getRegion } from "../orgs/organisations.js";
import { type RegisterInput, registerContract } from "../contracts/contract/register.js";
import type { EntryInput } from "../contracts/entries/model.js";
import { DEMO_POLICY_NOTE, demoPolicy, referenceCatalogues } from "../sroi/reference-data.js";
import { reviewEntry } from "../contracts/entries/review.js";
import { submitEntry } from "../contracts/entries/submit.js";
import { getCatalogue, policyVersions, publishCatalogue, publishPolicy } from "../sroi/rules.js";
import { DEMO } from "./demo-ids.js";

/** Which region owns each reference catalogue. */
export const CATALOGUE_REGIONS: Record<string, { id: string; name: string }> = {
  "oost-nederland": { id: DEMO.region, name: "Oost-Nederland" },
  utrecht: { id: "utrecht", name: "Utrecht (owner of the Utrecht building-block model)" },
  rijnvicus: { id: "rijnvicus", name: "Rijnvicus (Alphen aan den Rijn and surroundings)" },
};

export const DEMO_CONTRACT_REFERENCE = DEMO.contract.reference;

export async function seedSroiRules(op: Operation): Promise<void> {
  for (const catalogue of referenceCatalogues) {
    const region = CATALOGUE_REGIONS[catalogue.id]!;
    if (!(await getRegion(region.id))) await createRegion(op, region);
    if (!(await getCatalogue(catalogue.id, catalogue.version)))
      await publishCatalogue(
        op,
        { ...catalogue, note: "Seeded from the shipped reference data (sroi-catalogues.json)." },
        region.id,
      );
  }
  if ((await policyVersions(DEMO.region)).length === 0)
    await publishPolicy(op, DEMO.region, {
      ...demoPolicy,
      catalogueId: "oost-nederland",
      effectiveFrom: null,
      note: `ILLUSTRATIVE demo policy, not a published rule of this region. ${DEMO_POLICY_NOTE} Valuation date, reporting, review, recovery, retention and sanction settings are illustrative defaults.`,
    });
}

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const monthStart = (now: Date, monthsBack: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
export const monthEnd = (start: Date, months: number) =>
  new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 0));
export const period = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

export async function seedSroiDemoContract(op: Operation): Promise<void> {
  const officer = operation(
    { sub: "demo-officer-zwolle", role: "officer", orgId: DEMO.municipalities[0], regionId: DEMO.region },
    op.now,
    `${op.opId}:officer`,
  );
  const contract = await registerContract(officer, demoContract(monthStart(op.now, 12)));
  const supplier = (n: number) =>
    operation(
      { sub: "demo-supplier-ijsselbouw", role: "supplier", orgId: DEMO.suppliers[0], regionId: null },
      op.now,
      `${op.opId}:entry:${n}`,
    );
  const auditor = (n: number) =>
    operation(
      { sub: "demo-auditor-oost", role: "auditor", orgId: DEMO.regionBody, regionId: DEMO.region },
      op.now,
      `${op.opId}:review:${n}`,
    );
  const submitted = [];
  for (const [i, e] of demoEntries(op.now).entries())
    submitted.push(await submitEntry(supplier(i), contract.id, e));
  await reviewEntry(auditor(0), contract.id, submitted[0]!.id, {
    decision: "accept",
    reason: "payroll extract checked",
  });
  await reviewEntry(auditor(1), contract.id, submitted[1]!.id, {
    decision: "accept",
    reason: "placement agreement checked",
  });
  await reviewEntry(auditor(2), contract.id, submitted[2]!.id, {
    decision: "reject",
    reason: "no proof of WW benefit",
  });
  // the fourth entry stays submitted: pending review
}

/** Zwolle's three-year contract with IJsselbouw, started at `start`, with a commitment and a promise. */
function demoContract(start: Date): RegisterInput {
  return {
    reference: DEMO_CONTRACT_REFERENCE,
    title: "Onderhoud openbare ruimte Zwolle-Zuid (demo)",
    supplierId: DEMO.suppliers[0],
    type: "services",
    value: { amount: 1_200_000, currency: "EUR" },
    labourShare: 0.6,
    startDate: iso(start),
    endDate: iso(monthEnd(start, 36)),
    awardDate: iso(start),
    commitment: {
      lines: [
        { blockId: "pwet-gt-2y", fte: 1, months: 24 },
        { blockId: "work-experience", months: 12 },
      ],
      note: "plan of approach agreed at the kick-off",
    },
    promises: [
      {
        id: "co2-ladder",
        kind: "co2-ladder",
        description: "CO2-Prestatieladder certificate",
        promised: "level 3",
        advantage: { amount: 48_000, currency: "EUR" },
      },
    ],
  };
}

/** Four entries of the last year, each in a month relative to `now`. */
function demoEntries(now: Date): EntryInput[] {
  const s1 = monthStart(now, 12);
  const s2 = monthStart(now, 10);
  const s3 = monthStart(now, 11);
  const s4 = monthStart(now, 3);
  return [
    {
      blockId: "pwet-gt-2y",
      candidateRef: "IJB-001",
      startDate: iso(s1),
      endDate: iso(monthEnd(s1, 6)),
      fte: 0.8,
      period: period(s1),
      evidence: ["payroll extract IJB-001"],
    },
    {
      blockId: "work-experience",
      candidateRef: "IJB-002",
      startDate: iso(s2),
      endDate: iso(monthEnd(s2, 6)),
      period: period(s2),
      evidence: ["placement agreement IJB-002"],
    },
    {
      blockId: "ww-lt-1y",
      candidateRef: "IJB-003",
      startDate: iso(s3),
      endDate: iso(monthEnd(s3, 6)),
      fte: 1,
      period: period(s3),
      evidence: [],
    },
    {
      blockId: "bbl-1-2",
      candidateRef: "IJB-004",
      startDate: iso(s4),
      endDate: iso(monthEnd(s4, 2)),
      period: period(s4),
      evidence: ["BBL agreement IJB-004"],
    },
  ];
}
