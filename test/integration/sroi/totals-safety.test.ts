import { describe, expect, it } from "vitest";
import { call, clock, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { eur, newContract } from "./support.js";

clock.set(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const balanceOf = async (id: string) =>
  (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;

/** Utrecht's catalogue has an hours block; its region needs a body, a municipality and a policy. */
async function utrechtOfficer() {
  for (const body of [
    { id: "rb-utrecht", kind: "region-body", name: "SROI Utrecht", regionId: "utrecht" },
    { id: "gm-utrecht", kind: "municipality", name: "Gemeente Utrecht", regionId: "utrecht" },
  ])
    expect((await call("POST", "/v1/organisations", { token: tokens.admin, body })).status).toBe(201);
  const auditor = await tokenFor("auditor", "rb-utrecht");
  const published = await call("POST", "/v1/sroi/policies/utrecht", {
    token: auditor,
    idempotencyKey: newKey(),
    body: {
      catalogueId: "utrecht",
      effectiveFrom: null,
      threshold: eur(100000),
      thresholdInclusive: true,
      contractTypes: ["works", "services"],
      suppliesMinLabourShare: null,
      percent: 5,
      base: "contract value excl. VAT",
      cap: null,
      minimumMonths: null,
      psoDiscountPercentByLevel: {},
      valuationDate: "award-date",
      reportingFrequency: "half-yearly",
      reviewDays: 60,
      recoveryDays: 180,
      retentionMonths: 36,
    },
  });
  expect(published.status).toBe(201);
  return tokenFor("officer", "gm-utrecht");
}

describe("running totals stay verified whatever a supplier sends", () => {
  it("an entry whose value overflows is refused before the marker; the settlement is not blocked", async () => {
    const officer = await utrechtOfficer();
    const id = await newContract(officer, "UT-SAFE-1", { startDate: "2024-01-01", endDate: "2025-06-30" });
    const huge = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "social-activity",
        startDate: "2025-04-01",
        endDate: "2025-04-30",
        hours: 1e14,
        period: "2025-H1",
      },
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(huge.headers["content-type"]).toBe("application/problem+json");
    expect(huge.body.errors?.[0]?.path).toBe("body.hours");
    const balance = (await call("GET", `/v1/contracts/${id}/balance`, { token: officer })).body;
    expect(balance).toMatchObject({ totalsVerified: true, pending: eur(0), entries: { submitted: 0 } });
    const settled = await call("POST", `/v1/contracts/${id}/settlement`, {
      token: officer,
      body: { outcome: "withheld", reason: "withheld from the last payment", version: 1 },
    });
    expect(settled.status).toBe(200);
    expect(settled.body.settlement).toMatchObject({ outcome: "withheld", shortfall: eur(100000) });
  });

  it("50 parallel identical submissions with one Idempotency-Key make one entry and verified totals", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-2");
    const key = newKey();
    const body = {
      blockId: "work-experience",
      candidateRef: "P50",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", `/v1/contracts/${id}/entries`, { token: supplier, body, idempotencyKey: key }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(50);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    for (const r of busy) {
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(r.body.code).toBe("request-in-progress");
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    }
    const entries = await call("GET", `/v1/contracts/${id}/entries`, { token: supplier });
    expect(entries.body.items).toHaveLength(1);
    expect(await balanceOf(id)).toMatchObject({
      pending: eur(750),
      entries: { submitted: 1 },
      totalsVerified: true,
    });
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, inFlight: 0, entries: 1 });
  });
});
