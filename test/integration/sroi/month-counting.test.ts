import { describe, expect, it } from "vitest";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";
import { eur, newContract, policyBody } from "./support.js";

/** The policy's monthCounting through the real handlers: the contract keeps it, entries count by it. */
useClock(new Date("2026-07-01T12:00:00Z"));
useFreshCaches();
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const publish = (effectiveFrom: string, extra: Record<string, unknown>) =>
  call("POST", `/v1/sroi/policies/${DEMO.region}`, {
    token: tokens.auditor,
    idempotencyKey: newKey(),
    body: { ...policyBody("oost-nederland"), effectiveFrom, ...extra },
  });
const submit = (contractId: string, body: Record<string, unknown>) =>
  call("POST", `/v1/contracts/${contractId}/entries`, { token: supplier, body, idempotencyKey: newKey() });
const employment = {
  blockId: "ww-lt-1y",
  candidateRef: "MC-1",
  startDate: "2026-01-15",
  endDate: "2026-02-14",
  fte: 1,
  period: "2026-Q1",
};

describe("month counting by the policy (monthCounting)", () => {
  it("counts 15 January to 14 February as one month under anniversary, 17/31 + 14/28 by calendar-fraction", async () => {
    // Versions stored before the option read as calendar-fraction.
    const before = await call("GET", `/v1/sroi/policies/${DEMO.region}`, { token: tokens.auditor });
    expect(before.body.versions[0]).toMatchObject({ monthCounting: "calendar-fraction" });

    const calendar = await newContract(tokens.officer, "MC-CAL", { startDate: "2025-01-01" });
    const published = await publish("2025-06-01", { monthCounting: "anniversary" });
    expect(published.status).toBe(201);
    expect(published.body.monthCounting).toBe("anniversary");
    const anniversary = await newContract(tokens.officer, "MC-ANN", { startDate: "2025-07-01" });

    const c = await call("GET", `/v1/contracts/${anniversary}`, { token: tokens.officer });
    expect(c.body.policy).toMatchObject({
      monthCounting: "anniversary",
      countingMaximumPer: "contract",
      allowPooling: false,
    });

    const a = await submit(anniversary, employment);
    expect(a.status).toBe(201);
    // 10,000 a year × 1 FTE × 1 month / 12 = 833.33
    expect(a.body).toMatchObject({
      reportedMonths: 1,
      exactMonths: { reported: "1", counted: "1" },
      value: eur(833.33),
      formula: "10000 × 1 × 1/12 (anniversary months) = 2500/3 → 833.33",
    });

    const b = await submit(calendar, { ...employment, candidateRef: "MC-2" });
    expect(b.status).toBe(201);
    // 17/31 + 14/28 = 65/62 month: 10,000 × 65/62 / 12 = 873.655… → 873.66
    expect(b.body).toMatchObject({
      exactMonths: { reported: "65/62", counted: "65/62" },
      value: eur(873.66),
      formula: "10000 × 1 × (65/62)/12 (calendar-fraction months) = 81250/93 → 873.66",
    });
  });

  it("refuses an unknown rule (400 naming the field)", async () => {
    const refused = await publish("2027-01-01", { monthCounting: "thirty-day" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe("body.monthCounting");
  });
});
