import { seedDoneKey, seedStartKey, seedStepEntity } from "../entities/seed-step.js";
import { type Operation, operation } from "../operation.js";
import { getItem, putIfAbsent } from "../store/ops.js";
import { DEMO } from "./demo-ids.js";
import { addDemoImpactFields, seedDemoOrganisations } from "./demo-organisations.js";
import { seedDemoTender } from "./demo-tender.js";
import { seedReferenceTables } from "./reference-tables.js";
import { seedSroiDemoContract, seedSroiRules } from "./sroi.js";
import { seedSroiDemoRegion } from "./sroi-region.js";
import { backfillReviewQueue } from "../contracts/review-queue.js";
import { backfillTenderReferences } from "../tenders/tender-references.js";
import { backfillListKeys } from "../backfill/list-keys.js";
import { backfillPeriodRows } from "../backfill/period-rows.js";

export interface SeedStep {
  name: string;
  run(op: Operation): Promise<void>;
}

/**
 * Demo data, in order. Later capabilities append their steps here. Each step runs once (a marker
 * item records it) and as one operation with a fixed id, so a crash mid-step is completed on restart.
 */
export const seedSteps: SeedStep[] = [
  { name: "organisations", run: seedDemoOrganisations },
  { name: "reference-tables", run: seedReferenceTables },
  { name: "sroi-rules", run: seedSroiRules },
  // After the social-return rules (the demo tender's social-return minimum uses the region's catalogue).
  { name: "demo-tender", run: seedDemoTender },
  { name: "sroi-demo-contract", run: seedSroiDemoContract },
  // Index items added after the first databases were seeded: a database from before gets them once.
  { name: "index-backfill", run: backfillIndexes },
  // The keys the lists query by (status index, all-catalogues list, TOTALS' block ids), likewise.
  { name: "list-keys-backfill", run: async () => void (await backfillListKeys()) },
  // The month rows of the running totals, for contracts whose entries were written before them.
  { name: "period-rows-backfill", run: async (op) => void (await backfillPeriodRows(op)) },
  // Contracts of the other municipalities, so the demo region's report compares several.
  { name: "sroi-demo-region", run: seedSroiDemoRegion },
  // The impact fields of the demo organisations (CBS codes, sizes, social enterprises) for databases
  // seeded before them, and the keys the impact monitor and the vendor check read by (list-keys backfill).
  {
    name: "impact-organisations",
    run: async (op) => {
      await addDemoImpactFields(op);
      await backfillListKeys();
    },
  },
];

/** Idempotent: the tender reference pointers and the review queue for data stored before they existed. */
export async function backfillIndexes(): Promise<void> {
  await backfillTenderReferences();
  await backfillReviewQueue();
}

const SEED_ACTOR = { sub: "system:seed", role: "admin", orgId: DEMO.operator, regionId: null } as const;

export async function seedDemoData(now: Date): Promise<string[]> {
  const ran: string[] = [];
  for (const step of seedSteps) {
    if (await getItem(seedDoneKey(step.name))) continue;
    // The step's clock is fixed at its first start, so a resumed step writes the same audit events.
    const started = seedStartKey(step.name);
    await putIfAbsent({ ...started, at: now.toISOString() });
    const startedAt = new Date(seedStepEntity.read(await getItem(started)).at);
    const op = operation(SEED_ACTOR, startedAt, `seed:${step.name}`);
    await step.run(op);
    await putIfAbsent({ ...seedDoneKey(step.name), at: now.toISOString() });
    ran.push(step.name);
  }
  return ran;
}
