import { expect } from "vitest";
import { call, DEMO, newKey, tokenFor } from "../../support/api.js";

export const eur = (amount: number) => ({ amount, currency: "EUR" as const });

/** Registers a running services contract of the second demo supplier; `extra` overrides any field. */
export async function newContract(
  officerToken: string,
  reference: string,
  extra: Record<string, unknown> = {},
) {
  const res = await call("POST", "/v1/contracts", {
    token: officerToken,
    idempotencyKey: newKey(),
    body: {
      reference,
      title: "Beheer openbare ruimte",
      supplierId: DEMO.suppliers[1],
      type: "services",
      value: eur(2_000_000),
      startDate: "2025-01-01",
      endDate: "2026-12-31",
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A region's policy body as the auditors publish it: 5 % from EUR 100,000, works and services. */
export const policyBody = (catalogueId: string) => ({
  catalogueId,
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
});

/**
 * The Utrecht region (its catalogue has an hours block) made usable once per table: a region body, a
 * municipality and a policy. Returns a token of the municipality's officer.
 */
export async function utrechtOfficer(adminToken: string): Promise<string> {
  const regionBody = await call("POST", "/v1/organisations", {
    token: adminToken,
    body: { id: "rb-utrecht", kind: "region-body", name: "SROI Utrecht", regionId: "utrecht" },
  });
  if (regionBody.status === 201) {
    const municipality = {
      id: "gm-utrecht",
      kind: "municipality",
      name: "Gemeente Utrecht",
      regionId: "utrecht",
    };
    expect((await call("POST", "/v1/organisations", { token: adminToken, body: municipality })).status).toBe(
      201,
    );
    const published = await call("POST", "/v1/sroi/policies/utrecht", {
      token: await tokenFor("auditor", "rb-utrecht"),
      idempotencyKey: newKey(),
      body: policyBody("utrecht"),
    });
    expect(published.status).toBe(201);
  }
  return tokenFor("officer", "gm-utrecht");
}

/**
 * A region of its own whose policy takes `base` (5 % from EUR 100,000), a municipality in it, and a
 * services contract of the second demo supplier registered there (EUR 20,000, 2025–2026).
 */
export async function contractOnBase(
  adminToken: string,
  base: "wage-bill" | "invoiced-turnover",
  name: string,
): Promise<{ contractId: string; officer: string; auditor: string; regionId: string }> {
  const regionId = `regio-${name}`;
  const created = (res: { status: number; text: string }) => expect(res.status, res.text).toBe(201);
  created(
    await call("POST", "/v1/regions", { token: adminToken, body: { id: regionId, name: `Regio ${name}` } }),
  );
  const bodyOrg = { id: `rb-${name}`, kind: "region-body", name: `SROI ${name}`, regionId };
  created(await call("POST", "/v1/organisations", { token: adminToken, body: bodyOrg }));
  const municipality = { id: `gm-${name}`, kind: "municipality", name: `Gemeente ${name}`, regionId };
  created(await call("POST", "/v1/organisations", { token: adminToken, body: municipality }));
  const auditor = await tokenFor("auditor", bodyOrg.id);
  created(
    await call("POST", `/v1/sroi/policies/${regionId}`, {
      token: auditor,
      idempotencyKey: newKey(),
      body: { ...policyBody("oost-nederland"), base },
    }),
  );
  const officer = await tokenFor("officer", municipality.id);
  const contractId = await newContract(officer, `${name}-1`);
  return { contractId, officer, auditor, regionId };
}
