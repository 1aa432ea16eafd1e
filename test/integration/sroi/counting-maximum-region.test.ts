import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { fteClaimKey } from "../../../lib/entities/claims.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";
import { eur, newContract, policyBody } from "./support.js";

/**
 * countingMaximumPer: a block's maximum months per contract (the default), or per candidate across the
 * supplier's contracts in the region — then moving a person to another contract does not restart the clock.
 */
useClock(new Date("2026-07-01T12:00:00Z"));
useFreshCaches();
const tokens = await seedDemo();
const supplierId = DEMO.suppliers[1];
const supplier = await tokenFor("supplier", supplierId);

// Contracts starting before 2025-06-01 fall under version 1 (per contract); later ones under version 2.
const perContractA = await newContract(tokens.officer, "CM-C-A", { startDate: "2025-01-01" });
const perContractB = await newContract(tokens.officer, "CM-C-B", { startDate: "2025-01-01" });
const published = await call("POST", `/v1/sroi/policies/${DEMO.region}`, {
  token: tokens.auditor,
  idempotencyKey: newKey(),
  body: {
    ...policyBody("oost-nederland"),
    effectiveFrom: "2025-06-01",
    countingMaximumPer: "candidate-in-region",
  },
});
const inRegionA = await newContract(tokens.officer, "CM-R-A", { startDate: "2025-07-01" });
const inRegionB = await newContract(tokens.officer, "CM-R-B", { startDate: "2025-07-01" });

const submit = (contractId: string, body: Record<string, unknown>) =>
  call("POST", `/v1/contracts/${contractId}/entries`, { token: supplier, body, idempotencyKey: newKey() });
const review = (contractId: string, entryId: string, decision: "accept" | "reject") =>
  call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token: tokens.auditor,
    body: { decision, reason: decision === "accept" ? "checked" : "not this candidate" },
  });
/** WW < 1 year: EUR 10,000 a year, at most 12 months per candidate. Half time, so two contracts fit 1 FTE. */
const ww = (candidateRef: string, startDate: string, endDate: string) => ({
  blockId: "ww-lt-1y",
  candidateRef,
  startDate,
  endDate,
  fte: 0.5,
  period: endDate.slice(0, 4),
});

describe("counting maximum per candidate in the region", () => {
  it("the policy carries the option, the contract keeps it", async () => {
    expect(published.status).toBe(201);
    expect(published.body.countingMaximumPer).toBe("candidate-in-region");
    const a = await call("GET", `/v1/contracts/${inRegionA}`, { token: tokens.officer });
    expect(a.body.policy.countingMaximumPer).toBe("candidate-in-region");
    const c = await call("GET", `/v1/contracts/${perContractA}`, { token: tokens.officer });
    expect(c.body.policy.countingMaximumPer).toBe("contract");
  });

  it("per contract: a candidate at the maximum on contract A starts again on contract B", async () => {
    const a = await submit(perContractA, ww("CM-Y", "2025-01-01", "2025-12-31"));
    expect(a.body).toMatchObject({ countedMonths: 12, value: eur(5000) });
    const b = await submit(perContractB, ww("CM-Y", "2025-07-01", "2025-12-31"));
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ reportedMonths: 6, countedMonths: 6, value: eur(2500) });
  });

  it("per candidate in the region: the months on contract A count before those on contract B", async () => {
    const a = await submit(inRegionA, ww("CM-X", "2025-07-01", "2026-06-30"));
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ countedMonths: 12, value: eur(5000) });
    const b = await submit(inRegionB, ww("CM-X", "2026-01-01", "2026-06-30"));
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({
      reportedMonths: 6,
      countedMonths: 0,
      value: eur(0),
      formula:
        "10000 × 0.5 × 0/12 (calendar-fraction months; 6 months reported, 12 counted before on the supplier's contracts in the region; at most 12 counted)",
    });

    // Rejecting A's entry releases its months, exactly like the per-contract claim: B's next entry counts
    // only B's own 6 months before it.
    expect((await review(inRegionA, a.body.id, "reject")).status).toBe(200);
    const again = await submit(inRegionB, ww("CM-X", "2025-07-01", "2025-12-31"));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ reportedMonths: 6, countedMonths: 6, value: eur(2500) });
    // Now 12 counted before in the region: a further entry on A counts nothing.
    const more = await submit(inRegionA, ww("CM-X", "2025-07-01", "2025-09-30"));
    expect(more.body).toMatchObject({ countedMonths: 0, value: eur(0) });
  });

  it("periods claimed before they noted their region are placed by their contract's region", async () => {
    const a = await submit(inRegionA, ww("CM-Z", "2025-07-01", "2026-04-30"));
    expect(a.body.countedMonths).toBe(10);
    const key = fteClaimKey(supplierId, "CM-Z");
    const claim = (await getItem(key))!;
    const periods = (claim.contractPeriods as Record<string, unknown>[]).map(({ regionId: _, ...p }) => p);
    await db.send(new PutCommand({ TableName: tableName(), Item: { ...claim, contractPeriods: periods } }));
    const b = await submit(inRegionB, ww("CM-Z", "2026-01-01", "2026-06-30"));
    expect(b.body).toMatchObject({ reportedMonths: 6, countedMonths: 2, value: eur(833.33) });
  });
});
