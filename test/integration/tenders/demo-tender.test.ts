import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENDER_REFERENCE } from "../../../lib/seed/demo-tender.js";
import { seedDemoData } from "../../../lib/seed/index.js";
import { call, clock, DEMO, type DemoTokens, seedDemo } from "../../support/api.js";

/** The demo data: a tender past its deadline with three bids, already evaluated, so a newcomer sees a ranking at once. */

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

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
    expect(await seedDemoData(clock.now())).toEqual([]);
    const list = await call("GET", "/v1/tenders", { token: tokens.officer });
    expect(list.body.items.filter((t: any) => t.reference === DEMO_TENDER_REFERENCE)).toHaveLength(1);
  });
});
