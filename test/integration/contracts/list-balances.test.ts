import { describe, expect, it } from "vitest";
import { BLOCK_IDS_FIELD, totalsKey } from "../../../lib/entities/totals.js";
import { addCounters } from "../../../lib/store/counters.js";
import { getItem, removeFieldsIf } from "../../../lib/store/ops.js";
import { call, DEMO, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";
import { callsOf, submitQuarterEntry } from "./support.js";

/**
 * A contract list shows each contract's balance exactly as GET /v1/contracts/{id}/balance does: the same
 * domain function on the same stored totals, read for a whole page at once.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplierId = DEMO.suppliers[2];
const supplier = await tokenFor("supplier", supplierId);
const deventer = await tokenFor("officer", DEMO.municipalities[1]);
// Cases that change stored totals by hand use Enschede's list, so Deventer's stays as set up below.
const enschede = await tokenFor("officer", DEMO.municipalities[2]);

const submit = (contractId: string, candidateRef: string, blockId: string, extra = {}) =>
  submitQuarterEntry(supplier, contractId, candidateRef, blockId, extra);
const review = async (contractId: string, entryId: string, decision: "accept" | "reject") => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token: tokens.auditor,
    body: { decision, reason: "checked" },
  });
  expect(res.status, res.text).toBe(200);
};

/** Each listed contract of `token`'s list next to its own balance. */
async function listedAndSingle(token: string, ids: string[]) {
  const listed = await call("GET", "/v1/contracts?limit=500", { token });
  expect(listed.status).toBe(200);
  return Promise.all(
    ids.map(async (id) => ({
      listed: listed.body.items.find((i: { id: string }) => i.id === id)?.balance,
      single: (await call("GET", `/v1/contracts/${id}/balance`, { token })).body,
    })),
  );
}

// Deventer's contracts with the third demo supplier: entries in three blocks, accepted, rejected and
// pending; one without entries; one with only a rejected entry.
const busy = await newContract(deventer, "DV-LB-1", { supplierId });
await review(busy, await submit(busy, "L1", "work-experience"), "accept");
await review(busy, await submit(busy, "L2", "bbl-1-2"), "reject");
await submit(busy, "L3", "pwet-gt-2y", { fte: 0.5 });
await submit(busy, "L4", "work-experience", {
  startDate: "2025-05-01",
  endDate: "2025-05-31",
  period: "2025-05",
});
const quiet = await newContract(deventer, "DV-LB-2", { supplierId });
const rejected = await newContract(deventer, "DV-LB-3", { supplierId });
await review(rejected, await submit(rejected, "L5", "work-experience"), "reject");
const ids = [busy, quiet, rejected];

describe("balances in contract lists", () => {
  it.each([
    ["officer", () => deventer],
    ["supplier", () => supplier],
    ["auditor", () => tokens.auditor],
  ])("the %s's list shows the same balances as each contract's own", async (_, token) => {
    const pairs = await listedAndSingle(token(), ids);
    // The rejected entry's block has nothing credited or pending: it is not listed.
    expect(pairs[0]!.single.byBlock.map((b: { blockId: string }) => b.blockId)).toEqual([
      "pwet-gt-2y",
      "work-experience",
    ]);
    expect(pairs[0]!.single.entries).toEqual({ submitted: 2, accepted: 1, rejected: 1 });
    for (const { listed, single } of pairs) expect(listed).toEqual(single);
  });

  it("reads a TOTALS row stored before it named its block rows (one query more), with the same figures", async () => {
    const legacy = await newContract(enschede, "EN-LB-4", { supplierId });
    await review(legacy, await submit(legacy, "L6", "work-experience"), "accept");
    await submit(legacy, "L7", "bbl-1-2");
    expect(await removeFieldsIf(totalsKey(legacy), [BLOCK_IDS_FIELD])).toBe(true);
    const { result, calls } = await callsOf(() => listedAndSingle(enschede, [legacy]));
    for (const { listed, single } of result) expect(listed).toEqual(single);
    expect(result[0]!.single.byBlock).toHaveLength(2);
    expect(calls.filter((c) => c.command === "QueryCommand").length).toBeGreaterThan(1);
  });

  it("repairs totals whose marker a crash left behind before showing them, as the contract's balance does", async () => {
    const crashed = await newContract(enschede, "EN-LB-5", { supplierId });
    await review(crashed, await submit(crashed, "L8", "work-experience"), "accept");
    // A marker raised long ago by an operation that died, with a wrong credited figure.
    await addCounters(
      totalsKey(crashed),
      { inFlight: 1, creditedCents: 12_34 },
      { inFlightSince: "2026-01-01T00:00:00.000Z" },
    );
    const listed = await call("GET", "/v1/contracts?limit=500", { token: enschede });
    const balance = listed.body.items.find((i: { id: string }) => i.id === crashed).balance;
    // Repaired from the entries: the stray 12.34 is gone, TOTALS agrees with its block row again.
    expect(balance.totalsVerified).toBe(true);
    expect(balance.credited).toEqual(balance.byBlock[0].credited);
    expect(balance).toEqual(
      (await call("GET", `/v1/contracts/${crashed}/balance`, { token: enschede })).body,
    );
    expect((await getItem(totalsKey(crashed)))?.inFlight).toBe(0);
  });

  it("filters on the balance status after reading the page: same calls, fewer items", async () => {
    const all = await call("GET", "/v1/contracts?limit=500", { token: deventer });
    const statuses = all.body.items.map((i: { balance: { status: string } }) => i.balance.status);
    for (const status of new Set<string>(statuses)) {
      const { result, calls } = await callsOf(() =>
        call("GET", `/v1/contracts?limit=500&status=${status}`, { token: deventer }),
      );
      expect(result.body.items.map((i: { id: string }) => i.id)).toEqual(
        all.body.items
          .filter((i: { balance: { status: string } }) => i.balance.status === status)
          .map((i: { id: string }) => i.id),
      );
      expect(calls.filter((c) => c.command === "QueryCommand")).toHaveLength(1);
    }
  });
});
