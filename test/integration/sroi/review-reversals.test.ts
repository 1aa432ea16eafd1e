import { describe, expect, it } from "vitest";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { eur, newContract } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

describe("reversals (review)", () => {
  it("three concurrent reversals of one entry: one is created, the others are 409, totals stay verified", async () => {
    const id = await newContract(tokens.officer, "ZW-RV-R1");
    const entry = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "work-experience",
        candidateRef: "R1",
        startDate: "2025-01-01",
        endDate: "2025-04-30",
        period: "2025-H1",
      },
    });
    expect(entry.status).toBe(201);
    const accepted = await call("POST", `/v1/contracts/${id}/entries/${entry.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "evidence checked" },
    });
    expect(accepted.status).toBe(200);

    const reverse = (reason: string, idempotencyKey: string) =>
      call("POST", `/v1/contracts/${id}/entries/${entry.body.id}/reversal`, {
        token: supplier,
        body: { reason },
        idempotencyKey,
      });
    const keys = [newKey(), newKey(), newKey()];
    const results = await Promise.all(keys.map((key, i) => reverse(`reason ${i}`, key)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.text).toContain("already has a reversal");

    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(balance.body).toMatchObject({
      credited: eur(3000),
      pending: eur(-3000),
      totalsVerified: true,
      entries: { submitted: 1, accepted: 1 },
    });
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, inFlight: 0, entries: 2 });

    // A retry of the winning request (same idempotency key) gets its reversal back; totals stay verified.
    const w = results.findIndex((r) => r.status === 201);
    const retried = await reverse(`reason ${w}`, keys[w]!);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(results[w]!.body);
    const still = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(still.body).toMatchObject({ pending: eur(-3000), totalsVerified: true });
  });
});
