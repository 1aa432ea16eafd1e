import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, clock, DEMO, type DemoTokens } from "../../support/api.js";
import { releasePackageErrors } from "../../support/ocds-validator.js";
import { TenderFlow, PRICES } from "./ocds-flow.js";
import { eur } from "./support.js";
import { seedDemoWithRules } from "../../support/demo-server.js";

/** GET /v1/tenders/{tenderId}/ocds through the real handlers: public, only what is published, valid OCDS. */

let tokens: DemoTokens;
const START = new Date("2026-03-02T09:00:00Z");

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemoWithRules(START, "ocds-sroi-rules");
});
afterAll(() => clock.reset());

const flow = () => {
  clock.set(START);
  return new TenderFlow(tokens);
};

const releaseTagged = (pkg: any, tag: string) => pkg.releases.filter((r: any) => r.tag.includes(tag));

describe("GET /v1/tenders/{tenderId}/ocds", () => {
  it("is a 404 for a draft and for an unknown id, without a token", async () => {
    const tender = await flow().draft();
    for (const id of [tender.id, "no-such-tender"]) {
      const response = await call("GET", `/v1/tenders/${id}/ocds`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe("not-found");
    }
  });

  it("a published tender: one tender release with lots and award criteria, valid against the official schemas", async () => {
    const tender = await (await flow().draft()).publish();
    const response = await tender.ocds();
    expect(response.status, response.text).toBe(200);
    const pkg = response.body;
    expect(releasePackageErrors(pkg)).toEqual([]);
    expect(pkg.releases.map((r: any) => r.tag)).toEqual([["tender"]]);
    const [release] = pkg.releases;
    expect(release.ocid).toBe(`ocds-impact-${tender.id}`);
    // Without OCDS_PUBLIC_BASE_URL the links take the request's host (none here: localhost).
    expect(pkg.uri).toBe(`http://localhost/v1/tenders/${tender.id}/ocds`);
    expect(pkg.extensions.at(-1)).toBe("http://localhost/v1/ocds/extension/extension.json");
    expect(release.parties).toEqual([
      { id: DEMO.municipalities[0], name: "Gemeente Zwolle (demo)", roles: ["buyer", "procuringEntity"] },
    ]);
    expect(release.tender).toMatchObject({
      status: "active",
      value: eur(2_500_000),
      mainProcurementCategory: "works",
      procurementMethod: "open",
      awardCriteria: "ratedCriteria",
      lots: [{ id: "1", status: "active" }],
    });
    expect(
      release.tender.lots[0].awardCriteria.criteria.map((c: any) => [c.type, c.name, c.numbers]),
    ).toEqual([
      ["price", "Price", [{ number: 40, weight: "pointsExact" }]],
      [
        "quality",
        "Plan van aanpak",
        [
          { number: 30, weight: "pointsExact" },
          { number: 4, threshold: "minimumScore" },
        ],
      ],
      ["quality", "Klimaatadaptatie", [{ number: 30, weight: "pointsExact" }]],
      ["quality", "Social return", undefined],
    ]);
    expect(release.tender.awardCriteriaDetails).toContain(
      "Plan van aanpak: 30 points (scored 0–10, at least 4)",
    );
    expect(release.bids).toBeUndefined();
  });

  it("before the final award: bid counts only, no bidder, no bid value, no intended award", async () => {
    const tender = await flow().draft();
    await tender.publish();
    await tender.bid();
    expect((await tender.ocds()).body.releases).toHaveLength(1); // the deadline has not passed
    await tender.open();
    await tender.score();
    await tender.evaluate();
    await tender.intend();
    const response = await tender.ocds();
    const pkg = response.body;
    expect(releasePackageErrors(pkg)).toEqual([]);
    expect(pkg.releases.map((r: any) => r.tag)).toEqual([["tender"], ["tenderUpdate"]]);
    expect(releaseTagged(pkg, "tenderUpdate")[0].bids).toEqual({
      statistics: [
        expect.objectContaining({ measure: "bids", value: 3, relatedLot: "1" }),
        expect.objectContaining({ measure: "validBids", value: 2, relatedLot: "1" }),
      ],
    });
    for (const supplier of DEMO.suppliers) expect(response.text).not.toContain(supplier);
    for (const price of PRICES) expect(response.text).not.toContain(String(price));
  });

  it("after the final award: award and contract releases; bids in detail, only the awarded bid's value", async () => {
    const tender = await flow().awarded();
    const response = await tender.ocds();
    expect(response.status).toBe(200);
    const pkg = response.body;
    expect(releasePackageErrors(pkg)).toEqual([]);
    expect(pkg.releases.map((r: any) => r.tag)).toEqual([
      ["tender"],
      ["tenderUpdate"],
      ["award"],
      ["contract"],
    ]);
    const [award] = releaseTagged(pkg, "award");
    const winner = DEMO.suppliers[1];
    expect(award.awards).toEqual([
      expect.objectContaining({
        id: "award-1",
        status: "active",
        value: eur(PRICES[1]!),
        suppliers: [{ id: winner, name: expect.any(String) }],
        relatedBid: winner,
        relatedLots: ["1"],
      }),
    ]);
    expect(award.tender).toEqual({
      id: tender.id,
      status: "complete",
      lots: [{ id: "1", status: "complete" }],
    });
    const details = award.bids.details;
    expect(details.map((b: any) => [b.id, b.status, b.rank, b.value])).toEqual(
      expect.arrayContaining([
        [winner, "valid", 1, eur(PRICES[1]!)],
        [DEMO.suppliers[0], "valid", 2, undefined],
        [DEMO.suppliers[2], "disqualified", null, undefined],
      ]),
    );
    const loser = details.find((b: any) => b.id === DEMO.suppliers[0]);
    expect(loser.scoreBreakdown).not.toHaveProperty("totalScore");
    expect(loser.scoreBreakdown.criteria.map((c: any) => c.score)).toEqual([5, 4]);
    expect(details.find((b: any) => b.id === winner).scoreBreakdown.totalScore).toEqual(expect.any(Number));
    expect(award.bids.statistics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measure: "lowestValidBidValue", value: PRICES[0], currency: "EUR" }),
        expect.objectContaining({ measure: "highestValidBidValue", value: PRICES[1], currency: "EUR" }),
      ]),
    );
    expect(award.parties.map((p: any) => [p.id, p.roles])).toEqual(
      expect.arrayContaining([
        [DEMO.municipalities[0], ["buyer", "procuringEntity"]],
        [winner, ["tenderer", "supplier"]],
        [DEMO.suppliers[0], ["tenderer"]],
      ]),
    );
    const [contract] = releaseTagged(pkg, "contract");
    expect(contract.contracts).toEqual([
      expect.objectContaining({ id: `ct-${tender.id}`, awardID: "award-1", value: eur(PRICES[1]!) }),
    ]);
    // No officer's subject id, no candidate reference, no price of a bid that lost.
    expect(response.text).not.toContain("test-officer");
    expect(response.text).not.toContain(`"amount":${PRICES[2]}`);
  });

  it("publishBidPrices: every bid's value and score in full after the final award", async () => {
    const tender = await flow().awarded({ publishBidPrices: true });
    const pkg = (await tender.ocds()).body;
    expect(releasePackageErrors(pkg)).toEqual([]);
    const details = releaseTagged(pkg, "award")[0].bids.details;
    expect(details.map((b: any) => b.value?.amount).sort()).toEqual([...PRICES].sort());
    expect(details.every((b: any) => "totalScore" in b.scoreBreakdown)).toBe(true);
  });

  it("the demo tender (evaluated, three bids) as the README fetches it: counts only, valid", async () => {
    const response = await call("GET", `/v1/tenders/${DEMO.tender.id}/ocds`, {
      headers: { host: "127.0.0.1:3000" },
    });
    expect(response.status).toBe(200);
    expect(releasePackageErrors(response.body)).toEqual([]);
    expect(response.body.uri).toBe(`http://127.0.0.1:3000/v1/tenders/${DEMO.tender.id}/ocds`);
    expect(response.body.releases.map((r: any) => r.tag[0])).toEqual(["tender", "tenderUpdate"]);
  });

  it("a published tender cancelled: a tenderCancellation release with the reason", async () => {
    const tender = await (await flow().draft()).publish();
    const cancelled = await call("POST", `/v1/tenders/${tender.id}/cancel`, {
      token: tokens.officer,
      body: { reason: "Budget withdrawn by the council." },
    });
    expect(cancelled.status).toBe(200);
    const pkg = (await tender.ocds()).body;
    expect(releasePackageErrors(pkg)).toEqual([]);
    expect(releaseTagged(pkg, "tenderCancellation")[0].tender).toEqual({
      id: tender.id,
      status: "cancelled",
      lots: [{ id: "1", status: "cancelled" }],
      cancellationReason: "Budget withdrawn by the council.",
    });
  });
});

describe("GET /v1/ocds/extension/{file}", () => {
  it("serves the extension's files as in the repository; other names are 404", async () => {
    for (const file of ["extension.json", "release-schema.json"]) {
      const response = await call("GET", `/v1/ocds/extension/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/json");
      expect(response.text).toBe(
        readFileSync(new URL(`../../../lib/ocds/extension/${file}`, import.meta.url), "utf8"),
      );
    }
    expect((await call("GET", "/v1/ocds/extension/LICENSE")).status).toBe(404);
  });
});
