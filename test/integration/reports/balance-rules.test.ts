import { describe, expect, it } from "vitest";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";
import { contractOnBase, eur, newContract, policyBody } from "../sroi/support.js";

/**
 * The report figures take a contract's balance rules as its balance does: pool transfers made up to the
 * status date (a policy that pools) and an obligation to date (a policy on the invoiced turnover).
 */
useClock(new Date("2026-07-01T12:00:00Z"));
useFreshCaches();
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const figures = async (token: string, regionId: string, from: string, to: string) => {
  const res = await call("GET", `/v1/regions/${regionId}/figures?scope=region&from=${from}&to=${to}`, {
    token,
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { contracts: Record<string, unknown>[] };
};
const rowOf = (f: { contracts: Record<string, unknown>[] }, id: string) =>
  f.contracts.find((c) => c.contractId === id)!;

describe("report figures of contracts under a policy that pools", () => {
  it("count the transfers made by the status date in the shortfall and status, as the balance does", async () => {
    // Version 1 (the demo policy) does not pool; version 2, from 2025-06-01, does.
    const noPooling = await newContract(tokens.officer, "RP-OLD", { startDate: "2025-01-01" });
    const published = await call("POST", `/v1/sroi/policies/${DEMO.region}`, {
      token: tokens.auditor,
      idempotencyKey: newKey(),
      body: { ...policyBody("oost-nederland"), effectiveFrom: "2025-06-01", allowPooling: true },
    });
    expect(published.status, published.text).toBe(201);
    const later = { startDate: "2025-07-01", endDate: "2026-12-31" };
    // A: obligation EUR 5,000; B: EUR 20,000.
    const A = await newContract(tokens.officer, "RP-A", { ...later, value: eur(100_000) });
    const B = await newContract(tokens.officer, "RP-B", { ...later, value: eur(400_000) });
    const entry = await call("POST", `/v1/contracts/${A}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "pwet-gt-2y",
        candidateRef: "RP-1",
        startDate: "2025-07-01",
        endDate: "2025-12-31",
        fte: 1,
        period: "2025",
        targetGroupEvidence: { kind: "uitkeringsbewijs", date: "2025-06-15" },
      },
    });
    expect(entry.status, entry.text).toBe(201);
    const review = await call("POST", `/v1/contracts/${A}/entries/${entry.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "payroll checked" },
    });
    expect(review.status, review.text).toBe(200);
    const accepted = entry.body.value.amount * 100;
    const moved = await call("POST", `/v1/contracts/${A}/pool-transfers`, {
      token: tokens.auditor,
      idempotencyKey: newKey(),
      body: { toContractId: B, amount: eur(10_000), reason: "B's works moved to A's site" },
    });
    expect(moved.status, moved.text).toBe(201);

    // Up to July: the status date is today (1 July), the day of the transfer.
    const now = await figures(tokens.auditor, DEMO.region, "2026-01", "2026-07");
    const balanceOf = async (id: string) =>
      (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.auditor })).body;
    const [a, b] = [rowOf(now, A), rowOf(now, B)];
    expect(a).toMatchObject({
      cumulativeAcceptedCents: accepted,
      pooledOutCents: 1_000_000,
      pooledInCents: 0,
      shortfallCents: 0,
      status: (await balanceOf(A)).status,
    });
    expect(b).toMatchObject({
      cumulativeAcceptedCents: 0,
      pooledOutCents: 0,
      pooledInCents: 1_000_000,
      shortfallCents: 1_000_000,
      fulfilmentPercent: 50,
      status: (await balanceOf(B)).status,
    });
    // A contract whose policy does not pool has no pooled figures.
    expect(rowOf(now, noPooling)).not.toHaveProperty("pooledInCents");

    // The first half of 2026 ended the day before the transfer: it counts there for nothing.
    const before = await figures(tokens.auditor, DEMO.region, "2026-01", "2026-06");
    expect(rowOf(before, B)).toMatchObject({ pooledInCents: 0, shortfallCents: 2_000_000 });
    expect(rowOf(before, A)).toMatchObject({ pooledOutCents: 0 });
    // July's previous period (2025-06..2025-12) neither.
    expect(rowOf(now, B)).toMatchObject({ previous: { shortfallCents: 2_000_000 } });
  });
});

describe("report figures of a contract whose obligation grows with its invoiced turnover", () => {
  it("expect the whole obligation to date, as the balance does: on track at EUR 0, then behind", async () => {
    const { contractId, auditor } = await contractOnBase(tokens.admin, "invoiced-turnover", "rapport-omzet");
    const regionId = "regio-rapport-omzet";
    expect(rowOf(await figures(auditor, regionId, "2026-01", "2026-06"), contractId)).toMatchObject({
      obligationCents: 0,
      expectedByNowCents: 0,
      projectedCents: null,
      status: "on-track",
    });
    const reported = await call("POST", `/v1/contracts/${contractId}/base-amounts`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: { period: "2025-Q1", amount: eur(120_000) },
    });
    expect(reported.status, reported.text).toBe(201);
    const reviewed = await call(
      "POST",
      `/v1/contracts/${contractId}/base-amounts/${reported.body.id}/review`,
      {
        token: auditor,
        body: { decision: "accept", reason: "invoices checked" },
      },
    );
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(rowOf(await figures(auditor, regionId, "2026-01", "2026-06"), contractId)).toMatchObject({
      obligationCents: 600_000,
      expectedByNowCents: 600_000,
      projectedCents: null,
      status: "behind",
      atRisk: true,
    });
  });
});
