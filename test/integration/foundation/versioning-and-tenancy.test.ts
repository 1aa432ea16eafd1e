import { describe, expect, it } from "vitest";
import { call, DEMO, seedDemo, tokenFor } from "../../support/api.js";

const tokens = await seedDemo();

describe("optimistic locking", () => {
  it("applies an edit at the current version and refuses a stale one with 409", async () => {
    const org = await call("GET", `/v1/organisations/${DEMO.suppliers[1]}`, { token: tokens.admin });
    expect(org.body.version).toBe(1);
    const renamed = await call("PATCH", `/v1/organisations/${DEMO.suppliers[1]}`, {
      token: tokens.admin,
      body: { name: "Groenwerk Twente Holding (demo)", version: 1 },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Groenwerk Twente Holding (demo)", version: 2 });
    const stale = await call("PATCH", `/v1/organisations/${DEMO.suppliers[1]}`, {
      token: tokens.admin,
      body: { name: "Other name", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain("current version is 2");
    const audit = await call("GET", `/v1/audit?entity=organisation:${DEMO.suppliers[1]}`, {
      token: tokens.admin,
    });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      "organisation.created",
      "organisation.updated",
    ]);
    expect(audit.body.items[1].beforeDigest).not.toBe(audit.body.items[1].afterDigest);
  });
});

describe("tenant isolation", () => {
  it("hides other organisations from officers and suppliers (404, not 403)", async () => {
    expect(
      (await call("GET", `/v1/organisations/${DEMO.municipalities[1]}`, { token: tokens.officer })).status,
    ).toBe(404);
    expect(
      (await call("GET", `/v1/organisations/${DEMO.suppliers[1]}`, { token: tokens.supplier })).status,
    ).toBe(404);
    expect(
      (await call("GET", `/v1/organisations/${DEMO.municipalities[0]}`, { token: tokens.officer })).status,
    ).toBe(200);
  });

  it("limits auditors to their own region's organisations and audit trail", async () => {
    await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { id: "regio-west", name: "Regio West" },
    });
    await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: { id: "rb-west", kind: "region-body", name: "SROI West", regionId: "regio-west" },
    });
    await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: { id: "gm-leiden", kind: "municipality", name: "Gemeente Leiden", regionId: "regio-west" },
    });
    const westAuditor = await tokenFor("auditor", "rb-west");
    expect((await call("GET", "/v1/organisations/gm-leiden", { token: westAuditor })).status).toBe(200);
    expect(
      (await call("GET", `/v1/organisations/${DEMO.municipalities[0]}`, { token: westAuditor })).status,
    ).toBe(404);
    const listed = await call("GET", "/v1/organisations", { token: westAuditor });
    expect(listed.body.items.map((o: { id: string }) => o.id).sort()).toEqual(["gm-leiden", "rb-west"]);
    const foreignTrail = await call("GET", `/v1/audit?entity=organisation:${DEMO.municipalities[0]}`, {
      token: westAuditor,
    });
    expect(foreignTrail.body.items).toEqual([]);
    const ownTrail = await call("GET", `/v1/audit?entity=organisation:${DEMO.municipalities[0]}`, {
      token: tokens.auditor,
    });
    expect(ownTrail.body.items).toHaveLength(1);
  });

  it("keeps the audit trail from officers and suppliers", async () => {
    expect(
      (await call("GET", "/v1/audit?entity=region:oost-nederland", { token: tokens.officer })).status,
    ).toBe(403);
  });
});
