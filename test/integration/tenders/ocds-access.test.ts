import { beforeAll, describe, expect, it } from "vitest";
import { call, clock, DEMO, type DemoTokens, newKey, tokenFor } from "../../support/api.js";
import { releasePackageErrors } from "../../support/ocds-validator.js";
import { PRICES, TenderFlow } from "./ocds-flow.js";
import { DAY, eur, tenderBody } from "./support.js";
import { seedDemoWithRules } from "../../support/demo-server.js";

/**
 * What the public sees of a tender in every state, through both OCDS routes (a tender's package and the
 * buyer's bulk list), without a token: nothing of a draft, no bidder and no bid value before the final
 * award (only the counts), after it only the awarded bid's value (publishBidPrices is off), and never a
 * candidate reference of the contract's realisations. Every package validates against the official schemas.
 */

let tokens: DemoTokens;
const START = new Date("2026-03-02T09:00:00Z");
const MONTH = "2026-03"; // every tender of this file is published in it
const BUYER = DEMO.municipalities[0];
const CANDIDATE = "CAND-OCDS-7731";

beforeAll(async () => {
  clock.set(START);
  tokens = await seedDemoWithRules(START, "ocds-access-rules");
});

interface PublicView {
  /** The tender's package (undefined: 404). */
  pkg: any;
  /** Both answers as text, to look for what must not be there. */
  text: string;
}

/** The tender as the public reads it, through both routes; the bulk list's package is the tender route's. */
async function publicView(tenderId: string): Promise<PublicView> {
  const single = await call("GET", `/v1/tenders/${tenderId}/ocds`);
  const bulk = await call("GET", `/v1/ocds/releases?buyer=${BUYER}&from=${MONTH}&to=${MONTH}&limit=100`);
  expect(bulk.status, bulk.text).toBe(200);
  expect(bulk.body.nextCursor).toBeNull();
  const listed = bulk.body.items.find((p: any) => p.releases[0].tender.id === tenderId);
  if (single.status === 404) {
    expect(single.body.code).toBe("not-found");
    expect(bulk.text).not.toContain(tenderId);
    return { pkg: undefined, text: single.text + bulk.text };
  }
  expect(single.status, single.text).toBe(200);
  expect(releasePackageErrors(single.body)).toEqual([]);
  expect(listed).toEqual(single.body);
  return { pkg: single.body, text: single.text + JSON.stringify(listed) };
}

const tags = (pkg: any) => pkg.releases.map((r: any) => r.tag.join(","));
const latest = (pkg: any) => pkg.releases.at(-1);
const bidderIds = [...DEMO.suppliers];

/** Before the final award: no bidder, no bid value, no award, no contract; bids at most as counts. */
function expectNothingOfTheBids(view: PublicView, prices: readonly number[], statistics: boolean) {
  for (const supplier of bidderIds) expect(view.text).not.toContain(supplier);
  for (const price of prices) expect(view.text).not.toContain(String(price));
  for (const release of view.pkg.releases) {
    expect(release.bids?.details).toBeUndefined();
    expect(release.awards).toBeUndefined();
    expect(release.contracts).toBeUndefined();
  }
  const counts = view.pkg.releases.flatMap((r: any) => r.bids?.statistics ?? []);
  if (!statistics) expect(counts).toEqual([]);
  else {
    expect(counts.length).toBeGreaterThan(0);
    for (const s of counts) expect(["bids", "validBids"]).toContain(s.measure);
  }
}

describe("public OCDS access through every state of a tender", () => {
  it("a tender from draft to contract: at each step only what has been published", async () => {
    clock.set(START);
    const tender = await new TenderFlow(tokens).draft();
    expect((await publicView(tender.id)).pkg).toBeUndefined();

    await tender.publish();
    const published = await publicView(tender.id);
    expect(tags(published.pkg)).toEqual(["tender"]);
    expectNothingOfTheBids(published, PRICES, false);

    await tender.bid();
    const bidsIn = await publicView(tender.id);
    expect(tags(bidsIn.pkg)).toEqual(["tender"]); // before the deadline not even the counts
    expectNothingOfTheBids(bidsIn, PRICES, false);

    await tender.open();
    const opened = await publicView(tender.id);
    expect(tags(opened.pkg)).toEqual(["tender", "tenderUpdate"]);
    expectNothingOfTheBids(opened, PRICES, true);

    await tender.score();
    await tender.evaluate();
    const evaluated = await publicView(tender.id);
    expectNothingOfTheBids(evaluated, PRICES, true);
    expect(latest(evaluated.pkg).bids.statistics.map((s: any) => [s.measure, s.value])).toEqual([
      ["bids", 3],
      ["validBids", 2],
    ]);

    await tender.intend();
    const intended = await publicView(tender.id);
    expectNothingOfTheBids(intended, PRICES, true);
    expect(intended.text).not.toMatch(/standstill|intended/i);

    await tender.award();
    const awarded = await publicView(tender.id);
    expect(tags(awarded.pkg)).toEqual(["tender", "tenderUpdate", "award", "contract"]);
    const [winner] = [DEMO.suppliers[1]];
    const award = awarded.pkg.releases.find((r: any) => r.tag.includes("award"));
    expect(award.awards[0].suppliers).toEqual([expect.objectContaining({ id: winner })]);
    expect(award.bids.details.map((b: any) => [b.id, b.value?.amount ?? null])).toEqual(
      expect.arrayContaining([
        [DEMO.suppliers[0], null],
        [winner, PRICES[1]],
        [DEMO.suppliers[2], null],
      ]),
    );
    for (const losing of [PRICES[0], PRICES[2]]) expect(awarded.text).not.toContain(`"amount":${losing}`);

    // The supplier realises social return on the contract; the public sees the month's value, not the person.
    const contractId = `ct-${tender.id}`;
    clock.set(new Date("2026-08-05T09:00:00Z"));
    const supplier = await tokenFor("supplier", winner);
    const entry = await call("POST", `/v1/contracts/${contractId}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "work-experience",
        candidateRef: CANDIDATE,
        startDate: "2026-07-01",
        endDate: "2026-07-31",
        period: "2026-07",
      },
    });
    expect(entry.status, entry.text).toBe(201);
    const reviewed = await call("POST", `/v1/contracts/${contractId}/entries/${entry.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "checked" },
    });
    expect(reviewed.status, reviewed.text).toBe(200);

    const realised = await publicView(tender.id);
    const [contract] = realised.pkg.releases.find((r: any) => r.tag.includes("contract")).contracts;
    expect(contract.implementation.milestones).toEqual([
      expect.objectContaining({ id: "social-return-obligation", type: "delivery", status: "scheduled" }),
    ]);
    expect(contract.implementation.socialReturn.periods).toEqual([
      expect.objectContaining({ id: "2026-07", realisedValue: entry.body.value }),
    ]);
    expect(contract.implementation.socialReturn.realisedValue).toEqual(entry.body.value);
    expect(realised.text).not.toContain(CANDIDATE);
    expect(realised.text).not.toContain(entry.body.id);
  });

  it("a tender cancelled after its bids were opened: the cancellation and the counts, nothing of the bids", async () => {
    clock.set(START);
    const tender = await (await new TenderFlow(tokens).draft()).publish();
    await tender.bid();
    await tender.open();
    const cancelled = await call("POST", `/v1/tenders/${tender.id}/cancel`, {
      token: tokens.officer,
      body: { reason: "Budget withdrawn by the council." },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    const view = await publicView(tender.id);
    expect(tags(view.pkg)).toContain("tenderCancellation");
    expect(latest(view.pkg).tender).toMatchObject({ status: "cancelled" });
    expectNothingOfTheBids(view, PRICES, true);
  });

  it("a draft cancelled before publication never appears", async () => {
    clock.set(START);
    const tender = await new TenderFlow(tokens).draft();
    const cancelled = await call("POST", `/v1/tenders/${tender.id}/cancel`, {
      token: tokens.officer,
      body: { reason: "Not needed after all." },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((await publicView(tender.id)).pkg).toBeUndefined();
  });

  it("lots: a lot finally awarded shows its bids in detail while the other, at intended award, shows only counts", async () => {
    clock.set(START);
    const lowestPrice = { method: "lowest-price" };
    const {
      estimatedValue: _v,
      awardModel: _m,
      ...base
    } = tenderBody(START, {
      reference: `OCDS-LOTS-${newKey().slice(0, 8)}`,
      contractType: "services",
      pricesSealedUntilQualityScored: false,
    });
    const created = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      idempotencyKey: newKey(),
      body: {
        ...base,
        noImpactCriteriaReason: "Standard maintenance where the price is the only distinguishing factor.",
        lots: [
          { id: "1", title: "Perceel 1: Noord", estimatedValue: eur(100_000), awardModel: lowestPrice },
          { id: "2", title: "Perceel 2: Zuid", estimatedValue: eur(150_000), awardModel: lowestPrice },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const ok = async (method: string, path: string, status = 200) => {
      const r = await call(method, `/v1/tenders/${id}${path}`, { token: tokens.officer, body: {} });
      expect(r.status, r.text).toBe(status);
      return r.body;
    };
    await ok("POST", "/publish");
    const [s1, s2, s3] = DEMO.suppliers;
    const bids: [string, string, number][] = [
      [s1, "1", 90_017],
      [s2, "1", 95_023],
      [s2, "2", 131_029],
      [s3, "2", 142_031],
    ];
    for (const [supplierId, lotId, price] of bids) {
      const r = await call("POST", `/v1/tenders/${id}/bids`, {
        token: await tokenFor("supplier", supplierId),
        idempotencyKey: newKey(),
        body: { price: eur(price), ...(lotId === "1" ? {} : { lotId }) },
      });
      expect(r.status, r.text).toBe(201);
    }
    clock.set(new Date(START.getTime() + 15 * DAY));
    await ok("POST", "/open");
    await ok("POST", "/evaluation", 201);
    const first = await ok("POST", "/intended-award");
    await ok("POST", "/lots/2/evaluation", 201);
    await ok("POST", "/lots/2/intended-award");
    const before = await publicView(id);
    expectNothingOfTheBids(
      before,
      bids.map((b) => b[2]),
      true,
    );

    clock.set(new Date(first.lots[0].intendedAward.standstillEndsAt));
    await ok("POST", "/lots/1/award");
    const view = await publicView(id);
    const award = view.pkg.releases.find((r: any) => r.tag.includes("award"));
    expect(award.awards.map((a: any) => a.relatedLots)).toEqual([["1"]]);
    const details = award.bids.details;
    expect(details.every((b: any) => b.relatedLots[0] === "1")).toBe(true);
    expect(details.map((b: any) => [b.id, b.value?.amount ?? null])).toEqual(
      expect.arrayContaining([
        [s1, 90_017],
        [s2, null],
      ]),
    );
    // Lot 1's losing bid: its value only as the lot's highest valid bid (a statistic), not on the bid.
    expect(view.text).not.toContain('"amount":95023');
    // The lot still at its intended award: no bidder (s3 bid only there), no value, no bid id.
    for (const secret of ["131029", "142031", s3, `${s2}~2`]) expect(view.text).not.toContain(secret);
    // A contract without an obligation and without realisations has no implementation to publish.
    const [contract] = view.pkg.releases.find((r: any) => r.tag.includes("contract")).contracts;
    expect(contract.implementation).toBeUndefined();
    const lot2Counts = view.pkg.releases
      .flatMap((r: any) => r.bids?.statistics ?? [])
      .filter((s: any) => s.relatedLot === "2");
    expect(lot2Counts.map((s: any) => s.measure)).toContain("bids");
  });
});
