import { describe, expect, it } from "vitest";
import { operation } from "../../../lib/operation.js";
import { createContractFromAward } from "../../../lib/contracts/from-award.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const eur = (amount: number) => ({ amount, currency: "EUR" });

const register = (body: Record<string, unknown>, token = tokens.officer) =>
  call("POST", "/v1/contracts", { token, body, idempotencyKey: newKey() });

const base = {
  title: "Groenonderhoud",
  supplierId: DEMO.suppliers[1],
  type: "services",
  value: eur(1_000_000),
  startDate: "2025-01-01",
  endDate: "2026-12-31",
};

describe("contracts registered by an officer", () => {
  it("stores the obligation with its explanation and the policy version, and the commitment", async () => {
    const res = await register({
      ...base,
      reference: "ZW-2025-100",
      commitment: { lines: [{ blockId: "pwet-gt-2y", fte: 1, months: 12 }] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      buyerId: DEMO.municipalities[0],
      regionId: DEMO.region,
      obligation: { version: 1, applies: true, amount: eur(50000) },
      commitment: { version: 1, amount: eur(40000) },
      policy: { id: DEMO.region, version: 1, catalogueId: "oost-nederland" },
      awardCatalogue: { id: "oost-nederland", version: "V05-2023-04" },
      source: "registered",
    });
    const obligations = await call("GET", `/v1/contracts/${res.body.id}/obligations`, {
      token: await tokenFor("supplier", DEMO.suppliers[1]),
    });
    expect(obligations.body.items[0].steps.map((s: { step: string }) => s.step)).toEqual([
      "threshold",
      "type",
      "percentage",
    ]);
    expect(obligations.body.items[0].policy).toEqual({ id: DEMO.region, version: 1 });
    const duplicate = await register({ ...base, reference: "ZW-2025-100" });
    expect(duplicate.status).toBe(409);
  });

  it("recomputes the obligation as a new version on amendment; a stale version is 409", async () => {
    const { body: contract } = await register({ ...base, reference: "ZW-2025-101" });
    const amended = await call("POST", `/v1/contracts/${contract.id}/amendments`, {
      token: tokens.officer,
      body: { value: eur(1_500_000), endDate: "2027-06-30", reason: "extension by six months", version: 1 },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.contract).toMatchObject({
      version: 2,
      endDate: "2027-06-30",
      obligation: { version: 2, amount: eur(75000) },
    });
    expect(amended.body.obligation.reason).toBe("extension by six months");
    const stale = await call("POST", `/v1/contracts/${contract.id}/amendments`, {
      token: tokens.officer,
      body: { value: eur(1), reason: "x", version: 1 },
    });
    expect(stale.status).toBe(409);
    const versions = await call("GET", `/v1/contracts/${contract.id}/obligations`, { token: tokens.auditor });
    expect(versions.body.items.map((o: { amount: { amount: number } }) => o.amount.amount)).toEqual([
      50000, 75000,
    ]);
  });

  it("keeps each commitment edit as a version with its author", async () => {
    const { body: contract } = await register({ ...base, reference: "ZW-2025-102" });
    const edit = await call("PUT", `/v1/contracts/${contract.id}/commitment`, {
      token: tokens.officer,
      body: { lines: [{ blockId: "work-experience", months: 8 }], note: "plan of approach", version: 1 },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.commitment).toMatchObject({ version: 1, valuation: { total: eur(6000) } });
    const bad = await call("PUT", `/v1/contracts/${contract.id}/commitment`, {
      token: tokens.officer,
      body: { lines: [{ blockId: "work-experience", fte: 1, months: 8 }], version: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("lines.0.fte");
    const list = await call("GET", `/v1/contracts/${contract.id}/commitments`, { token: tokens.officer });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].by).toBe("demo-officer-zwolle");
  });

  it("computes the sanction when a sustainability promise is not met (1.5 × advantage)", async () => {
    const { body: contract } = await register({
      ...base,
      reference: "ZW-2025-103",
      promises: [
        {
          id: "co2",
          kind: "co2-ladder",
          description: "CO2-Prestatieladder",
          promised: "level 3",
          advantage: eur(40000),
        },
      ],
    });
    const verified = await call("POST", `/v1/contracts/${contract.id}/promises/co2/verification`, {
      token: tokens.auditor,
      body: { status: "not-met", achieved: "level 0", version: 1 },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.promises[0]).toMatchObject({
      status: "not-met",
      sanction: { amount: eur(60000), factor: 1.5, formula: "1.5 × 40000.00 = 60000.00" },
    });
  });

  it("imports running contracts from CSV, all rows or none, and a re-import creates nothing new", async () => {
    const bad =
      "reference;title;supplierId;type;value;startDate;endDate\nZW-CSV-1;Schoonmaak;sup-schoonmaak-salland;services;250000;2025-01-01;2026-12-31\nZW-CSV-2;Bad;nobody;services;1000;2025-01-01;2026-12-31\n";
    const refused = await call("POST", "/v1/contracts/import", {
      token: tokens.officer,
      rawBody: bad,
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers["content-type"]).toBe("application/problem+json");
    expect(refused.body).toMatchObject({
      code: "rows-invalid",
      errors: [{ path: "rows.3.supplierId", code: "invalid", message: "no such supplier" }],
    });
    const good = bad.replace("nobody", "sup-groenwerk-twente").replace(";1000;", ';"300000,50";');
    const ok = await call("POST", "/v1/contracts/import", {
      token: tokens.officer,
      rawBody: good,
      headers: { "content-type": "text/csv" },
    });
    expect(ok.status).toBe(200);
    // Row 2 was valid in the refused file, yet nothing of that file was written.
    expect(ok.body.results.map((r: { status: string }) => r.status)).toEqual(["created", "created"]);
    expect(ok.body.results[1].value).toEqual(eur(300000.5));
    const again = await call("POST", "/v1/contracts/import", {
      token: tokens.officer,
      rawBody: good,
      headers: { "content-type": "text/csv" },
    });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(["exists", "exists"]);
  });

  it("scans each imported contract row for a BSN, but not the amounts or the file as a whole", async () => {
    // 111222333 passes the 11-test: as a contract value in euros it is a number, not personal data.
    const header = "reference;title;supplierId;type;value;startDate;endDate\n";
    const refused = await call("POST", "/v1/contracts/import", {
      token: tokens.officer,
      rawBody: `${header}ZW-CSV-B1;Begeleiding 123456782;sup-groenwerk-twente;works;111222333;2025-01-01;2026-12-31\n`,
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: "rows.2.title", code: "bsn-refused", message: expect.any(String) },
    ]);
    expect(refused.text).not.toContain("123456782");
    const ok = await call("POST", "/v1/contracts/import", {
      token: tokens.officer,
      rawBody: `${header}ZW-CSV-B1;Begeleiding;sup-groenwerk-twente;works;111222333;2025-01-01;2026-12-31\n`,
      headers: { "content-type": "text/csv" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results[0]).toMatchObject({ status: "created", value: eur(111222333) });
  });

  it("creates one contract per tender from the final award, however often the award is retried", async () => {
    const award = {
      tenderId: "tender-abc",
      reference: "ZW-T-1",
      title: "Awarded works",
      buyerId: DEMO.municipalities[0],
      supplierId: DEMO.suppliers[2],
      type: "works" as const,
      valueCents: 80_000_000,
      startDate: "2025-02-01",
      endDate: "2027-01-31",
      awardDate: "2025-01-10",
      offerLines: [{ blockId: "pwet-gt-2y", fte: 1, months: 24 }],
    };
    const actor = {
      sub: "t",
      role: "officer",
      orgId: DEMO.municipalities[0],
      regionId: DEMO.region,
    } as const;
    const [a, b] = await Promise.all([
      createContractFromAward(operation(actor, clock.now()), award),
      createContractFromAward(operation(actor, clock.now()), award),
    ]);
    const c = await createContractFromAward(operation(actor, clock.now()), award);
    expect(a.id).toBe("ct-tender-abc");
    expect(b.id).toBe(a.id);
    expect(c).toMatchObject({
      id: a.id,
      source: "award",
      obligation: { cents: 4_000_000 },
      commitment: { cents: 8_000_000 },
    });
    const supplierToken = await tokenFor("supplier", DEMO.suppliers[2]);
    const listed = await call("GET", "/v1/contracts", { token: supplierToken });
    expect(listed.body.items.filter((i: { tenderId: string }) => i.tenderId === "tender-abc")).toHaveLength(
      1,
    );
  });

  it("hides contracts from other tenants (404) and lists each party's own", async () => {
    const { body: contract } = await register({ ...base, reference: "ZW-2025-104" });
    const otherSupplier = await tokenFor("supplier", DEMO.suppliers[0]);
    const otherOfficer = await tokenFor("officer", DEMO.municipalities[1]);
    for (const token of [otherSupplier, otherOfficer]) {
      expect((await call("GET", `/v1/contracts/${contract.id}`, { token })).status).toBe(404);
      expect((await call("GET", `/v1/contracts/${contract.id}/balance`, { token })).status).toBe(404);
    }
    const own = await tokenFor("supplier", DEMO.suppliers[1]);
    expect((await call("GET", `/v1/contracts/${contract.id}`, { token: own })).status).toBe(200);
    const deventer = await call("GET", "/v1/contracts", { token: otherOfficer });
    expect(deventer.body.items.map((c: { id: string }) => c.id)).not.toContain(contract.id);
    const zwolle = await call("GET", "/v1/contracts?status=behind&limit=100", { token: tokens.officer });
    expect(
      zwolle.body.items.every((c: { balance: { status: string } }) => c.balance.status === "behind"),
    ).toBe(true);
    expect(zwolle.body.items.map((c: { id: string }) => c.id)).toContain(contract.id);
  });
});
