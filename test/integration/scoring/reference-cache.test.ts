import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableItem } from "../../../lib/scoring/reference-tables.js";
import { installCallCounter, type RecordedCall } from "../../../lib/store/call-counter.js";
import { db } from "../../../lib/store/client.js";
import { NEWEST_VERSION_TTL_MS } from "../../../lib/store/container-cache.js";
import { putIfAbsent } from "../../../lib/store/ops.js";
import { call, type DemoTokens, newKey, seedDemo, useClock } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";
import { tenderBody } from "../tenders/support.js";

/**
 * Reference tables and catalogues are cached per container: versions for good (they never change),
 * the lists behind "the newest version" for NEWEST_VERSION_TTL_MS. Counted with the call counter on
 * the shared client, through the real handlers against dynalite.
 */

const START = new Date("2026-02-02T09:00:00Z");
useClock(START);
const counter = installCallCounter(db);
let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});
afterAll(() => counter.remove());
const caches = useFreshCaches();

const eur = (amount: number) => ({ amount, currency: "EUR" });
const REFERENCE_ITEM = /"(REFTABLE|CATALOGUE)#/;
const referenceReads = (calls: RecordedCall[]) =>
  calls.filter((c) => REFERENCE_ITEM.test(JSON.stringify(c.input))).length;

/** Every kind of reference: tables named without a version, a CO2 price with one, a catalogue. */
const everyReference = {
  method: "weighted-points",
  price: { formula: "relative-lowest", maxPoints: 40 },
  criteria: [{ id: "q", name: "Quality", scale: { min: 0, max: 10 }, maxPoints: 50 }],
  corrections: {
    certificate: { tableId: "co2-ladder-prorail" },
    truePrice: {
      factorSetId: "true-price-monetisation",
      co2Price: { tableId: "true-price-2025", version: "as-retrieved-2026" },
    },
  },
  socialReturn: {
    mode: "points",
    catalogue: { id: "oost-nederland" },
    percentOfPrice: 0,
    fullPointsAtPercent: 5,
    maxPoints: 10,
  },
};

const bids = Array.from({ length: 10 }, (_, i) => ({
  id: `bid-${i}`,
  price: eur(1_000_000 + i * 10_000),
  certificates: { "co2-ladder": i % 6 },
  externalities: [{ factorId: "climate", quantity: 1_000 * i }],
  qualityScores: { q: i % 11 },
  socialReturnOffer: [{ blockId: "pwet-gt-2y", fte: 1, months: 1 + i }],
}));

const simulate = async (awardModel: unknown, someBids: unknown[] = bids) => {
  const { result, calls } = await counter.counted(() =>
    call("POST", "/v1/scoring/simulate", { token: tokens.officer, body: { awardModel, bids: someBids } }),
  );
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return { body: result.body, calls };
};

/** A level-3 bid of EUR 1,000 under the CO2 ladder named by `certificate`: its evaluated price. */
const ladderPrice = async (certificate: Record<string, string>) => {
  const { body } = await simulate({ method: "award-on-value", corrections: { certificate } }, [
    { id: "A", price: eur(1000), certificates: { "co2-ladder": 3 } },
  ]);
  return body.ranking[0].evaluatedPrice.amount;
};

/**
 * A version of a ladder table of this case's own (`id`), written as another container's admin would:
 * this container is not told. At level 3 a bid of EUR 1,000 gets `level3` percent off.
 */
const addVersionElsewhere = (id: string, version: string, level3: number) =>
  putIfAbsent(
    tableItem(
      {
        kind: "certificate-discount",
        id,
        version,
        effectiveFrom: null,
        scheme: "co2-ladder",
        discountPercentByLevel: { "1": 1, "2": 2, "3": level3, "4": 7, "5": 10 },
        source: "test: a ladder table",
      },
      { addedAt: START.toISOString(), addedBy: "test-admin-elsewhere" },
      `test-${id}-${version}`,
    ),
  );

describe("reference tables cached per container", () => {
  it("a second simulation of 10 bids reads no reference table or catalogue", async () => {
    const first = await simulate(everyReference);
    // The certificate and factor-set versions, the named CO2 price, the catalogue's versions.
    expect(referenceReads(first.calls)).toBe(4);
    const second = await simulate(everyReference);
    expect(referenceReads(second.calls)).toBe(0);
    // Nor anything else: the caller's organisation is cached too (lib/orgs/organisations.ts).
    expect(second.calls).toEqual([]);
    expect(second.body.ranking).toEqual(first.body.ranking);
  });

  it("a version added through another container is the newest after NEWEST_VERSION_TTL_MS; named, at once", async () => {
    await addVersionElsewhere("ladder-elsewhere", "1", 4);
    expect(await ladderPrice({ tableId: "ladder-elsewhere" })).toBe(960);
    await addVersionElsewhere("ladder-elsewhere", "2", 5);
    // Still the list read a moment ago...
    caches.advance(NEWEST_VERSION_TTL_MS - 1);
    expect(await ladderPrice({ tableId: "ladder-elsewhere" })).toBe(960);
    // ...but a version named is read when this container has not seen it.
    expect(await ladderPrice({ tableId: "ladder-elsewhere", version: "2" })).toBe(950);
    caches.advance(1);
    expect(await ladderPrice({ tableId: "ladder-elsewhere" })).toBe(950);
  });

  it("a version added through this container is the newest at once", async () => {
    await addVersionElsewhere("ladder-here", "1", 4);
    expect(await ladderPrice({ tableId: "ladder-here" })).toBe(960);
    const added = await call("POST", "/v1/reference-tables", {
      token: tokens.admin,
      idempotencyKey: newKey(),
      body: {
        kind: "certificate-discount",
        id: "ladder-here",
        version: "2",
        scheme: "co2-ladder",
        discountPercentByLevel: { "1": 1, "2": 2, "3": 8, "4": 9, "5": 10 },
        source: "test: added here",
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(await ladderPrice({ tableId: "ladder-here" })).toBe(920);
  });

  it("publishing a tender pins the newest version as stored now, not as cached", async () => {
    await addVersionElsewhere("ladder-tender", "1", 4);
    expect(await ladderPrice({ tableId: "ladder-tender" })).toBe(960);
    await addVersionElsewhere("ladder-tender", "2", 6);
    const body = tenderBody(START);
    body.awardModel.corrections.certificate = { tableId: "ladder-tender" };
    const draft = await call("POST", "/v1/tenders", {
      token: tokens.officer,
      body,
      idempotencyKey: newKey(),
    });
    expect(draft.status).toBe(201);
    const published = await call("POST", `/v1/tenders/${draft.body.id}/publish`, {
      token: tokens.officer,
      body: {},
    });
    expect(published.status).toBe(200);
    expect(published.body.awardModel.corrections.certificate).toEqual({
      tableId: "ladder-tender",
      version: "2",
    });
  });
});
