import { describe, expect, it } from "vitest";
import { entryEntity, entryKey } from "../../../lib/entities/entry.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { eur, policyBody } from "./support.js";

/**
 * A social purchase's vendor qualifies through its organisation: the supplier with the invoice's KvK
 * number whose social-enterprise evidence holds on the invoice date; the entry no longer says so itself.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();

async function utrechtContract() {
  for (const body of [
    { id: "rb-utrecht-vq", kind: "region-body", name: "SROI Utrecht", regionId: "utrecht" },
    {
      id: "gm-utrecht-vq",
      kind: "municipality",
      name: "Gemeente Utrecht",
      regionId: "utrecht",
      cbsCode: "GM0344",
    },
    {
      id: "sup-werkbedrijf-vq",
      kind: "supplier",
      name: "Werkbedrijf Utrecht",
      kvk: "41000001",
      sizeClass: "medium",
      socialEnterprise: { kind: "sw-company", evidence: "Wsw-bedrijf (test)", validUntil: "2025-06-30" },
    },
    { id: "sup-gewoon-vq", kind: "supplier", name: "Gewoon Bedrijf", kvk: "41000002", sizeClass: "large" },
  ])
    expect((await call("POST", "/v1/organisations", { token: tokens.admin, body })).status).toBe(201);
  const auditor = await tokenFor("auditor", "rb-utrecht-vq");
  const officer = await tokenFor("officer", "gm-utrecht-vq");
  await call("POST", "/v1/sroi/policies/utrecht", {
    token: auditor,
    body: policyBody("utrecht"),
    idempotencyKey: newKey(),
  });
  const contract = await call("POST", "/v1/contracts", {
    token: officer,
    idempotencyKey: newKey(),
    body: {
      reference: "UT-VQ-1",
      title: "Schoonmaak stadskantoor",
      supplierId: DEMO.suppliers[2],
      type: "services",
      value: eur(400_000),
      startDate: "2025-01-01",
      endDate: "2026-12-31",
    },
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  return contract.body.id as string;
}

const purchase = (date: string, vendorKvk: string, extra: Record<string, unknown> = {}) => ({
  blockId: "social-purchase",
  invoice: { invoiceNumber: `F-${date}-${vendorKvk}`, date, amount: eur(1000), vendorKvk, ...extra },
  period: `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`,
});

describe("vendor qualification of purchase entries", () => {
  it("takes the qualification from the vendor's organisation, valid on the invoice date; otherwise 422", async () => {
    const contractId = await utrechtContract();
    const supplier = await tokenFor("supplier", DEMO.suppliers[2]);
    const submit = (body: unknown) =>
      call("POST", `/v1/contracts/${contractId}/entries`, {
        token: supplier,
        idempotencyKey: newKey(),
        body,
      });

    const ok = await submit(purchase("2025-03-15", "41000001"));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.invoice).toMatchObject({ vendorKvk: "41000001", vendorQualification: "sw-company" });

    const refusals = [
      [purchase("2025-07-01", "41000001"), /held until 2025-06-30/], // evidence expired the day before
      [purchase("2025-03-15", "41000002"), /no social-enterprise evidence/],
      [purchase("2025-03-15", "41009999"), /no supplier organisation has KvK number 41009999/],
    ] as const;
    for (const [body, message] of refusals) {
      const refused = await submit(body);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe("vendor-not-qualified");
      expect(refused.body.errors).toEqual([
        { path: "body.invoice.vendorKvk", message: expect.stringMatching(message) },
      ]);
    }

    // The admin renews the evidence: the same invoice now qualifies.
    const vendor = await call("GET", "/v1/organisations/sup-werkbedrijf-vq", { token: tokens.admin });
    const renewed = await call("PATCH", "/v1/organisations/sup-werkbedrijf-vq", {
      token: tokens.admin,
      body: {
        socialEnterprise: { kind: "pso-30plus", evidence: "PSO 30+ (test)", validUntil: "2026-12-31" },
        version: vendor.body.version,
      },
    });
    expect(renewed.status).toBe(200);
    const later = await submit(purchase("2025-07-01", "41000001"));
    expect(later.status).toBe(201);
    expect(later.body.invoice.vendorQualification).toBe("pso-30plus");
  });

  it("refuses vendorQualification on a new entry, saying where the qualification comes from now", async () => {
    const response = await call("POST", `/v1/contracts/${DEMO.contract.id}/entries`, {
      token: await tokenFor("supplier", DEMO.suppliers[0]),
      idempotencyKey: newKey(),
      body: purchase("2025-03-15", "90000002", { vendorQualification: "sw-company" }),
    });
    expect(response.status).toBe(400);
    const error = response.body.errors.find(
      (e: { path: string }) => e.path === "body.invoice.vendorQualification",
    );
    expect(error.message).toMatch(/now comes from the vendor's organisation/);
  });

  it("reads a stored entry's old qualification social-enterprise as social-enterprise-nl", () => {
    const stored = {
      ...entryKey("c1", "e1"),
      id: "e1",
      contractId: "c1",
      supplierId: "s1",
      status: "accepted",
      blockId: "social-purchase",
      kind: "purchase",
      targetGroup: null,
      catalogue: { id: "utrecht", version: "1" },
      candidateRef: null,
      startDate: "2025-03-15",
      endDate: "2025-03-15",
      fte: null,
      hours: null,
      units: null,
      invoice: {
        invoiceNumber: "F1",
        date: "2025-03-15",
        amountCents: 100_000,
        vendorKvk: "41000001",
        vendorQualification: "social-enterprise",
      },
      bonuses: [],
      evidence: [],
      period: "2025-H1",
      reportedMonths: null,
      countedMonths: null,
      valueCents: 100_000,
      formula: "1 × 1000.00",
      reverses: null,
      submittedAt: "2025-03-20T10:00:00.000Z",
      submittedBy: "s",
      submittedByOrg: "s1",
      review: null,
      totals: "applied",
    };
    expect(entryEntity.read(stored).invoice?.vendorQualification).toBe("social-enterprise-nl");
  });
});
