import { describe, expect, it } from "vitest";
import { call, DEMO, seedDemo, useClock } from "../../support/api.js";

/** The organisation fields the impact monitor reads: taken, validated and returned by the admin endpoints. */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();

describe("organisation impact fields", () => {
  it("the demo data carries CBS codes, sizes, postcodes and social enterprises", async () => {
    const zwolle = await call("GET", `/v1/organisations/${DEMO.municipalities[0]}`, { token: tokens.admin });
    expect(zwolle.body).toMatchObject({ cbsCode: "GM0193", postcode: null, sizeClass: null });
    const groenwerk = await call("GET", `/v1/organisations/${DEMO.suppliers[1]}`, { token: tokens.admin });
    expect(groenwerk.body).toMatchObject({
      cbsCode: null,
      postcode: "7521 PH",
      municipalityCbsCode: "GM0153",
      sizeClass: "small",
      sbiCode: "8130",
      socialEnterprise: { kind: "code-sociale-ondernemingen", validUntil: "2030-12-31" },
    });
  });

  it("an admin creates a supplier with them and changes or clears them with PATCH", async () => {
    const created = await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: {
        id: "sup-impact-fields",
        kind: "supplier",
        name: "Kringloop Zwolle",
        kvk: "52000001",
        postcode: "8021 AB",
        municipalityCbsCode: "GM0193",
        sizeClass: "micro",
        sbiCode: "47.79",
        socialEnterprise: {
          kind: "social-enterprise-nl",
          evidence: "Social Enterprise NL lid 123",
          validUntil: "2027-01-31",
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sizeClass: "micro",
      cbsCode: null,
      socialEnterprise: { evidence: "Social Enterprise NL lid 123" },
    });
    const patched = await call("PATCH", "/v1/organisations/sup-impact-fields", {
      token: tokens.admin,
      body: { sizeClass: "small", socialEnterprise: null, version: 1 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Kringloop Zwolle",
      sizeClass: "small",
      socialEnterprise: null,
      postcode: "8021 AB",
      version: 2,
    });
    const read = await call("GET", "/v1/organisations/sup-impact-fields", { token: tokens.admin });
    expect(read.body).toEqual(patched.body);
  });

  it("refuses malformed values and fields of another kind of organisation (400 naming each)", async () => {
    const malformed = await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: {
        kind: "supplier",
        name: "Fout B.V.",
        kvk: "52000002",
        postcode: "0123 AB",
        municipalityCbsCode: "0193",
        sizeClass: "huge",
        socialEnterprise: { kind: "social-enterprise", evidence: "x", validUntil: "2027-02-30" },
      },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "body.municipalityCbsCode",
      "body.postcode",
      "body.sizeClass",
      "body.socialEnterprise.evidence",
      "body.socialEnterprise.kind",
      "body.socialEnterprise.validUntil",
    ]);
    const wrongKind = await call("POST", "/v1/organisations", {
      token: tokens.admin,
      body: {
        kind: "municipality",
        name: "Gemeente Test",
        regionId: DEMO.region,
        cbsCode: "GM0148",
        sizeClass: "small",
      },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([{ path: "sizeClass", message: "only suppliers carry it" }]);
    const supplierCbs = await call("PATCH", `/v1/organisations/${DEMO.suppliers[0]}`, {
      token: tokens.admin,
      body: { cbsCode: "GM0193", version: 1 },
    });
    expect(supplierCbs.status).toBe(400);
    expect(supplierCbs.body.errors).toEqual([{ path: "cbsCode", message: "only municipalities carry it" }]);
  });

  it("only admins change them", async () => {
    const response = await call("PATCH", `/v1/organisations/${DEMO.municipalities[0]}`, {
      token: tokens.officer,
      body: { cbsCode: "GM0001", version: 1 },
    });
    expect(response.status).toBe(403);
  });
});
