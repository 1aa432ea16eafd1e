/**
 * More demo contracts, so the demo region's report has something to compare: Deventer's contract
 * with IJsselbouw (the supplier then works for two municipalities), Enschede's with Groenwerk Twente
 * (entries pending, one without evidence) and a Zwolle contract with Schoonmaak Salland that ends soon
 * with a shortfall. Dates are relative to the seed's clock, like the first demo contract.
 */
import { type RegisterInput, registerContract } from "../contracts/contract/register.js";
import type { EntryInput } from "../contracts/entries/model.js";
import { reviewEntry } from "../contracts/entries/review.js";
import { submitEntry } from "../contracts/entries/submit.js";
import { type Operation, operation } from "../operation.js";
import { DEMO } from "./demo-ids.js";
import { iso, monthEnd, monthStart, period } from "./sroi.js";

interface DemoEntry {
  entry: EntryInput;
  review?: "accept" | "reject";
}

interface DemoContract {
  buyer: string;
  supplier: string;
  contract: (now: Date) => RegisterInput;
  entries: (now: Date) => DemoEntry[];
}

/** An entry of `months` months starting `monthsBack` months before now. */
function entry(now: Date, monthsBack: number, months: number, fields: Partial<EntryInput>): EntryInput {
  const start = monthStart(now, monthsBack);
  return {
    blockId: "work-experience",
    startDate: iso(start),
    endDate: iso(monthEnd(start, months)),
    period: period(monthEnd(start, months)),
    evidence: [],
    ...fields,
  } as EntryInput;
}

const [zwolle, deventer, enschede] = DEMO.municipalities;
const [ijsselbouw, groenwerk, schoonmaak] = DEMO.suppliers;

export const DEMO_REGION_CONTRACTS: DemoContract[] = [
  {
    buyer: deventer,
    supplier: ijsselbouw,
    contract: (now) => ({
      reference: "DV-DEMO-SROI-002",
      title: "Renovatie sporthal De Scheg, Deventer (demo)",
      supplierId: ijsselbouw,
      type: "works",
      value: { amount: 850_000, currency: "EUR" },
      labourShare: 0.45,
      startDate: iso(monthStart(now, 18)),
      endDate: iso(monthEnd(monthStart(now, 18), 24)),
    }),
    entries: (now) => [
      {
        entry: entry(now, 17, 6, {
          blockId: "pwet-gt-2y",
          candidateRef: "IJB-D01",
          fte: 1,
          evidence: ["payroll extract IJB-D01"],
        }),
        review: "accept",
      },
      {
        entry: entry(now, 9, 3, {
          blockId: "bbl-1-2",
          candidateRef: "IJB-D02",
          evidence: ["BBL agreement IJB-D02"],
        }),
        review: "accept",
      },
      {
        entry: entry(now, 4, 3, {
          blockId: "ww-lt-1y",
          candidateRef: "IJB-D03",
          fte: 0.5,
          evidence: ["payroll extract IJB-D03"],
        }),
      },
    ],
  },
  {
    buyer: enschede,
    supplier: groenwerk,
    contract: (now) => ({
      reference: "EN-DEMO-SROI-003",
      title: "Groenonderhoud Enschede-Noord (demo)",
      supplierId: groenwerk,
      type: "services",
      value: { amount: 640_000, currency: "EUR" },
      labourShare: 0.7,
      startDate: iso(monthStart(now, 8)),
      endDate: iso(monthEnd(monthStart(now, 8), 36)),
    }),
    entries: (now) => [
      {
        entry: entry(now, 7, 4, {
          blockId: "register",
          candidateRef: "GWT-001",
          fte: 0.6,
          evidence: ["payroll extract GWT-001"],
        }),
        review: "accept",
      },
      { entry: entry(now, 5, 3, { blockId: "work-experience", candidateRef: "GWT-002" }) },
    ],
  },
  {
    buyer: zwolle,
    supplier: schoonmaak,
    contract: (now) => ({
      reference: "ZW-DEMO-SROI-004",
      title: "Schoonmaak stadskantoor Zwolle (demo)",
      supplierId: schoonmaak,
      type: "services",
      value: { amount: 420_000, currency: "EUR" },
      labourShare: 0.8,
      startDate: iso(monthStart(now, 22)),
      endDate: iso(monthEnd(monthStart(now, 22), 24)),
    }),
    entries: (now) => [
      {
        entry: entry(now, 20, 5, {
          blockId: "work-experience",
          candidateRef: "SSA-001",
          evidence: ["placement agreement SSA-001"],
        }),
        review: "accept",
      },
      {
        entry: entry(now, 12, 6, {
          blockId: "pwet-lt-2y",
          candidateRef: "SSA-002",
          fte: 0.8,
          evidence: ["payroll extract SSA-002"],
        }),
        review: "reject",
      },
    ],
  },
];

const actor = (role: "officer" | "supplier" | "auditor", orgId: string) => ({
  sub: `demo-${role}-${orgId}`,
  role,
  orgId,
  regionId: role === "supplier" ? null : DEMO.region,
});

export async function seedSroiDemoRegion(op: Operation): Promise<void> {
  const auditorOrg = DEMO.regionBody;
  for (const [c, demo] of DEMO_REGION_CONTRACTS.entries()) {
    const as = (role: "officer" | "supplier" | "auditor", orgId: string, step: string) =>
      operation(actor(role, orgId), op.now, `${op.opId}:${c}:${step}`);
    const contract = await registerContract(as("officer", demo.buyer, "contract"), demo.contract(op.now));
    for (const [i, { entry, review }] of demo.entries(op.now).entries()) {
      const submitted = await submitEntry(as("supplier", demo.supplier, `entry:${i}`), contract.id, entry);
      if (review)
        await reviewEntry(as("auditor", auditorOrg, `review:${i}`), contract.id, submitted.id, {
          decision: review,
          reason: review === "accept" ? "evidence checked" : "target group not shown",
        });
    }
  }
}
