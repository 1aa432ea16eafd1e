import { describe, expect, it } from "vitest";
import { Forbidden, InvalidInput, NotFound } from "../../../lib/domain/errors.js";
import type { ReportRequest } from "../../../lib/domain/reports/model.js";
import type { Actor } from "../../../lib/operation.js";
import { authorizeReportScope } from "../../../lib/reports/access.js";
import { DEMO, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";

/** Who obtains which report: each role in and outside its tenant. */
useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const [zwolle, deventer] = DEMO.municipalities;
const [, groenwerk, schoonmaak] = DEMO.suppliers;
const zwolleContract = await newContract(tokens.officer, "RA-ZWOLLE");
const deventerContract = await newContract(await tokenFor("officer", deventer), "RA-DEVENTER");
const otherSuppliers = await newContract(tokens.officer, "RA-OTHER", { supplierId: schoonmaak });

const actor = (role: Actor["role"], orgId: string, regionId: string | null): Actor => ({
  sub: `test-${role}`,
  role,
  orgId,
  regionId,
});
const auditor = actor("auditor", DEMO.regionBody, DEMO.region);
const officer = actor("officer", zwolle, DEMO.region);
const supplier = actor("supplier", groenwerk, null);
const admin = actor("admin", DEMO.operator, null);

const period = { from: "2026-01", to: "2026-06" };
const request = (scope: ReportRequest["scope"], scopeId: string | null, regionId: string = DEMO.region) => ({
  regionId,
  scope,
  scopeId,
  period,
});
const region = request("region", null);
const municipality = (id: string) => request("municipality", id);
const ofSupplier = (id: string) => request("supplier", id);
const contract = (id: string) => request("contract", id);

const allowed = (who: Actor, r: ReportRequest) =>
  expect(authorizeReportScope(who, r)).resolves.toBeUndefined();
const refused = (
  who: Actor,
  r: ReportRequest,
  error: typeof NotFound | typeof Forbidden | typeof InvalidInput,
) => expect(authorizeReportScope(who, r)).rejects.toBeInstanceOf(error);

describe("authorizeReportScope", () => {
  it("an auditor of the region: any scope in it; of another region: 404", async () => {
    await allowed(auditor, region);
    await allowed(auditor, municipality(deventer));
    await allowed(auditor, ofSupplier(groenwerk));
    await allowed(auditor, contract(deventerContract));
    const utrecht = actor("auditor", "rb-utrecht", "utrecht");
    await refused(utrecht, region, NotFound);
    await refused(utrecht, contract(zwolleContract), NotFound);
    // A municipality, supplier or contract that does not exist (or not in this region) is 404 as well.
    await refused(auditor, municipality("gm-nowhere"), NotFound);
    await refused(auditor, municipality(DEMO.regionBody), NotFound);
    await refused(auditor, ofSupplier(zwolle), NotFound);
    await refused(auditor, contract("c-nowhere"), NotFound);
  });

  it("an officer: its own municipality and its own contracts; other municipalities 404, other scopes 403", async () => {
    await allowed(officer, municipality(zwolle));
    await allowed(officer, contract(zwolleContract));
    await refused(officer, municipality(deventer), NotFound);
    await refused(officer, contract(deventerContract), NotFound);
    await refused(officer, region, Forbidden);
    await refused(officer, ofSupplier(groenwerk), Forbidden);
    await refused(actor("officer", "gm-utrecht", "utrecht"), municipality(zwolle), NotFound);
  });

  it("a supplier: its own statement across the region's buyers and its own contracts; others 404, other scopes 403", async () => {
    await allowed(supplier, ofSupplier(groenwerk));
    await allowed(supplier, contract(zwolleContract));
    await allowed(supplier, contract(deventerContract));
    await refused(supplier, ofSupplier(schoonmaak), NotFound);
    await refused(supplier, contract(otherSuppliers), NotFound);
    await refused(supplier, region, Forbidden);
    await refused(supplier, municipality(zwolle), Forbidden);
    // Its contract under another region's id is not there.
    await refused(supplier, request("contract", zwolleContract, "utrecht"), NotFound);
  });

  it("an admin: any scope of an existing region", async () => {
    await allowed(admin, region);
    await allowed(admin, municipality(zwolle));
    await allowed(admin, ofSupplier(schoonmaak));
    await allowed(admin, contract(otherSuppliers));
    await refused(admin, request("region", null, "nowhere"), NotFound);
  });

  it("a scope names its municipality, supplier or contract, and a region report none (400)", async () => {
    await refused(auditor, request("municipality", null), InvalidInput);
    await refused(auditor, request("region", zwolle), InvalidInput);
  });
});
