import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { contractKey } from "../../../lib/entities/contract.js";
import { obligationKey } from "../../../lib/entities/obligation.js";
import { policyKey } from "../../../lib/entities/policy.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { contractOnBase, eur, newContract } from "./support.js";

const tokens = await seedDemo();
const supplier2 = await tokenFor("supplier", DEMO.suppliers[1]);

/** Central government's rule as an inline policy: 5 % of the wage bill above EUR 250,000, ≥ 6 months. */
const rijk = {
  threshold: eur(250_000),
  thresholdInclusive: false,
  contractTypes: ["works", "services"],
  suppliesMinLabourShare: null,
  percent: 5,
  base: "wage-bill",
  cap: null,
  minimumMonths: 6,
  psoDiscountPercentByLevel: {},
};

const obligation = (body: object) => call("POST", "/v1/sroi/obligation", { token: tokens.supplier, body });

describe("POST /v1/sroi/obligation with the policy's base", () => {
  it("gives central government's wage-bill rule: 5 % of EUR 120,000 = EUR 6,000", async () => {
    const res = await obligation({
      policy: rijk,
      contract: { value: eur(400_000), type: "services", months: 12, wageBill: eur(120_000) },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applies: true, obligation: eur(6000) });
    expect(res.body.steps.at(-1)).toEqual({
      step: "percentage",
      detail: "5 % of wage bill EUR 120000.00 = EUR 6000.00",
      amount: eur(6000),
    });
  });

  it("names the missing wage bill in a 400", async () => {
    const res = await obligation({
      policy: rijk,
      contract: { value: eur(400_000), type: "works", months: 12 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: "body.contract.wageBill", message: "required: this policy's base is the wage bill" },
    ]);
  });

  it("answers applies: false for supplies under a policy that leaves them out (no labour share asked)", async () => {
    const res = await obligation({
      policy: { ...rijk, suppliesMinLabourShare: 0.3 },
      contract: { value: eur(1_000_000), type: "supplies", months: 24 },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applies: false, obligation: eur(0) });
    expect(res.body.steps.at(-1)).toEqual({
      step: "type",
      detail: "contract type supplies is not in scope (works, services)",
    });
  });

  it("takes PSO levels by name, with a certificate expiring mid-contract; refuses the old digits", async () => {
    const policy = {
      ...rijk,
      base: "contract-value",
      minimumMonths: null,
      psoDiscountPercentByLevel: { "trede-2": 20 },
    };
    const contract = {
      value: eur(300_000),
      type: "services",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
    };
    const res = await obligation({
      policy,
      contract,
      psoLevel: "trede-2",
      psoCertificateValidUntil: "2026-06-30",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.obligation).toEqual(eur(13512.33));
    expect(res.body.steps.at(-1).detail).toContain("expires during the contract");
    const digit = await obligation({ policy, contract, psoLevel: 2 });
    expect(digit.status).toBe(400);
    expect(digit.body.errors[0]).toMatchObject({ path: "body.psoLevel" });
    expect(digit.body.errors[0].message).toContain('"trede-2"');
    const digitKey = await obligation({
      policy: { ...policy, psoDiscountPercentByLevel: { "2": 20 } },
      contract,
    });
    expect(digitKey.status).toBe(400);
    expect(digitKey.body.errors[0].path).toBe("body.policy.psoDiscountPercentByLevel.2");
    expect(digitKey.body.errors[0].message).toContain('"pso-30plus"');
  });

  it("still takes the old spelling of the contract-value base", async () => {
    const res = await obligation({
      policy: { ...rijk, base: "contract value excl. VAT", minimumMonths: null },
      contract: { value: eur(300_000), type: "works" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.obligation).toEqual(eur(15_000));
  });
});

describe("contracts under a wage-bill policy: base amounts reported and reviewed", () => {
  it("recomputes the obligation as a new version on the sum of the accepted amounts", async () => {
    const { contractId, auditor } = await contractOnBase(tokens.admin, "wage-bill", "loonsom");
    const first = await call("GET", `/v1/contracts/${contractId}/obligations`, { token: supplier2 });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ amount: eur(0), basis: { wageBill: eur(0) } });

    const report = (period: string, amount: number) =>
      call("POST", `/v1/contracts/${contractId}/base-amounts`, {
        token: supplier2,
        idempotencyKey: newKey(),
        body: { period, amount: eur(amount) },
      });
    const q1 = await report("2025-Q1", 80_000);
    expect(q1.status, q1.text).toBe(201);
    expect(q1.body).toMatchObject({
      id: "2025-Q1-r1",
      base: "wage-bill",
      status: "reported",
      amount: eur(80_000),
    });
    // The year overlaps the quarter: it would count the quarter twice.
    expect((await report("2025", 300_000)).status).toBe(409);
    const q2 = await report("2025-Q2", 70_000);
    // Outside the contract period (2025–2026).
    expect((await report("2027-Q1", 1)).status).toBe(422);

    const review = (id: string, decision: string, token = auditor) =>
      call("POST", `/v1/contracts/${contractId}/base-amounts/${id}/review`, {
        token,
        body: { decision, reason: "payroll statement checked" },
      });
    // The supplier never reviews its own report.
    expect((await review(q1.body.id, "accept", supplier2)).status).toBe(403);
    const accepted = await review(q1.body.id, "accept");
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.obligation).toMatchObject({
      version: 2,
      amount: eur(4000),
      basis: { wageBill: eur(80_000) },
    });
    expect(accepted.body.obligation.steps.at(-1).detail).toBe("5 % of wage bill EUR 80000.00 = EUR 4000.00");
    expect(accepted.body.contract.obligation).toEqual({ version: 2, applies: true, amount: eur(4000) });
    expect((await review(q1.body.id, "reject")).status).toBe(409);

    const rejected = await review(q2.body.id, "reject");
    expect(rejected.body).toMatchObject({ baseAmount: { status: "rejected" }, obligation: null });
    // A rejected period may be reported again, and accepted: 5 % of 80,000 + 75,000.
    const again = await report("2025-Q2", 75_000);
    expect(again.body.id).toBe("2025-Q2-r2");
    const third = await review(again.body.id, "accept");
    expect(third.body.obligation).toMatchObject({ version: 3, amount: eur(7750) });

    const listed = await call("GET", `/v1/contracts/${contractId}/base-amounts`, { token: tokens.admin });
    expect(listed.body.items.map((b: { id: string; status: string }) => `${b.id} ${b.status}`)).toEqual([
      "2025-Q1-r1 accepted",
      "2025-Q2-r1 rejected",
      "2025-Q2-r2 accepted",
    ]);
    const versions = await call("GET", `/v1/contracts/${contractId}/obligations`, { token: supplier2 });
    expect(versions.body.items.map((v: { amount: { amount: number } }) => v.amount.amount)).toEqual([
      0, 4000, 7750,
    ]);
  });

  it("two amounts accepted at once: the last version counts both", async () => {
    const { contractId, auditor } = await contractOnBase(tokens.admin, "invoiced-turnover", "omzet");
    const ids: string[] = [];
    for (const period of ["2025-Q3", "2025-Q4"]) {
      const res = await call("POST", `/v1/contracts/${contractId}/base-amounts`, {
        token: supplier2,
        idempotencyKey: newKey(),
        body: { period, amount: eur(100_000) },
      });
      ids.push(res.body.id);
    }
    const reviews = await Promise.all(
      ids.map((id) =>
        call("POST", `/v1/contracts/${contractId}/base-amounts/${id}/review`, {
          token: auditor,
          body: { decision: "accept", reason: "invoices checked" },
        }),
      ),
    );
    expect(reviews.map((r) => r.status)).toEqual([200, 200]);
    const versions = await call("GET", `/v1/contracts/${contractId}/obligations`, { token: supplier2 });
    expect(versions.body.items.at(-1)).toMatchObject({
      version: 3,
      amount: eur(10_000),
      basis: { invoicedTurnover: eur(200_000) },
    });
    const contract = await call("GET", `/v1/contracts/${contractId}`, { token: supplier2 });
    expect(contract.body.obligation).toEqual({ version: 3, applies: true, amount: eur(10_000) });
  });

  it("refuses base amounts for a contract whose policy takes the contract value", async () => {
    const id = await newContract(tokens.officer, "ZW-BASE-CV");
    const res = await call("POST", `/v1/contracts/${id}/base-amounts`, {
      token: supplier2,
      idempotencyKey: newKey(),
      body: { period: "2025-Q1", amount: eur(1) },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("base-amount-not-needed");
  });
});

describe("the balance of a contract whose obligation grows with its invoiced turnover", () => {
  it("is on track with no turnover accepted, behind once accepted turnover's obligation exceeds credited", async () => {
    // Halfway through the contract (2025-01-01 to 2026-12-31).
    clock.set(new Date("2026-01-01T12:00:00Z"));
    try {
      const { contractId, auditor } = await contractOnBase(tokens.admin, "invoiced-turnover", "omzet-saldo");
      const balance = async () => {
        const res = await call("GET", `/v1/contracts/${contractId}/balance`, { token: supplier2 });
        expect(res.status, res.text).toBe(200);
        return res.body;
      };
      // Obligation EUR 0 to date: on track, not fulfilled; no projection of an unknown final base.
      expect(await balance()).toMatchObject({
        obligationToDate: true,
        obligation: eur(0),
        status: "on-track",
        expectedByNow: eur(0),
        projection: { atEnd: null, shortfallAtEnd: null },
      });
      const reported = await call("POST", `/v1/contracts/${contractId}/base-amounts`, {
        token: supplier2,
        idempotencyKey: newKey(),
        body: { period: "2025-Q1", amount: eur(120_000) },
      });
      expect(reported.status, reported.text).toBe(201);
      const review = await call(
        "POST",
        `/v1/contracts/${contractId}/base-amounts/${reported.body.id}/review`,
        {
          token: auditor,
          body: { decision: "accept", reason: "invoices checked" },
        },
      );
      expect(review.status, review.text).toBe(200);
      // 5 % of EUR 120,000 is due now, in full (not × the elapsed share), and nothing is credited.
      expect(await balance()).toMatchObject({
        obligationToDate: true,
        obligation: eur(6000),
        credited: eur(0),
        status: "behind",
        expectedByNow: eur(6000),
        projection: { atEnd: null, shortfallAtEnd: null },
      });
    } finally {
      clock.reset();
    }
  });

  it("says obligationToDate false on a contract-value policy, which is fulfilled at EUR 0", async () => {
    const id = await newContract(tokens.officer, "ZW-BASE-CV-BALANCE", { value: eur(50_000) });
    const res = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ obligationToDate: false, obligation: eur(0), status: "fulfilled" });
  });
});

describe("contracts with a PSO level by name and a certificate date", () => {
  it("flags a certificate that expires during the contract and refuses a digit", async () => {
    const id = await newContract(tokens.officer, "ZW-PSO-1", {
      psoLevel: "trede-2",
      psoCertificateValidUntil: "2025-12-31",
    });
    const contract = await call("GET", `/v1/contracts/${id}`, { token: tokens.officer });
    expect(contract.body).toMatchObject({
      psoLevel: "trede-2",
      psoCertificateValidUntil: "2025-12-31",
      psoCertificateExpiresDuringContract: true,
    });
    const refused = await call("POST", "/v1/contracts", {
      token: tokens.officer,
      idempotencyKey: newKey(),
      body: {
        reference: "ZW-PSO-2",
        title: "x",
        supplierId: DEMO.suppliers[1],
        type: "services",
        value: eur(1000),
        startDate: "2025-01-01",
        endDate: "2025-12-31",
        psoLevel: 2,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toContain('"aspirant"');
  });
});

describe("items stored before levels had names and bases had variants", () => {
  it("reads a policy with the old base spelling and digit keys, and a contract with a numeric level", async () => {
    const regionId = "regio-legacy";
    await call("POST", "/v1/regions", { token: tokens.admin, body: { id: regionId, name: "Regio Legacy" } });
    const put = (Item: object) => db.send(new PutCommand({ TableName: tableName(), Item }));
    await put({
      ...policyKey(regionId, 1),
      id: regionId,
      regionId,
      version: 1,
      catalogueId: "oost-nederland",
      effectiveFrom: null,
      thresholdCents: 10_000_000,
      thresholdInclusive: true,
      contractTypes: ["works", "services"],
      suppliesMinLabourShare: null,
      percent: 5,
      lowLabourShare: null,
      base: "contract value excl. VAT",
      capCents: null,
      minimumMonths: null,
      psoDiscountPercentByLevel: { "1": 10, "2": 20, "7": 50 },
      valuationDate: "award-date",
      reportingFrequency: "quarterly",
      reviewDays: 30,
      recoveryDays: 90,
      retentionMonths: 24,
      publishedAt: "2026-05-04T08:00:00.000Z",
      publishedBy: "old-auditor",
    });
    const policy = await call("GET", `/v1/sroi/policies/${regionId}`, { token: tokens.officer });
    expect(policy.status, policy.text).toBe(200);
    expect(policy.body.current).toMatchObject({
      base: "contract-value",
      psoDiscountPercentByLevel: { "trede-1": 10, "trede-2": 20, "legacy-7": 50 },
    });
    const computed = await obligation({
      regionId,
      contract: { value: eur(200_000), type: "works" },
      psoLevel: "trede-2",
    });
    expect(computed.body.obligation).toEqual(eur(8000));

    // A contract (and its obligation version) stored with PSO level 2, before names and certificate dates.
    const id = await newContract(tokens.officer, "ZW-LEGACY-PSO");
    const stored = await getItem(contractKey(id));
    const { psoCertificateValidUntil: _drop, ...old } = stored as Record<string, unknown>;
    await put({ ...old, psoLevel: 2 });
    const version = (await getItem(obligationKey(id, 1))) as Record<string, unknown>;
    const {
      invoicedTurnoverCents: _t,
      wageBillCents: _w,
      startDate: _s,
      endDate: _e,
      psoCertificateValidUntil: _c,
      ...oldBasis
    } = version.basis as Record<string, unknown>;
    await put({ ...version, basis: { ...oldBasis, psoLevel: 2 } });
    const read = await call("GET", `/v1/contracts/${id}`, { token: tokens.officer });
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({
      psoLevel: "trede-2",
      psoCertificateValidUntil: null,
      psoCertificateExpiresDuringContract: false,
    });
    const versions = await call("GET", `/v1/contracts/${id}/obligations`, { token: tokens.officer });
    expect(versions.status, versions.text).toBe(200);
    expect(versions.body.items[0].basis.psoLevel).toBe("trede-2");
  });
});
