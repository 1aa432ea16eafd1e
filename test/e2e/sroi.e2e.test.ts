import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_TENDER_REFERENCE } from "../../lib/seed/demo-tender.js";
import { clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../support/api.js";
import { http, startTestServer } from "../support/http-server.js";

/**
 * The social-return flow end to end, over HTTP: the demo tender is awarded → the contract exists with its
 * obligation → the supplier reports (a BSN and an overlap are refused) → reviews → the balance equals
 * a hand calculation; twenty concurrent submissions all succeed and the totals equal the entries;
 * other tenants get 404.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let tokens: DemoTokens;
const START = new Date("2026-02-02T09:00:00Z");
const eur = (amount: number) => ({ amount, currency: "EUR" });

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemo();
  server = await startTestServer();
});
// Every case starts at START, whatever the case before it did to the clock.
beforeEach(() => clock.set(START));
afterAll(async () => {
  clock.reset();
  await server.close();
});

const api = (path: string, init: Parameters<typeof http>[1] = {}) => http(`${server.url}${path}`, init);
const post = (path: string, token: string, json: unknown) =>
  api(path, { method: "POST", token, json, headers: { "idempotency-key": newKey() } });

/** First day of the month `n` months after the month of `date`, and the last day of a month span. */
const monthAfter = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
};
const lastDay = (first: string, months: number) => {
  const d = new Date(`${first}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 0)).toISOString().slice(0, 10);
};

/**
 * The contract of the demo tender's final award to its rank-1 bid. The first call awards it (intended
 * award, standstill, award); later calls find the award, so any case can start from it.
 */
async function demoAward() {
  const officer = tokens.officer;
  const tenders = await api(`/v1/tenders?reference=${DEMO_TENDER_REFERENCE}`, { token: officer });
  const tender = (await api(`/v1/tenders/${tenders.body.items[0].id}`, { token: officer })).body;
  const evaluation = await api(`/v1/tenders/${tender.id}/evaluation`, { token: officer });
  const winner = evaluation.body.ranking[0].bidId as string;
  let contractId: string | undefined = tender.award?.contractId;
  if (!contractId) {
    const intended = await post(`/v1/tenders/${tender.id}/intended-award`, officer, { bidId: winner });
    expect(intended.status).toBe(200);
    clock.set(new Date(Date.parse(intended.body.intendedAward.standstillEndsAt)));
    const awarded = await post(`/v1/tenders/${tender.id}/award`, officer, undefined);
    expect(awarded.status).toBe(200);
    contractId = awarded.body.award.contractId as string;
  }
  return { tenderId: tender.id as string, winner, contractId, supplier: await tokenFor("supplier", winner) };
}

describe("social return from award to balance over HTTP", () => {
  it("the final award creates the contract with the region's obligation and the winning offer", async () => {
    const { tenderId, winner, contractId, supplier } = await demoAward();
    const contract = await api(`/v1/contracts/${contractId}`, { token: supplier });
    expect(contract.status).toBe(200);
    expect(contract.body).toMatchObject({
      source: "award",
      tenderId,
      supplierId: winner,
      obligation: { applies: true },
    });
    // 5 % of the winning price (demo policy), with the policy version that produced it
    expect(contract.body.obligation.amount.amount).toBe(Math.round(contract.body.value.amount * 5) / 100);
    expect(contract.body.policy).toMatchObject({ id: DEMO.region, version: 1 });
    expect(contract.body.commitment.amount.amount).toBeGreaterThanOrEqual(
      contract.body.obligation.amount.amount,
    );
    const obligations = await api(`/v1/contracts/${contractId}/obligations`, { token: supplier });
    expect(obligations.body.items[0].steps.map((s: { step: string }) => s.step)).toEqual([
      "threshold",
      "type",
      "percentage",
    ]);
  });

  it("takes entries, refuses a BSN and an overlap, and after review shows the hand-calculated balance", async () => {
    // The only case that reports on the awarded contract, so its balance is this case's alone.
    const { contractId, supplier } = await demoAward();
    const contract = (await api(`/v1/contracts/${contractId}`, { token: supplier })).body;
    const m1 = monthAfter(contract.startDate, 1);
    clock.set(new Date(`${monthAfter(m1, 9)}T10:00:00Z`));
    const entries = `/v1/contracts/${contractId}/entries`;
    const A = await post(entries, supplier, {
      blockId: "pwet-gt-2y",
      candidateRef: "WIN-001",
      startDate: m1,
      endDate: lastDay(m1, 6),
      fte: 0.8,
      period: m1.slice(0, 4),
      evidence: ["payroll WIN-001"],
    });
    expect(A.status).toBe(201);
    expect(A.body.value).toEqual(eur(16000)); // 40000 × 0.8 × 6/12
    const B = await post(entries, supplier, {
      blockId: "work-experience",
      candidateRef: "WIN-002",
      startDate: monthAfter(m1, 1),
      endDate: lastDay(monthAfter(m1, 1), 3),
      period: monthAfter(m1, 1).slice(0, 7),
    });
    expect(B.body.value).toEqual(eur(2250)); // 750 × 3
    const C = await post(entries, supplier, {
      blockId: "ww-lt-1y",
      candidateRef: "WIN-003",
      startDate: m1,
      endDate: lastDay(m1, 2),
      fte: 0.5,
      period: m1.slice(0, 7),
    });
    expect(C.body.value).toEqual(eur(833.33)); // 10000 × 0.5 × 2/12 = 833.333…

    const bsn = await post(entries, supplier, {
      blockId: "work-experience",
      candidateRef: "WIN-004",
      startDate: m1,
      endDate: lastDay(m1, 1),
      period: m1.slice(0, 7),
      note: "kandidaat 111222333 gestart",
    });
    expect(bsn.status).toBe(422);
    expect(bsn.body.code).toBe("bsn-refused");
    expect(JSON.stringify(bsn.body)).not.toContain("111222333");
    const overlap = await post(entries, supplier, {
      blockId: "work-experience",
      candidateRef: "WIN-001",
      startDate: monthAfter(m1, 2),
      endDate: lastDay(monthAfter(m1, 2), 1),
      period: monthAfter(m1, 2).slice(0, 7),
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.code).toBe("candidate-overlap");

    const review = (id: string, decision: string, token: string) =>
      post(`${entries}/${id}/review`, token, { decision, reason: `${decision}: evidence checked` });
    expect((await review(A.body.id, "accept", tokens.auditor)).status).toBe(200);
    expect((await review(B.body.id, "reject", tokens.officer)).status).toBe(200);
    expect((await review(C.body.id, "accept", tokens.auditor)).status).toBe(200);
    expect((await review(A.body.id, "reject", tokens.auditor)).status).toBe(409);

    const balance = await api(`/v1/contracts/${contractId}/balance`, { token: supplier });
    const obligation = contract.obligation.amount.amount;
    const credited = 16000 + 833.33;
    expect(balance.body).toMatchObject({
      obligation: eur(obligation),
      credited: eur(credited),
      pending: eur(0),
      rejected: eur(2250),
      shortfall: eur(Math.round((obligation - credited) * 100) / 100),
      fulfilmentPercent: Math.round((credited / obligation) * 1000) / 10,
      totalsVerified: true,
      entries: { submitted: 0, accepted: 2, rejected: 1 },
    });
    expect(
      balance.body.byBlock.map((b: { blockId: string; persons: number }) => [b.blockId, b.persons]),
    ).toEqual([
      ["pwet-gt-2y", 1],
      ["ww-lt-1y", 1], // the rejected placement leaves nothing in its block
    ]);
  });

  it("accepts twenty concurrent submissions; the running totals equal the entries", async () => {
    // A contract of its own, registered without a tender, so the totals count only these entries.
    const supplierId = DEMO.suppliers[1];
    const registered = await post("/v1/contracts", tokens.officer, {
      reference: "ZW-E2E-CONCURRENT",
      title: "Beheer openbare ruimte",
      supplierId,
      type: "services",
      value: eur(2_000_000),
      startDate: "2025-01-01",
      endDate: "2026-12-31",
    });
    expect(registered.status).toBe(201);
    const contractId = registered.body.id as string;
    const supplier = await tokenFor("supplier", supplierId);
    const first = monthAfter(registered.body.startDate, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/v1/contracts/${contractId}/entries`, supplier, {
          blockId: "work-experience",
          candidateRef: `WIN-P${i}`,
          startDate: first,
          endDate: lastDay(first, 2),
          period: first.slice(0, 4),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const balance = await api(`/v1/contracts/${contractId}/balance`, { token: tokens.officer });
    expect(balance.body).toMatchObject({ pending: eur(20 * 1500), totalsVerified: true });
    expect(balance.body.entries.submitted).toBe(20);
    const check = await post(
      `/v1/contracts/${contractId}/totals/recompute?repair=false`,
      tokens.admin,
      undefined,
    );
    expect(check.body).toMatchObject({ consistent: true, differences: [], entries: 20 });
  });

  it("never shows a contract to another tenant (404)", async () => {
    const { contractId, supplier } = await demoAward();
    const loser = await tokenFor("supplier", DEMO.suppliers[2]);
    const deventer = await tokenFor("officer", DEMO.municipalities[1]);
    await http(`${server.url}/v1/regions`, {
      method: "POST",
      token: tokens.admin,
      json: { id: "regio-e2e-sroi", name: "E2E" },
    });
    await http(`${server.url}/v1/organisations`, {
      method: "POST",
      token: tokens.admin,
      json: { id: "rb-e2e-sroi", kind: "region-body", name: "Other region body", regionId: "regio-e2e-sroi" },
    });
    const otherAuditor = await tokenFor("auditor", "rb-e2e-sroi");
    for (const token of [loser, deventer, otherAuditor]) {
      expect((await api(`/v1/contracts/${contractId}`, { token })).status).toBe(404);
      expect((await api(`/v1/contracts/${contractId}/balance`, { token })).status).toBe(404);
      expect((await api(`/v1/contracts/${contractId}/entries`, { token })).status).toBe(404);
    }
    const foreignEntry = await post(`/v1/contracts/${contractId}/entries`, loser, {
      blockId: "work-experience",
      candidateRef: "X",
      startDate: "2026-01-01",
      endDate: "2026-01-31",
      period: "2026-01",
    });
    expect(foreignEntry.status).toBe(404);
    const listed = await api("/v1/contracts", { token: loser });
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(contractId);
    const own = await api("/v1/contracts", { token: supplier });
    const balance = await api(`/v1/contracts/${contractId}/balance`, { token: supplier });
    expect(own.body.items.find((c: { id: string }) => c.id === contractId).balance.credited).toEqual(
      balance.body.credited,
    );
  });
});
