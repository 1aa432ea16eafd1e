import { describe, expect, it } from "vitest";
import type { ReportRequest } from "../../../lib/domain/reports/model.js";
import { type Actor, operation } from "../../../lib/operation.js";
import { gatherReportInput } from "../../../lib/reports/input.js";
import { installCallCounter } from "../../../lib/store/call-counter.js";
import { db } from "../../../lib/store/client.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";

/**
 * The input of a regional report, gathered from the month rows of the running totals: the contracts of
 * the scope with their rows, names, policies, catalogues and overdue reviews, at a cost that does not
 * grow with the number of entries.
 */
const NOW = new Date("2026-07-01T12:00:00Z");
useClock(NOW);
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const deventer = await tokenFor("officer", DEMO.municipalities[1]);
const auditor: Actor = {
  sub: "test-auditor",
  role: "auditor",
  orgId: DEMO.regionBody,
  regionId: DEMO.region,
};
const H1: ReportRequest["period"] = { from: "2026-01", to: "2026-06" };

const submit = async (contractId: string, candidateRef: string, month: string, period = `2026-${month}`) => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    body: {
      blockId: "work-experience",
      candidateRef,
      startDate: `2026-${month}-01`,
      endDate: `2026-${month}-28`,
      period,
    },
    idempotencyKey: newKey(),
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; value: { amount: number } };
};

const accept = async (contractId: string, entryId: string) =>
  expect(
    (
      await call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
        token: tokens.auditor,
        body: { decision: "accept", reason: "checked" },
      })
    ).status,
  ).toBe(200);

const gather = (request: Omit<ReportRequest, "regionId">, onProgress?: (d: number, t: number) => void) =>
  gatherReportInput(operation(auditor, clock.now()), { regionId: DEMO.region, ...request }, onProgress);

// Zwolle's contract with an accepted and a pending entry of March; Deventer's with an entry submitted
// in April (for March), pending past the policy's 30 review days by July; an old Zwolle contract without entries.
const zwolle = await newContract(tokens.officer, "RI-ZWOLLE");
const a = await submit(zwolle, "Z1", "03", "2026-Q1");
await submit(zwolle, "Z2", "02", "2026-Q1");
await accept(zwolle, a.id);
clock.set(new Date("2026-04-15T09:00:00Z"));
const deventerContract = await newContract(deventer, "RI-DEVENTER");
await submit(deventerContract, "D1", "03");
clock.set(NOW);
const old = await newContract(tokens.officer, "RI-OLD", { startDate: "2024-01-01", endDate: "2024-12-31" });

describe("gatherReportInput", () => {
  it("a region: the contracts of every municipality in or around the period, with their month rows", async () => {
    const progress: [number, number][] = [];
    const input = await gather({ scope: "region", scopeId: null, period: H1 }, (d, t) =>
      progress.push([d, t]),
    );
    expect(input.region).toEqual({ id: DEMO.region, name: expect.any(String) });
    expect(input.scope).toEqual({ kind: "region", id: null, name: input.region.name });
    expect(input.computedAt).toBe(NOW.toISOString());
    const ids = input.contracts.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([zwolle, deventerContract]));
    expect(ids).not.toContain(old);
    expect(progress.at(-1)).toEqual([progress.length, progress.length]);
    expect(progress.length).toBeGreaterThanOrEqual(3); // the old contract's rows were read too

    const z = input.contracts.find((c) => c.id === zwolle)!;
    expect(z).toMatchObject({
      reference: "RI-ZWOLLE",
      municipality: { id: DEMO.municipalities[0], name: "Gemeente Zwolle (demo)" },
      supplier: { id: DEMO.suppliers[1] },
      policy: {
        id: DEMO.region,
        version: 1,
        reportingFrequency: "quarterly",
        reviewDays: 30,
        atRiskBehindPercent: 20,
      },
      overdueReviews: 0,
      settledOn: null,
    });
    expect(z.months).toEqual([
      expect.objectContaining({
        month: "2026-03",
        blockId: "work-experience",
        kind: "placement",
        entries: 2,
        acceptedCount: 1,
        pendingCount: 1,
        creditedCents: Math.round(a.value.amount * 100),
        persons: 1,
        catalogues: ["oost-nederland@V05-2023-04"],
      }),
    ]);
    const d = input.contracts.find((c) => c.id === deventerContract)!;
    expect(d.municipality.name).toBe("Gemeente Deventer (demo)");
    expect(d.overdueReviews).toBe(1);
    expect(d.months.map((m) => [m.month, m.pendingCount])).toEqual([["2026-03", 1]]);
    expect(input.rules.catalogues).toEqual([
      {
        id: "oost-nederland",
        version: "V05-2023-04",
        name: expect.any(String),
        validFrom: expect.anything(),
      },
    ]);
    expect(input.rules.policies).toEqual([
      { id: DEMO.region, version: 1, percent: expect.any(Number), atRiskBehindPercent: 20 },
    ]);
  });

  it("a municipality, a supplier across municipalities, and one contract", async () => {
    const municipality = await gather({ scope: "municipality", scopeId: DEMO.municipalities[1], period: H1 });
    expect(municipality.scope.name).toBe("Gemeente Deventer (demo)");
    // Deventer's demo contract and the one of this test.
    expect(municipality.contracts.map((c) => c.id)).toContain(deventerContract);
    expect(municipality.contracts.every((c) => c.municipality.id === DEMO.municipalities[1])).toBe(true);

    const bySupplier = await gather({ scope: "supplier", scopeId: DEMO.suppliers[1], period: H1 });
    const ids = bySupplier.contracts.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([zwolle, deventerContract]));
    expect(new Set(bySupplier.contracts.map((c) => c.municipality.id)).size).toBeGreaterThanOrEqual(2);
    expect(bySupplier.contracts.every((c) => c.supplier.id === DEMO.suppliers[1])).toBe(true);

    const one = await gather({ scope: "contract", scopeId: zwolle, period: H1 });
    expect(one.scope).toEqual({ kind: "contract", id: zwolle, name: "RI-ZWOLLE" });
    expect(one.contracts.map((c) => c.id)).toEqual([zwolle]);
    // Months after the period's end are not read; those before are (cumulative figures).
    const q1 = await gather({
      scope: "contract",
      scopeId: zwolle,
      period: { from: "2026-01", to: "2026-02" },
    });
    expect(q1.contracts[0]!.months).toEqual([]);
  });

  it("reads as many items however many entries the same contracts have in the same months", async () => {
    const counter = installCallCounter(db);
    try {
      const read = async () => {
        const { result, calls } = await counter.counted(() =>
          gather({ scope: "region", scopeId: null, period: H1 }),
        );
        return { result, items: calls.reduce((n, c) => n + (c.itemsRead ?? 0), 0), calls: calls.length };
      };
      await read(); // policies and catalogues cached
      const before = await read();
      for (let i = 0; i < 6; i++) {
        const e = await submit(zwolle, `ZM${i}`, "01", "2026-Q1");
        if (i % 2) await accept(zwolle, e.id);
        await submit(deventerContract, `DM${i}`, "03");
      }
      const after = await read();
      expect(after.items).toBe(before.items);
      expect(after.calls).toBe(before.calls);
      const z = after.result.contracts.find((c) => c.id === zwolle)!;
      expect(z.months[0]).toMatchObject({ month: "2026-03", entries: 8, acceptedCount: 4, pendingCount: 4 });
    } finally {
      counter.remove();
    }
  });
});
