import { beforeAll, describe, expect, it } from "vitest";
import { call, DEMO, tokenFor, useClock } from "../../support/api.js";
import { storedFixture } from "../../support/stored-fixture.js";

/**
 * Items as the release of 28 November 2026 stored them (test/fixtures/README.md): tenders with lots,
 * procedures and standstill dates, contracts naming their lot, base amounts, pool transfers and
 * organisations with their monitor fields. They keep reading through their entities and the API.
 */
const { items, ownersOf, readAs, load } = storedFixture("stored-items-2026-11-28.jsonl");

useClock(new Date("2026-06-10T08:00:00Z"));

beforeAll(load);

describe("stored items of the release of 28 November 2026", () => {
  it("each has exactly one entity, and it reads the item", () => {
    expect(items.length).toBeGreaterThan(400);
    const problems: string[] = [];
    for (const item of items) {
      const owners = ownersOf(item);
      if (owners.length !== 1) problems.push(`${item.pk} / ${item.sk}: ${owners.length} owners`);
      else
        try {
          owners[0]!.read(item);
        } catch (error) {
          problems.push(String((error as Error).message));
        }
    }
    expect(problems).toEqual([]);
  });

  it("reads back through the API: tenders with their lots, a bid on lot 2, contracts naming their lot", async () => {
    const tenders = readAs<{ id: string; buyerId: string; lots: { id: string }[] }>("tender");
    const twoLots = tenders.find((t) => t.lots.length === 2)!;
    expect(twoLots).toBeDefined();
    for (const tender of tenders) {
      const token = await tokenFor("officer", tender.buyerId);
      const read = await call("GET", `/v1/tenders/${tender.id}`, { token });
      expect(read.status, read.text).toBe(200);
      expect(read.body.lots.map((l: { id: string }) => l.id)).toEqual(tender.lots.map((l) => l.id));
    }
    const officer = await tokenFor("officer", twoLots.buyerId);
    const bids = await call("GET", `/v1/tenders/${twoLots.id}/bids`, { token: officer });
    expect(bids.status, bids.text).toBe(200);
    const contracts = readAs<{ id: string; buyerId: string; tenderId: string | null }>("contract");
    for (const contract of contracts) {
      const token = await tokenFor("officer", contract.buyerId);
      const read = await call("GET", `/v1/contracts/${contract.id}`, { token });
      expect(read.status, read.text).toBe(200);
      expect(read.body.lotId).toBe(contract.tenderId ? "1" : null);
      for (const path of ["balance", "base-amounts", "pool-transfers", "obligations"]) {
        const response = await call("GET", `/v1/contracts/${contract.id}/${path}`, { token });
        expect(response.status, `${path}: ${response.text}`).toBe(200);
      }
    }
  });

  it("reads back through the API: organisations with their monitor fields, and the region's monitor", async () => {
    const admin = await tokenFor("admin", DEMO.operator);
    for (const org of readAs<{ id: string }>("organisation"))
      expect((await call("GET", `/v1/organisations/${org.id}`, { token: admin })).status).toBe(200);
    const auditor = await tokenFor("auditor", DEMO.regionBody);
    const monitor = await call("GET", `/v1/regions/${DEMO.region}/impact-monitor?from=2026-01&to=2026-12`, {
      token: auditor,
    });
    expect(monitor.status, monitor.text).toBe(200);
    expect(monitor.body.tenders.count).toBeGreaterThan(0);
  });
});
