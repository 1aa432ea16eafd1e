import { describe, expect, it } from "vitest";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { eur, policyBody } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();

const policy = policyBody("utrecht");

describe("a second region with its own rules (Utrecht model)", () => {
  it("its auditors publish a policy; purchases, hours and bonuses are valued with its catalogue", async () => {
    for (const body of [
      { id: "rb-utrecht", kind: "region-body", name: "SROI Utrecht", regionId: "utrecht" },
      { id: "gm-utrecht", kind: "municipality", name: "Gemeente Utrecht", regionId: "utrecht" },
      {
        id: "sup-sw-utrecht",
        kind: "supplier",
        name: "SW-bedrijf Utrecht",
        kvk: "12345678",
        socialEnterprise: { kind: "sw-company", evidence: "Wsw-bedrijf (test)", validUntil: "2027-12-31" },
      },
    ])
      expect((await call("POST", "/v1/organisations", { token: tokens.admin, body })).status).toBe(201);
    const auditor = await tokenFor("auditor", "rb-utrecht");
    const officer = await tokenFor("officer", "gm-utrecht");
    const supplier = await tokenFor("supplier", DEMO.suppliers[2]);

    expect(
      (await call("POST", "/v1/sroi/policies/utrecht", { token: tokens.auditor, body: policy })).status,
    ).toBe(403);
    const published = await call("POST", "/v1/sroi/policies/utrecht", {
      token: auditor,
      body: policy,
      idempotencyKey: newKey(),
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ id: "utrecht", version: 1, sanctionFactor: 1.5 });
    const sameStart = await call("POST", "/v1/sroi/policies/utrecht", {
      token: auditor,
      body: { ...policy, percent: 6 },
    });
    expect(sameStart.status).toBe(400);
    const v2 = await call("POST", "/v1/sroi/policies/utrecht", {
      token: auditor,
      body: { ...policy, percent: 6, effectiveFrom: "2027-01-01" },
    });
    expect(v2.body.version).toBe(2);

    const contract = await call("POST", "/v1/contracts", {
      token: officer,
      idempotencyKey: newKey(),
      body: {
        reference: "UT-2025-1",
        title: "Schoonmaak stadskantoor",
        supplierId: DEMO.suppliers[2],
        type: "services",
        value: eur(400000),
        startDate: "2025-01-01",
        endDate: "2026-12-31",
      },
    });
    expect(contract.body).toMatchObject({
      regionId: "utrecht",
      obligation: { amount: eur(20000) }, // 5 % — version 1 is in force at award, version 2 starts in 2027
      policy: { id: "utrecht", version: 1, valuationDate: "award-date" },
      awardCatalogue: { id: "utrecht", version: "current-as-retrieved" },
    });
    const id = contract.body.id;
    const entries = `/v1/contracts/${id}/entries`;
    const purchase = await call("POST", entries, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "social-purchase",
        invoice: {
          invoiceNumber: "123456782",
          date: "2025-03-15",
          amount: eur(12345.67),
          vendorKvk: "12345678",
        },
        period: "2025-H1",
      },
    });
    expect(purchase.status).toBe(201); // an invoice number is a structured identifier: not scanned for a BSN
    expect(purchase.body).toMatchObject({
      value: eur(12345.67),
      formula: "1 × 12345.67",
      startDate: "2025-03-15",
    });
    const hours = await call("POST", entries, {
      token: supplier,
      body: {
        blockId: "social-activity",
        startDate: "2025-04-01",
        endDate: "2025-04-30",
        hours: 12.5,
        period: "2025-H1",
      },
    });
    expect(hours.body.value).toEqual(eur(1250));
    const bonus = await call("POST", entries, {
      token: supplier,
      body: {
        blockId: "pwet",
        candidateRef: "UT-7",
        startDate: "2025-01-01",
        endDate: "2025-12-31",
        fte: 0.5,
        bonuses: ["bonus-50plus", "bonus-permanent"],
        period: "2025",
      },
    });
    expect(bonus.body).toMatchObject({
      value: eur(30000),
      formula: "(40000 + 10000 + 10000) × 0.5 × 12/12 (calendar-fraction months)",
    });
    const noRef = await call("POST", entries, {
      token: supplier,
      body: {
        blockId: "social-activity",
        candidateRef: "X",
        startDate: "2025-04-01",
        endDate: "2025-04-30",
        hours: 1,
        period: "2025-H1",
      },
    });
    expect(noRef.status).toBe(400);
    expect(noRef.body.errors[0].path).toBe("body.candidateRef");
    // The Oost-Nederland auditor has no say here
    expect(
      (
        await call("POST", `${entries}/${purchase.body.id}/review`, {
          token: tokens.auditor,
          body: { decision: "accept", reason: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call("POST", `${entries}/${purchase.body.id}/review`, {
          token: auditor,
          body: { decision: "accept", reason: "invoice and SW registration checked" },
        })
      ).status,
    ).toBe(200);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: officer });
    expect(balance.body).toMatchObject({
      credited: eur(12345.67),
      pending: eur(31250),
      recoveryDeadline: "2027-06-29",
    });
  });
});
