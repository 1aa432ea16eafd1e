import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ocdsPublication } from "../../../lib/ocds/config.js";
import { OFFICIAL_EXTENSIONS } from "../../../lib/ocds/extensions.js";
import type { LotProcess, ProcessBid } from "../../../lib/ocds/process.js";
import { tenderReleasePackage } from "../../../lib/ocds/release-package.js";
import { type OcdsRelease, ocdsReleasePackage } from "../../../lib/schemas/responses/ocds.js";
import type { Lot, Tender } from "../../../lib/tenders/tenders.js";
import { releasePackageErrors } from "../../support/ocds-validator.js";
import { DEADLINE, emptyLot, eur, lot, process, ranked, tender } from "./process-fixture.js";

/** The pure mapping of a tender's process to an OCDS release package: what is published when. */

const publication = ocdsPublication({});
const BASE = "https://api.example.nl";
const BEFORE_DEADLINE = new Date("2026-03-10T00:00:00Z");
const AFTER_DEADLINE = new Date("2026-03-20T00:00:00Z");
const EVALUATED_AT = "2026-03-18T10:00:00.000Z";
const AWARDED_AT = "2026-04-20T10:00:00.000Z";

const bid = (supplierId: string, amount: number): ProcessBid => ({
  bidId: supplierId,
  supplierId,
  submittedAt: "2026-03-05T10:00:00.000Z",
  price: eur(amount),
});

/** Three bids on lot 1: sup-b ranks first, sup-a second, sup-c is not compliant. */
const threeBids = (): LotProcess => ({
  bids: [bid("sup-a", 1_500), bid("sup-b", 1_800), bid("sup-c", 1_100)],
  evaluation: {
    at: EVALUATED_AT,
    method: "weighted-points",
    ranking: [
      ranked("sup-b", eur(1_800), 1, 9),
      ranked("sup-a", eur(1_500), 2),
      ranked("sup-c", eur(1_100), null),
    ],
  },
  contract: null,
});

const awarded = (l: Lot, bidId: string, amount: number): Lot => ({
  ...l,
  status: "awarded",
  award: { at: AWARDED_AT, by: "officer-sub-1", bidId, contractId: `ct-t-1-${l.id}`, value: eur(amount) },
});

const contractOf = (lotId: string, supplierId: string, valueCents: number) => ({
  contract: {
    id: `ct-t-1-${lotId}`,
    title: `Groenonderhoud ${lotId}`,
    supplierId,
    valueCents,
    startDate: "2026-06-01",
    endDate: "2027-05-31",
    awardDate: "2026-04-20",
    createdAt: AWARDED_AT,
  },
});

const build = (t: Tender, lots: Record<string, LotProcess>, now = AFTER_DEADLINE) =>
  tenderReleasePackage(process(t, lots), publication, BASE, now);

/** The package fits the route's response schema and the official schemas; returns it. */
function valid(pkg: ReturnType<typeof build>) {
  expect(ocdsReleasePackage.safeParse(pkg).error?.issues ?? []).toEqual([]);
  expect(releasePackageErrors(pkg)).toEqual([]);
  return pkg;
}

const tagged = (pkg: ReturnType<typeof build>, tag: OcdsRelease["tag"][number]) =>
  pkg.releases.filter((r) => r.tag.includes(tag));

describe("tenderReleasePackage", () => {
  it("refuses a tender that was never published", () => {
    expect(() => build(tender({ status: "draft", published: null }), {})).toThrow(/not published/);
  });

  it("a published tender before its deadline: one tender release, no bids; package metadata from the configuration", () => {
    const pkg = valid(build(tender(), {}, BEFORE_DEADLINE));
    expect(pkg).toMatchObject({
      uri: `${BASE}/v1/tenders/t-1/ocds`,
      version: "1.1",
      publisher: { name: "Impact Procurement" },
      license: "https://creativecommons.org/licenses/by/4.0/",
      publishedDate: "2026-03-02T09:00:00.000Z",
    });
    expect(pkg.extensions).toEqual([
      OFFICIAL_EXTENSIONS.lots,
      OFFICIAL_EXTENSIONS.bid,
      OFFICIAL_EXTENSIONS.awardCriteriaBreakdown,
      `${BASE}/v1/ocds/extension/extension.json`,
    ]);
    expect(pkg.releases).toHaveLength(1);
    const [release] = pkg.releases;
    expect(release).toMatchObject({ ocid: "ocds-impact-t-1", id: "ocds-impact-t-1-tender", tag: ["tender"] });
    expect(release!.tender).toMatchObject({
      status: "active",
      tenderPeriod: { startDate: "2026-03-02T09:00:00.000Z", endDate: DEADLINE },
      // Amsterdam days: 1 June 00:00 CEST, 31 May 23:59:59 CEST.
      contractPeriod: { startDate: "2026-05-31T22:00:00.000Z", endDate: "2027-05-31T21:59:59.000Z" },
      items: [{ id: "1", classification: { scheme: "CPV", id: "77310000-6" }, relatedLot: "1" }],
      mainProcurementCategory: "services",
      awardCriteria: "ratedCriteria",
    });
    expect(release!.bids).toBeUndefined();
  });

  it("after the deadline, before the final award: counts only — no bidder, value, rank or score", () => {
    const lots = { "1": threeBids() };
    const t = tender({ lots: [lot("1", { status: "award-intended" })], status: "award-intended" });
    const pkg = valid(build(t, lots));
    const [update] = tagged(pkg, "tenderUpdate");
    expect(update!.date).toBe(EVALUATED_AT);
    expect(update!.bids).toEqual({
      statistics: [
        { id: "1-bids", measure: "bids", date: DEADLINE, value: 3, relatedLot: "1" },
        { id: "1-validBids", measure: "validBids", date: EVALUATED_AT, value: 2, relatedLot: "1" },
      ],
    });
    const text = JSON.stringify(pkg);
    for (const supplier of ["sup-a", "sup-b", "sup-c"]) expect(text).not.toContain(supplier);
    for (const amount of [1_500, 1_800, 1_100]) expect(text).not.toContain(`${amount}`);
    expect(text).not.toContain("officer-sub-1");
  });

  it("after the final award: the award, the bids in detail with only the awarded value, lowest and highest valid values", () => {
    const t = tender({ lots: [awarded(lot("1"), "sup-b", 1_800)], status: "awarded" });
    const pkg = valid(build(t, { "1": { ...threeBids(), contract: contractOf("1", "sup-b", 180_000) } }));
    expect(pkg.releases.map((r) => r.tag[0])).toEqual(["tender", "tenderUpdate", "award", "contract"]);
    const [award] = tagged(pkg, "award");
    expect(award!.awards).toEqual([
      {
        id: "award-1",
        title: "Groenonderhoud",
        status: "active",
        date: AWARDED_AT,
        value: eur(1_800),
        suppliers: [{ id: "sup-b", name: "Aannemer B" }],
        contractPeriod: { startDate: "2026-05-31T22:00:00.000Z", endDate: "2027-05-31T21:59:59.000Z" },
        relatedLots: ["1"],
        relatedBid: "sup-b",
      },
    ]);
    expect(award!.parties).toEqual([
      { id: "gm-zwolle", name: "Gemeente Zwolle", roles: ["buyer", "procuringEntity"] },
      {
        id: "sup-b",
        name: "Aannemer B",
        identifier: { scheme: "NL-KVK", id: "90000002", legalName: "Aannemer B" },
        roles: ["tenderer", "supplier"],
      },
      {
        id: "sup-a",
        name: "Aannemer A",
        identifier: { scheme: "NL-KVK", id: "90000001", legalName: "Aannemer A" },
        roles: ["tenderer"],
      },
      { id: "sup-c", name: "Aannemer C", roles: ["tenderer"] },
    ]);
    const details = award!.bids!.details!;
    expect(details.map((b) => [b.id, b.status, b.rank, b.value?.amount])).toEqual([
      ["sup-a", "valid", 2, undefined],
      ["sup-b", "valid", 1, 1_800],
      ["sup-c", "disqualified", null, undefined],
    ]);
    const [loser, winner, excluded] = details;
    expect(winner!.scoreBreakdown).toMatchObject({
      totalScore: 79,
      pricePoints: { points: 20, maxPoints: 40 },
    });
    expect(winner!.scoreBreakdown!.evaluatedValue).toEqual(eur(1_800));
    expect(loser!.scoreBreakdown).toEqual({
      method: "weighted-points",
      compliant: true,
      criteria: [
        {
          id: "plan",
          name: "Plan",
          score: 6,
          scale: { min: 0, max: 10 },
          minimumScore: 4,
          meetsMinimum: true,
          points: 36,
          maxPoints: 60,
        },
      ],
      socialReturn: null,
    });
    // A reason may quote an amount that follows from the price: only with the bid's value.
    expect(excluded!.scoreBreakdown).not.toHaveProperty("reasons");
    expect(award!.bids!.statistics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measure: "lowestValidBidValue", value: 1_500, currency: "EUR" }),
        expect.objectContaining({ measure: "highestValidBidValue", value: 1_800, currency: "EUR" }),
      ]),
    );
    const [contract] = tagged(pkg, "contract");
    expect(contract!.contracts).toEqual([
      {
        id: "ct-t-1-1",
        awardID: "award-1",
        title: "Groenonderhoud 1",
        status: "active",
        period: { startDate: "2026-05-31T22:00:00.000Z", endDate: "2027-05-31T21:59:59.000Z" },
        value: eur(1_800),
      },
    ]);
    expect(contract!.parties.map((p) => p.roles)).toEqual([["buyer", "procuringEntity"], ["supplier"]]);
    expect(pkg.publishedDate).toBe(AWARDED_AT);
  });

  it("publishBidPrices: every bid's value, score in full and reasons", () => {
    const t = tender({
      lots: [awarded(lot("1"), "sup-b", 1_800)],
      status: "awarded",
      publishBidPrices: true,
    });
    const pkg = valid(build(t, { "1": threeBids() }));
    const details = tagged(pkg, "award")[0]!.bids!.details!;
    expect(details.map((b) => b.value?.amount)).toEqual([1_500, 1_800, 1_100]);
    expect(details.every((b) => b.scoreBreakdown?.totalScore !== undefined)).toBe(true);
    expect(details[2]!.scoreBreakdown!.reasons).toHaveLength(1);
  });

  it("lots: each lot awarded on its own; the tender completes with the last", () => {
    const t = tender({
      lots: [awarded(lot("1"), "sup-b", 1_800), lot("2", { status: "evaluated" })],
      maxLotsPerSupplier: 1,
      status: "evaluated",
    });
    const pkg = valid(build(t, { "1": threeBids(), "2": { ...threeBids(), bids: [bid("sup-a", 900)] } }));
    const [first] = pkg.releases;
    expect(first!.tender.lotDetails).toEqual({ maximumLotsAwardedPerSupplier: 1 });
    expect(first!.tender.items!.map((i) => i.relatedLot)).toEqual(["1", "2"]);
    expect(first!.tender.awardCriteriaDetails).toMatch(/^Lot 1 \(Lot 1\): Weighted points/);
    const [award] = tagged(pkg, "award");
    expect(award!.awards![0]!.title).toBe("Groenonderhoud — Lot 1");
    expect(award!.tender).toEqual({
      id: "t-1",
      status: "active",
      lots: [
        { id: "1", status: "complete" },
        { id: "2", status: "active" },
      ],
    });
    // Lot 2 is not awarded: its one bid's price shows nowhere.
    expect(JSON.stringify(pkg)).not.toMatch(/"(amount|value)":900\b/);
  });

  it("a cancellation: its own release with the reason; counts only when cancelled after the deadline", () => {
    const cancelledAt = (at: string) =>
      tender({ status: "cancelled", cancellation: { reason: "Budget withdrawn.", at, by: "officer-sub-1" } });
    const early = valid(build(cancelledAt("2026-03-05T10:00:00.000Z"), { "1": threeBids() }));
    expect(early.releases.map((r) => r.tag[0])).toEqual(["tender", "tenderCancellation"]);
    expect(early.releases[1]!.tender).toEqual({
      id: "t-1",
      status: "cancelled",
      lots: [{ id: "1", status: "cancelled" }],
      cancellationReason: "Budget withdrawn.",
    });
    const late = valid(build(cancelledAt("2026-03-25T10:00:00.000Z"), { "1": threeBids() }));
    expect(late.releases.map((r) => r.tag[0])).toEqual(["tender", "tenderUpdate", "tenderCancellation"]);
  });

  it("the contract release carries the implementation its source gave", () => {
    const t = tender({ lots: [awarded(lot("1"), "sup-b", 1_800)], status: "awarded" });
    const implementation = {
      milestones: [{ id: "sroi", title: "Social return", type: "delivery", status: "scheduled" as const }],
    };
    const pkg = valid(
      build(t, {
        "1": { ...threeBids(), contract: { ...contractOf("1", "sup-b", 180_000), implementation } },
      }),
    );
    expect(tagged(pkg, "contract")[0]!.contracts![0]!.implementation).toEqual(implementation);
  });
});

describe("tenderReleasePackage, for any state of the process (property)", () => {
  const suppliers = ["sup-a", "sup-b", "sup-c"];
  const lotState = fc.record({
    prices: fc.uniqueArray(fc.integer({ min: 1, max: 500_000 }), { minLength: 0, maxLength: 3 }),
    evaluated: fc.boolean(),
    awarded: fc.boolean(),
    compliant: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  });
  const scenario = fc.record({
    lots: fc.array(lotState, { minLength: 1, maxLength: 3 }),
    publishBidPrices: fc.boolean(),
    cancelled: fc.boolean(),
    afterDeadline: fc.boolean(),
  });

  it("validates with zero errors and shows values only of awarded bids, unless the tender publishes bid prices", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const states: Record<string, LotProcess> = {};
        const lots = s.lots.map((state, i) => {
          const id = String(i + 1);
          const bids = s.afterDeadline ? state.prices.map((p, j) => bid(suppliers[j]!, p)) : [];
          let rank = 0;
          const ranking = bids.map((b, j) => ranked(b.bidId, b.price, state.compliant[j] ? ++rank : null));
          const evaluated = s.afterDeadline && state.evaluated && bids.length > 0;
          const winner = ranking.find((r) => r.rank === 1);
          const award = evaluated && state.awarded && winner && !s.cancelled;
          states[id] = {
            ...emptyLot(),
            bids,
            evaluation: evaluated ? { at: EVALUATED_AT, method: "weighted-points", ranking } : null,
            contract: award
              ? contractOf(id, winner.bidId, Math.round(winner.evaluatedPrice!.amount * 100))
              : null,
          };
          return award ? awarded(lot(id), winner.bidId, winner.evaluatedPrice!.amount) : lot(id);
        });
        const t = tender({
          lots,
          publishBidPrices: s.publishBidPrices,
          ...(s.cancelled
            ? {
                status: "cancelled",
                cancellation: { reason: "Stopped.", at: "2026-03-25T10:00:00.000Z", by: "x" },
              }
            : {}),
        });
        const pkg = build(t, states, s.afterDeadline ? AFTER_DEADLINE : BEFORE_DEADLINE);
        expect(releasePackageErrors(pkg)).toEqual([]);
        expect(ocdsReleasePackage.safeParse(pkg).success).toBe(true);
        for (const release of pkg.releases) {
          if (!release.tag.includes("award")) expect(release.bids?.details).toBeUndefined();
          for (const detail of release.bids?.details ?? []) {
            const shown = detail.value !== undefined;
            expect(shown).toBe(s.publishBidPrices || release.awards![0]!.relatedBid === detail.id);
            expect(detail.scoreBreakdown?.totalScore !== undefined).toBe(shown);
          }
        }
        expect(JSON.stringify(pkg)).not.toContain("officer-sub-1");
      }),
      { numRuns: 60 },
    );
  });
});
