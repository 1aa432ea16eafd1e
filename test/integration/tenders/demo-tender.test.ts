import { beforeAll, describe, expect, it } from "vitest";
import { evaluationQueries } from "../../../lib/entities/evaluation.js";
import { operation } from "../../../lib/operation.js";
import {
  DEMO_OFFICER,
  DEMO_TENDER_REFERENCE,
  demoTenderBody,
  seedDemoTender,
} from "../../../lib/seed/demo-tender.js";
import { seedDemoData } from "../../../lib/seed/index.js";
import { seedStartKey } from "../../../lib/entities/seed-step.js";
import { getItem } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";
import { submittedBids } from "../../../lib/tenders/bids.js";
import { createTender, publishTender } from "../../../lib/tenders/tender-lifecycle.js";
import { loadOwnTender } from "../../../lib/tenders/tenders.js";
import { call, clock, DEMO, type DemoTokens, seedDemo } from "../../support/api.js";

/** The demo data: a tender past its deadline with three bids, already evaluated, so a newcomer sees a ranking at once. */

const DAY = 86_400_000;

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

/** The tenders listed with the demo's reference (another case here makes a second, partial one). */
const demoReferenceTenders = async () =>
  (await call("GET", "/v1/tenders", { token: tokens.officer })).body.items.filter(
    (t: any) => t.reference === DEMO_TENDER_REFERENCE,
  );

const evaluationRuns = async (tenderId: string) =>
  (await queryAll<{ sk: string }>(evaluationQueries.ofTender(tenderId))).length;

/** One evaluated tender with three submitted bids and one evaluation run. */
async function expectComplete(tenderId: string, at: Date) {
  const officer = operation(DEMO_OFFICER, at);
  const tender = await loadOwnTender(officer, tenderId);
  expect(tender).toMatchObject({ status: "evaluated", opened: { bidCount: 3 } });
  expect(await submittedBids(tenderId)).toHaveLength(3);
  expect(await evaluationRuns(tenderId)).toBe(1);
  return tender;
}

describe("demo tender", () => {
  it("is past its deadline with three bids and a stored ranking", async () => {
    const list = await call("GET", "/v1/tenders", { token: tokens.officer });
    const tender = list.body.items.find((t: any) => t.reference === DEMO_TENDER_REFERENCE);
    expect(tender).toMatchObject({ status: "evaluated", phase: "evaluated", opened: { bidCount: 3 } });
    expect(Date.parse(tender.submissionDeadline)).toBeLessThan(clock.now().getTime());
    const evaluation = await call("GET", `/v1/tenders/${tender.id}/evaluation`, { token: tokens.officer });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.ranking.map((r: any) => [r.bidId, r.rank])).toEqual([
      [DEMO.suppliers[1], 1],
      [DEMO.suppliers[2], 2],
      [DEMO.suppliers[0], 3],
    ]);
    expect(evaluation.body.inputDigest).toBe(tender.evaluation.inputDigest);
  });

  it("seeding again changes nothing", async () => {
    const before = await demoReferenceTenders();
    expect(await seedDemoData(clock.now())).toEqual([]);
    expect(await demoReferenceTenders()).toEqual(before);
  });

  it("the step run again with the same operation after it completed changes nothing", async () => {
    const started = await getItem<{ at: string }>(seedStartKey("demo-tender"));
    const at = new Date(started!.at);
    const listed = await demoReferenceTenders();
    const before = listed.find((t: any) => t.id === DEMO.tender.id);

    await seedDemoTender(operation(DEMO_OFFICER, at, "seed:demo-tender"));

    const after = await expectComplete(before.id, clock.now());
    expect(after.version).toBe(before.version);
    expect(after.evaluation).toMatchObject(before.evaluation); // the wire leaves out the storage key (run)
    expect(await demoReferenceTenders()).toEqual(listed);
  });

  it("a step that died after publishing is completed on the next run", async () => {
    // The first run got as far as creating and publishing the tender (the same operation ids the step uses).
    const at = clock.now();
    const opId = "seed:demo-tender-partial";
    const officerAt = (step: string) =>
      operation(DEMO_OFFICER, new Date(at.getTime() - 30 * DAY), `${opId}:${step}`);
    const created = officerAt("create");
    const tender = await createTender(created, await demoTenderBody(at.getTime()));
    await publishTender(officerAt("publish"), tender.id);

    const op = operation(DEMO_OFFICER, at, opId);
    await seedDemoTender(op);
    const completed = await expectComplete(tender.id, at);
    // And once more after it completed.
    await seedDemoTender(op);
    expect(await expectComplete(tender.id, at)).toEqual(completed);
  });
});
