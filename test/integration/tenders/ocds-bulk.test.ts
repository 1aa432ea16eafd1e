import { beforeAll, describe, expect, it } from "vitest";
import { toAmsterdamLocal } from "../../../lib/domain/amsterdam-time.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { releasePackageErrors } from "../../support/ocds-validator.js";
import { tenderBody } from "./support.js";

/**
 * GET /v1/ocds/releases?buyer=&from=&to=: a buyer's published tenders, by Amsterdam month of publication
 * (both months inclusive), a page of release packages at a time, without a token.
 */

const BUYER = DEMO.municipalities[1]; // Deventer: no demo tender of its own
let officer: string;

/** A tender of Deventer published at `at` (or left a draft); its id. */
async function tenderPublishedAt(at: Date | null, reference: string): Promise<string> {
  clock.set(at ?? new Date("2026-01-10T09:00:00Z"));
  const created = await call("POST", "/v1/tenders", {
    token: officer,
    idempotencyKey: newKey(),
    body: tenderBody(clock.now(), { reference }),
  });
  expect(created.status, created.text).toBe(201);
  if (at) {
    const published = await call("POST", `/v1/tenders/${created.body.id}/publish`, {
      token: officer,
      body: {},
    });
    expect(published.status, published.text).toBe(200);
  }
  return created.body.id;
}

const releases = (query: string) => call("GET", `/v1/ocds/releases?${query}`);
const idsOf = (body: { items: { releases: { tender: { id: string } }[] }[] }) =>
  body.items.map((p) => p.releases[0]!.tender.id);

// Publication instants around month ends: 31 January 23:30 UTC is 1 February 00:30 in Amsterdam.
const ids: Record<string, string> = {};
beforeAll(async () => {
  clock.set(new Date("2026-01-05T09:00:00Z"));
  await seedDemo();
  officer = await tokenFor("officer", BUYER);
  ids.january = await tenderPublishedAt(new Date("2026-01-15T10:00:00Z"), "DV-BULK-JAN");
  ids.lateJanuaryUtc = await tenderPublishedAt(new Date("2026-01-31T23:30:00Z"), "DV-BULK-FEB-1");
  ids.february = await tenderPublishedAt(new Date("2026-02-20T10:00:00Z"), "DV-BULK-FEB-2");
  ids.april = await tenderPublishedAt(new Date("2026-04-02T10:00:00Z"), "DV-BULK-APR");
  ids.draft = await tenderPublishedAt(null, "DV-BULK-DRAFT");
  clock.set(new Date("2026-04-10T12:00:00Z"));
}, 60_000);

describe("GET /v1/ocds/releases", () => {
  it("lists the buyer's published tenders of the months asked, oldest publication first, each a valid package", async () => {
    const response = await releases(`buyer=${BUYER}&from=2026-02&to=2026-03`);
    expect(response.status, response.text).toBe(200);
    expect(toAmsterdamLocal(new Date("2026-01-31T23:30:00Z")).slice(0, 7)).toBe("2026-02");
    expect(idsOf(response.body)).toEqual([ids.lateJanuaryUtc, ids.february]);
    expect(response.body.nextCursor).toBeNull();
    for (const pkg of response.body.items) {
      expect(releasePackageErrors(pkg)).toEqual([]);
      // The very package of the tender's own route.
      const single = await call("GET", `/v1/tenders/${pkg.releases[0].tender.id}/ocds`);
      expect(pkg).toEqual(single.body);
    }
  });

  it("takes both months inclusive and either bound open; a draft never appears", async () => {
    const all = await releases(`buyer=${BUYER}`);
    expect(idsOf(all.body)).toEqual([ids.january, ids.lateJanuaryUtc, ids.february, ids.april]);
    expect(idsOf((await releases(`buyer=${BUYER}&from=2026-02`)).body)).toEqual([
      ids.lateJanuaryUtc,
      ids.february,
      ids.april,
    ]);
    expect(idsOf((await releases(`buyer=${BUYER}&to=2026-01`)).body)).toEqual([ids.january]);
    expect(idsOf((await releases(`buyer=${BUYER}&from=2026-04&to=2026-04`)).body)).toEqual([ids.april]);
    expect(idsOf((await releases(`buyer=${BUYER}&from=2026-03&to=2026-03`)).body)).toEqual([]);
    expect(all.text).not.toContain(ids.draft);
  });

  it("pages with limit and cursor, and refuses a cursor for other months or another buyer", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let first: string | null = null;
    do {
      const page = await releases(
        `buyer=${BUYER}&from=2026-01&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status, page.text).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...idsOf(page.body));
      cursor = page.body.nextCursor;
      first ??= cursor;
    } while (cursor);
    expect(seen).toEqual([ids.january, ids.lateJanuaryUtc, ids.february, ids.april]);

    for (const other of [`buyer=${BUYER}&from=2026-02`, `buyer=${DEMO.municipalities[0]}&from=2026-01`]) {
      const refused = await releases(`${other}&limit=1&cursor=${encodeURIComponent(first!)}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: "invalid-cursor", errors: [{ path: "query.cursor" }] });
    }
  });

  it("answers an unknown buyer with an empty page, and malformed queries with 400 naming the field", async () => {
    const none = await releases("buyer=gm-nowhere");
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    for (const [query, path] of [
      ["from=2026-01", "query.buyer"],
      [`buyer=${BUYER}&from=2026-13`, "query.from"],
      [`buyer=${BUYER}&from=2026-03&to=2026-02`, "query.to"],
      [`buyer=${BUYER}&limit=101`, "query.limit"],
    ]) {
      const refused = await releases(query!);
      expect(refused.status, query).toBe(400);
      expect(refused.body.code).toBe("invalid-input");
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });
});
