import { describe, expect, it } from "vitest";
import { type ApiResponse, call, DEMO, seedDemo, tokenFor } from "../../support/api.js";

/** GET /v1/sroi/catalogues: one region's catalogue versions with `regionId`, every region's without. */

const tokens = await seedDemo();
const seeded = ["oost-nederland V05-2023-04", "rijnvicus as-retrieved", "utrecht current-as-retrieved"];
const named = (items: { id: string; version: string }[]) => items.map((c) => `${c.id} ${c.version}`);
/** The list as seeded: without the version another case here publishes. */
const asSeeded = (names: string[]) => names.filter((n) => !n.startsWith("oost-extra "));

describe("the catalogue list", () => {
  it.each([
    ["an officer", () => tokens.officer],
    ["a supplier", () => tokens.supplier],
    ["an admin", () => tokens.admin],
  ])("without regionId gives %s every region's catalogue versions, by id and version", async (_, token) => {
    const res = await call("GET", "/v1/sroi/catalogues", { token: token() });
    expect(res.status).toBe(200);
    expect(asSeeded(named(res.body.items))).toEqual(seeded);
    const regions = new Map(res.body.items.map((c: { id: string; regionId: string }) => [c.id, c.regionId]));
    expect(regions.get("oost-nederland")).toBe(DEMO.region);
    expect(regions.get("utrecht")).toBe("utrecht");
  });

  it("pages the list without regionId with limit and cursor, each version once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse = await call(
        "GET",
        `/v1/sroi/catalogues?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        {
          token: tokens.officer,
        },
      );
      expect(res.status).toBe(200);
      seen.push(...named(res.body.items));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(asSeeded(seen)).toEqual(seeded);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("lists a newly published version among every region's, and one region's only with regionId", async () => {
    const auditor = await tokenFor("auditor", DEMO.regionBody);
    const published = await call("POST", "/v1/sroi/catalogues", {
      token: auditor,
      body: {
        id: "oost-extra",
        version: "V01",
        name: "Oost extra",
        source: "test",
        incomplete: false,
        effectiveFrom: "2030-01-01",
        blocks: [{ id: "work-experience", kind: "placement", perMonth: 800 }],
      },
    });
    expect(published.status).toBe(201);
    const all = await call("GET", "/v1/sroi/catalogues?limit=500", { token: tokens.supplier });
    expect(named(all.body.items)).toContain("oost-extra V01");
    const oost = await call("GET", `/v1/sroi/catalogues?regionId=${DEMO.region}`, { token: tokens.supplier });
    expect(named(oost.body.items)).toEqual(["oost-extra V01", "oost-nederland V05-2023-04"]);
    const utrecht = await call("GET", "/v1/sroi/catalogues?regionId=utrecht", { token: tokens.supplier });
    expect(named(utrecht.body.items)).toEqual(["utrecht current-as-retrieved"]);
  });
});
