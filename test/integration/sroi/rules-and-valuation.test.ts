import { describe, expect, it } from "vitest";
import { call, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";

const tokens = await seedDemo();
const eur = (amount: number) => ({ amount, currency: "EUR" });

describe("regional rules as versioned data", () => {
  it("seeds the three reference catalogues with sources and incomplete marks", async () => {
    const oost = await call("GET", "/v1/sroi/catalogues/oost-nederland/versions/V05-2023-04", {
      token: tokens.supplier,
    });
    expect(oost.status).toBe(200);
    expect(oost.body).toMatchObject({ incomplete: true, effectiveFrom: "2023-04-01", regionId: DEMO.region });
    expect(oost.body.source).toContain("impactoost.nl");
    expect(oost.body.missing).toContain("BBL level 3-4");
    for (const [id, version] of [
      ["utrecht", "current-as-retrieved"],
      ["rijnvicus", "as-retrieved"],
    ])
      expect(
        (await call("GET", `/v1/sroi/catalogues/${id}/versions/${version}`, { token: tokens.officer })).body
          .incomplete,
      ).toBe(false);
    const listed = await call("GET", `/v1/sroi/catalogues?regionId=${DEMO.region}`, {
      token: tokens.officer,
    });
    // One item per version; another case here publishes a later version of the same catalogue.
    expect(new Set(listed.body.items.map((c: { id: string }) => c.id))).toEqual(new Set(["oost-nederland"]));
  });

  it("serves the illustrative demo policy of the region", async () => {
    const policy = await call("GET", `/v1/sroi/policies/${DEMO.region}`, { token: tokens.officer });
    expect(policy.status).toBe(200);
    expect(policy.body.current).toMatchObject({
      id: DEMO.region,
      version: 1,
      percent: 5,
      threshold: eur(200000),
      thresholdInclusive: true,
      cap: null,
      catalogueId: "oost-nederland",
    });
    expect(policy.body.current.note).toContain("ILLUSTRATIVE");
  });

  it("lets the region's auditors publish a new immutable catalogue version, and nobody else", async () => {
    const v06 = {
      id: "oost-nederland",
      version: "V06-test",
      name: "Oost-Nederland test version",
      source: "test",
      incomplete: true,
      effectiveFrom: "2030-01-01",
      blocks: [{ id: "work-experience", kind: "placement", perMonth: 800 }],
    };
    const published = await call("POST", "/v1/sroi/catalogues", {
      token: tokens.auditor,
      body: v06,
      idempotencyKey: newKey(),
    });
    expect(published.status).toBe(201);
    expect(published.headers.location).toBe("/v1/sroi/catalogues/oost-nederland/versions/V06-test");
    const again = await call("POST", "/v1/sroi/catalogues", {
      token: tokens.auditor,
      body: { ...v06, name: "changed" },
    });
    expect(again.status).toBe(409);
    const old = await call("GET", "/v1/sroi/catalogues/oost-nederland/versions/V05-2023-04", {
      token: tokens.auditor,
    });
    expect(old.body.blocks.find((b: { id: string }) => b.id === "work-experience").perMonth).toBe(750);
    expect((await call("POST", "/v1/sroi/catalogues", { token: tokens.officer, body: v06 })).status).toBe(
      403,
    );
    await call("POST", "/v1/regions", { token: tokens.admin, body: { id: "regio-noord", name: "Noord" } });
    await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: { id: "rb-noord", kind: "region-body", name: "SROI Noord", regionId: "regio-noord" },
    });
    const foreign = await tokenFor("auditor", "rb-noord");
    const hijack = await call("POST", "/v1/sroi/catalogues", {
      token: foreign,
      body: { ...v06, version: "V07" },
    });
    expect(hijack.status).toBe(403);
    const bad = await call("POST", "/v1/sroi/catalogues", {
      token: tokens.auditor,
      body: { ...v06, version: "V08", blocks: [{ id: "x", kind: "employment", perMonth: 5 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "blocks.0.perYear",
      "blocks.0.perMonth",
    ]);
  });
});

describe("POST /v1/sroi/valuate", () => {
  const catalogue = { id: "oost-nederland", version: "V05-2023-04" };

  it("values the Oost-Nederland worked rules of lib/domain/sroi/README.md exactly", async () => {
    const res = await call("POST", "/v1/sroi/valuate", {
      token: tokens.officer,
      body: {
        catalogue,
        lines: [
          { blockId: "pwet-gt-2y", fte: 0.8, months: 18 },
          { blockId: "pwet-gt-2y", fte: 1, months: 30 },
          { blockId: "ww-lt-1y", fte: 1, months: 18 },
          { blockId: "register", fte: 1, months: 36 },
          { blockId: "work-experience", months: 2.5 },
          { blockId: "bbl-1-2", months: 10 },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: { value: { amount: number } }) => l.value.amount)).toEqual([
      48000, 80000, 10000, 120000, 1875, 16666.67,
    ]);
    expect(res.body.lines[0]).toMatchObject({ formula: "40000 × 0.8 × 18/12", countedMonths: 18 });
    expect(res.body.lines[1]).toMatchObject({ reportedMonths: 30, countedMonths: 24 });
    expect(res.body.total).toEqual(eur(48000 + 80000 + 10000 + 120000 + 1875 + 16666.67));
    expect(res.body.catalogue).toMatchObject(catalogue);
  });

  it("values invoices and bonuses with the Utrecht model", async () => {
    const res = await call("POST", "/v1/sroi/valuate", {
      token: tokens.supplier,
      body: {
        catalogue: { id: "utrecht", version: "current-as-retrieved" },
        lines: [
          { blockId: "social-purchase", invoice: eur(12345.67) },
          { blockId: "pwet", fte: 0.5, months: 12, bonuses: ["bonus-50plus"] },
        ],
      },
    });
    expect(res.body.lines.map((l: { value: { amount: number } }) => l.value.amount)).toEqual([
      12345.67, 25000,
    ]);
  });

  it("answers 400 with the path of each wrong field", async () => {
    const res = await call("POST", "/v1/sroi/valuate", {
      token: tokens.officer,
      body: {
        catalogue,
        lines: [
          { blockId: "work-experience", months: 3 },
          { blockId: "nope", months: 1 },
          { blockId: "pwet-gt-2y", fte: 1, months: 3, hours: 3 },
          { blockId: "bbl-1-2" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "body.lines.1.blockId",
      "body.lines.2.hours",
      "body.lines.3.months",
    ]);
    // numbers outside their documented range are refused by the schema, naming the range
    const outOfRange = await call("POST", "/v1/sroi/valuate", {
      token: tokens.officer,
      body: {
        catalogue,
        lines: [
          { blockId: "pwet-gt-2y", fte: 1.5, months: 3 },
          { blockId: "bbl-1-2", months: -2 },
          { blockId: "bbl-1-2", months: 1e308 },
          { blockId: "pwet-gt-2y", fte: 0.12345, months: 601 },
        ],
      },
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors).toEqual([
      { path: "body.lines.0.fte", message: "FTE: more than 0 and at most 1" },
      { path: "body.lines.1.months", message: "months: 0 to 600" },
      { path: "body.lines.2.months", message: "months: 0 to 600" },
      { path: "body.lines.3.fte", message: "FTE: at most 4 decimals" },
      { path: "body.lines.3.months", message: "months: 0 to 600" },
    ]);
    const unknownCatalogue = await call("POST", "/v1/sroi/valuate", {
      token: tokens.officer,
      body: { catalogue: { id: "oost-nederland", version: "V99" }, lines: [] },
    });
    expect(unknownCatalogue.status).toBe(404);
  });
});

describe("POST /v1/sroi/obligation", () => {
  it("explains the region's obligation step by step and names the policy version", async () => {
    const res = await call("POST", "/v1/sroi/obligation", {
      token: tokens.officer,
      body: { regionId: DEMO.region, contract: { value: eur(1_200_000), type: "services" } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applies: true,
      obligation: eur(60000),
      policy: { id: DEMO.region, version: 1 },
    });
    expect(res.body.steps.map((s: { step: string }) => s.step)).toEqual(["threshold", "type", "percentage"]);
  });

  it("takes an inline policy (what-if) and reports a zero obligation when out of scope", async () => {
    const policy = {
      threshold: eur(100000),
      thresholdInclusive: false,
      contractTypes: ["works", "services"],
      suppliesMinLabourShare: null,
      percent: 5,
      base: "contract value excl. VAT",
      cap: eur(300000),
      minimumMonths: null,
      psoDiscountPercentByLevel: { "trede-2": 10 },
    };
    const capped = await call("POST", "/v1/sroi/obligation", {
      token: tokens.supplier,
      body: { policy, contract: { value: eur(10_000_000), type: "works" }, psoLevel: "trede-2" },
    });
    expect(capped.body).toMatchObject({
      applies: true,
      obligation: eur(300000),
      policy: { id: "inline", version: null },
    });
    expect(capped.body.steps.map((s: { step: string }) => s.step)).toEqual([
      "threshold",
      "type",
      "percentage",
      "pso-discount",
      "cap",
    ]);
    const supplies = await call("POST", "/v1/sroi/obligation", {
      token: tokens.supplier,
      body: { policy, contract: { value: eur(500_000), type: "supplies" } },
    });
    expect(supplies.body).toMatchObject({ applies: false, obligation: eur(0) });
    const both = await call("POST", "/v1/sroi/obligation", {
      token: tokens.supplier,
      body: { regionId: DEMO.region, policy, contract: { value: eur(1), type: "works" } },
    });
    expect(both.status).toBe(400);
  });
});
