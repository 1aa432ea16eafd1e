import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractEntity, contractQueries } from "../../../lib/entities/contract.js";
import { queryAll } from "../../../lib/store/paging.js";
import { call, clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";

/**
 * The impact monitor through its routes, over the demo data: who may read it, and every share
 * recomputed here from the seeded items (organisations as the API returns them, contracts as stored).
 */

let tokens: DemoTokens;
const SEEDED = new Date("2026-06-10T08:00:00Z");
const PERIOD = "from=2024-01&to=2026-12";
const REASON = "Standaard kantoorartikelen uit een raamovereenkomst; geen sociale of duurzame ruimte.";

const monitorOfRegion = (token: string, query = PERIOD, region: string = DEMO.region) =>
  call("GET", `/v1/regions/${region}/impact-monitor?${query}`, { token });
const monitorOf = (token: string, org: string, query = PERIOD) =>
  call("GET", `/v1/organisations/${org}/impact-monitor?${query}`, { token });

beforeAll(async () => {
  clock.set(SEEDED);
  tokens = await seedDemo();
  // A Deventer tender on lowest price, published with its reason.
  const deventer = await tokenFor("officer", DEMO.municipalities[1]);
  const draft = await call("POST", "/v1/tenders", {
    token: deventer,
    idempotencyKey: newKey(),
    body: {
      reference: "DV-2026-LP",
      title: "Kantoorartikelen Deventer",
      cpvCode: "30192000-1",
      estimatedValue: { amount: 80_000, currency: "EUR" },
      contractType: "supplies",
      contractPeriod: { startDate: "2026-09-01", endDate: "2027-08-31" },
      submissionDeadline: "2026-07-01T12:00",
      awardModel: { method: "lowest-price" },
      noImpactCriteriaReason: REASON,
    },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect(
    (await call("POST", `/v1/tenders/${draft.body.id}/publish`, { token: deventer, body: {} })).status,
  ).toBe(200);
  // The demo tender (evaluated) is awarded to its first-ranked bid: a contract from a tender with price corrections.
  const intended = await call("POST", `/v1/tenders/${DEMO.tender.id}/intended-award`, {
    token: tokens.officer,
    body: { bidId: DEMO.suppliers[1] },
  });
  expect(intended.status, JSON.stringify(intended.body)).toBe(200);
  clock.set(new Date("2026-07-01T08:00:00Z"));
  const awarded = await call("POST", `/v1/tenders/${DEMO.tender.id}/award`, {
    token: tokens.officer,
    body: {},
  });
  expect(awarded.status, JSON.stringify(awarded.body)).toBe(200);
});
afterAll(() => clock.reset());

/** Percent to one decimal, half up (all figures here are non-negative); 0 of nothing is 0. */
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);
const euros = (cents: number) => ({ amount: cents / 100, currency: "EUR" });

describe("the impact monitor over the demo data", () => {
  it("shows non-zero shares for the region that a recomputation from the seeded items gives too", async () => {
    const orgs = new Map<string, Record<string, any>>();
    for (const id of [...DEMO.municipalities, ...DEMO.suppliers])
      orgs.set(id, (await call("GET", `/v1/organisations/${id}`, { token: tokens.admin })).body);
    const regionCodes = DEMO.municipalities.map((m) => orgs.get(m)!.cbsCode);
    expect(regionCodes).toEqual(["GM0193", "GM0150", "GM0153"]);
    const contracts = (
      await Promise.all(
        DEMO.municipalities.map(async (m) =>
          contractEntity.readAll(await queryAll(contractQueries.ofBuyer(m))),
        ),
      )
    )
      .flat()
      .filter((c) => c.startDate >= "2024-01-01" && c.startDate <= "2026-12-31");
    expect(contracts.length).toBeGreaterThanOrEqual(5);
    const demoTender = (await call("GET", `/v1/tenders/${DEMO.tender.id}`, { token: tokens.auditor })).body;
    expect(Object.keys(demoTender.awardModel.corrections).length).toBeGreaterThan(0);

    const total = contracts.reduce((sum, c) => sum + c.valueCents, 0);
    const shareWhere = (test: (c: (typeof contracts)[number]) => boolean) => {
      const chosen = contracts.filter(test);
      const cents = chosen.reduce((sum, c) => sum + c.valueCents, 0);
      return {
        count: chosen.length,
        value: euros(cents),
        percentOfCount: pct(chosen.length, contracts.length),
        percentOfValue: pct(cents, total),
      };
    };
    const supplier = (c: (typeof contracts)[number]) => orgs.get(c.supplierId)!;
    const expected = {
      count: contracts.length,
      value: euros(total),
      withTruePriceCorrections: shareWhere((c) => c.tenderId === DEMO.tender.id),
      toLocalSuppliers: shareWhere((c) => regionCodes.includes(supplier(c).municipalityCbsCode)),
      toSmes: shareWhere((c) => ["micro", "small", "medium"].includes(supplier(c).sizeClass)),
      toSocialEnterprises: shareWhere(
        (c) =>
          supplier(c).socialEnterprise !== null && c.awardDate <= supplier(c).socialEnterprise.validUntil,
      ),
    };

    const response = await monitorOfRegion(tokens.auditor);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.scope).toEqual({ kind: "region", regionId: DEMO.region, name: "Oost-Nederland" });
    expect(response.body.period).toEqual({ from: "2024-01", to: "2026-12" });
    expect(response.body.contracts).toEqual(expected);
    for (const share of [
      "withTruePriceCorrections",
      "toLocalSuppliers",
      "toSmes",
      "toSocialEnterprises",
    ] as const) {
      expect(response.body.contracts[share].count, share).toBeGreaterThan(0);
      expect(response.body.contracts[share].percentOfValue, share).toBeLessThan(100);
    }

    // Tenders: the demo tender (price-quality, social return, corrections) and Deventer's lowest-price one.
    const tenderTotal = 2_500_000 + 80_000;
    const demoShare = {
      count: 1,
      value: euros(250_000_000),
      percentOfCount: 50,
      percentOfValue: pct(2_500_000, tenderTotal),
    };
    const zero = { count: 0, value: euros(0), percentOfCount: 0, percentOfValue: 0 };
    expect(response.body.tenders).toEqual({
      count: 2,
      estimatedValue: euros(tenderTotal * 100),
      withSocialCriteria: demoShare,
      withSocialReturn: demoShare,
      withSustainableCriteria: demoShare,
      priceQuality: demoShare,
      awardOnValue: zero,
      lowestPriceWithReason: {
        count: 1,
        value: euros(8_000_000),
        percentOfCount: 50,
        percentOfValue: pct(80_000, tenderTotal),
      },
    });
  });

  it("a municipality's monitor counts its own tenders and contracts; local is its own municipality", async () => {
    const response = await monitorOf(tokens.officer, DEMO.municipalities[0]);
    expect(response.status).toBe(200);
    expect(response.body.scope).toEqual({
      kind: "municipality",
      organisationId: DEMO.municipalities[0],
      regionId: DEMO.region,
      name: "Gemeente Zwolle (demo)",
      cbsCode: "GM0193",
    });
    expect(response.body.tenders.count).toBe(1);
    const zwolle = contractEntity
      .readAll(await queryAll(contractQueries.ofBuyer(DEMO.municipalities[0])))
      .filter((c) => c.startDate >= "2024-01-01");
    expect(response.body.contracts.count).toBe(zwolle.length);
    // Only IJsselbouw is established in Zwolle.
    const local = zwolle.filter((c) => c.supplierId === DEMO.suppliers[0]);
    expect(response.body.contracts.toLocalSuppliers).toMatchObject({
      count: local.length,
      value: euros(local.reduce((s, c) => s + c.valueCents, 0)),
    });
  });

  it("a period without anything gives zero shares", async () => {
    const response = await monitorOfRegion(tokens.auditor, "from=2020-01&to=2020-12");
    expect(response.status).toBe(200);
    expect(response.body.tenders).toMatchObject({
      count: 0,
      withSocialCriteria: { count: 0, percentOfCount: 0 },
    });
    expect(response.body.contracts).toMatchObject({ count: 0, value: euros(0) });
  });
});

describe("who reads the impact monitor", () => {
  it("officers their own municipality; auditors their region and its municipalities; others 403 or 404", async () => {
    const otherRegionAuditor = await (async () => {
      await call("POST", "/v1/regions", {
        token: tokens.admin,
        body: { id: "monitor-elders", name: "Elders" },
      });
      await call("POST", "/v1/organisations", {
        token: tokens.admin,
        body: {
          id: "rb-monitor-elders",
          kind: "region-body",
          name: "Elders SROI",
          regionId: "monitor-elders",
        },
      });
      return tokenFor("auditor", "rb-monitor-elders");
    })();
    const cases: [string, Promise<{ status: number }>, number][] = [
      ["officer, own municipality", monitorOf(tokens.officer, DEMO.municipalities[0]), 200],
      ["officer, another municipality", monitorOf(tokens.officer, DEMO.municipalities[1]), 404],
      ["officer, the region", monitorOfRegion(tokens.officer), 403],
      ["auditor, a municipality of the region", monitorOf(tokens.auditor, DEMO.municipalities[2]), 200],
      ["auditor, the region", monitorOfRegion(tokens.auditor), 200],
      ["auditor of another region", monitorOfRegion(otherRegionAuditor), 404],
      [
        "auditor of another region, a municipality",
        monitorOf(otherRegionAuditor, DEMO.municipalities[0]),
        404,
      ],
      ["supplier, the region", monitorOfRegion(tokens.supplier), 403],
      ["supplier, a municipality", monitorOf(tokens.supplier, DEMO.municipalities[0]), 403],
      ["admin, the region", monitorOfRegion(tokens.admin), 200],
      ["a supplier's id is no municipality", monitorOf(tokens.auditor, DEMO.suppliers[0]), 404],
      ["unknown region", monitorOfRegion(tokens.admin, PERIOD, "nowhere"), 404],
    ];
    for (const [what, response, status] of cases) expect((await response).status, what).toBe(status);
  });

  it("refuses a malformed or reversed period (400 naming the field)", async () => {
    const malformed = await monitorOfRegion(tokens.auditor, "from=2026-13&to=2026-12");
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe("query.from");
    const reversed = await monitorOfRegion(tokens.auditor, "from=2026-06&to=2026-01");
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].path).toBe("query.to");
    expect((await monitorOfRegion(tokens.auditor, "from=2026-01")).status).toBe(400);
  });
});
