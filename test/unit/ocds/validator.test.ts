import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ocdsPublication } from "../../../lib/ocds/config.js";
import { OFFICIAL_EXTENSIONS } from "../../../lib/ocds/extensions.js";
import { tenderReleasePackage } from "../../../lib/ocds/release-package.js";
import {
  mergedReleaseSchema,
  mergePatch,
  parseCsv,
  releasePackageErrors,
} from "../../support/ocds-validator.js";
import { process, tender } from "./process-fixture.js";

/** The test helper that validates packages against the official OCDS files, and those files themselves. */

const SCHEMA = new URL("../../../lib/ocds/schema/", import.meta.url);
const valid = () =>
  tenderReleasePackage(
    process(tender()),
    ocdsPublication({}),
    "https://api.example.nl",
    new Date("2026-03-03"),
  );

const withRelease = (change: (release: any) => void) => {
  const pkg: any = structuredClone(valid());
  change(pkg.releases[0]);
  return releasePackageErrors(pkg);
};

describe("releasePackageErrors", () => {
  it("passes a package the mapping builds", () => {
    expect(releasePackageErrors(valid())).toEqual([]);
  });

  it("finds what the schema refuses: a missing required field, a malformed date, a closed code", () => {
    expect(withRelease((r) => delete r.initiationType)).toEqual([
      "/releases/0: must have required property 'initiationType'",
    ]);
    expect(withRelease((r) => (r.date = "2 March 2026"))).toEqual(
      expect.arrayContaining(['/releases/0/date: must match format "date-time"']),
    );
    expect(withRelease((r) => (r.tender.status = "open"))).toEqual(
      expect.arrayContaining(["/releases/0/tender/status: must be equal to one of the allowed values"]),
    );
  });

  it("checks codes of open codelists against their CSV (core and extensions) and the extension patches' types", () => {
    expect(withRelease((r) => (r.parties[0].roles = ["buyer", "bidder"]))).toEqual([
      '/releases/0/parties/0/roles: "bidder" is not a code of partyRole.csv',
    ]);
    expect(
      withRelease(
        (r) => (r.bids = { statistics: [{ id: "1", measure: "offers", value: 3, relatedLot: "1" }] }),
      ),
    ).toEqual(['/releases/0/bids/statistics/0/measure: "offers" is not a code of bidStatistics.csv']);
    expect(withRelease((r) => (r.tender.lots[0].awardCriteria.criteria[0].type = "money"))).toEqual([
      '/releases/0/tender/lots/0/awardCriteria/criteria/0/type: "money" is not a code of awardCriterionType.csv',
    ]);
    // Our own extension's patch: a rank is a whole number from 1.
    expect(withRelease((r) => (r.bids = { details: [{ id: "b", rank: 0, relatedLots: ["1"] }] }))).toEqual([
      "/releases/0/bids/details/0/rank: must be >= 1",
    ]);
  });

  it("merges exactly the extensions the package lists, and refuses one it has no copy of", () => {
    const pkg: any = structuredClone(valid());
    pkg.extensions = [OFFICIAL_EXTENSIONS.lots];
    pkg.releases[0].tender.lots[0].awardCriteria = { criteria: [] };
    // Without awardCriteriaBreakdown listed, the lot's awardCriteria is unchecked; with it, empty criteria fail.
    expect(releasePackageErrors(pkg)).toEqual([]);
    pkg.extensions = valid().extensions;
    expect(releasePackageErrors(pkg)).toEqual([
      "/releases/0/tender/lots/0/awardCriteria/criteria: must NOT have fewer than 1 items",
    ]);
    pkg.extensions = ["https://example.org/unknown/extension.json"];
    expect(() => releasePackageErrors(pkg)).toThrow(/no copy in the repository/);
  });

  it("merges the patches in order onto the core schema: lots, then bid, then awardCriteriaBreakdown", () => {
    const schema: any = mergedReleaseSchema(valid().extensions);
    expect(Object.keys(schema.definitions.Bid.properties)).toEqual(
      expect.arrayContaining(["relatedLots", "id", "status", "value", "rank", "scoreBreakdown"]),
    );
    expect(schema.definitions.Lot.properties.awardCriteria.$ref).toBe("#/definitions/AwardCriteria");
    expect(schema.id).toBe("https://standard.open-contracting.org/schema/1__1__5/release-schema.json");
  });
});

describe("JSON Merge Patch and CSV reading", () => {
  it("follows RFC 7386's examples", () => {
    expect(mergePatch({ a: "b" }, { a: "c" })).toEqual({ a: "c" });
    expect(mergePatch({ a: "b" }, { b: "c" })).toEqual({ a: "b", b: "c" });
    expect(mergePatch({ a: "b" }, { a: null })).toEqual({});
    expect(mergePatch({ a: [{ b: "c" }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  it("reads quoted fields with commas, quotes and line breaks", () => {
    expect(parseCsv('Code,Title\r\na,"x, ""y""\nz"\r\nb,c\n')).toEqual([
      ["Code", "Title"],
      ["a", 'x, "y"\nz'],
      ["b", "c"],
    ]);
  });
});

describe("the official files in lib/ocds/schema", () => {
  it("are byte for byte the blobs SOURCES.md names", () => {
    const sources = readFileSync(new URL("SOURCES.md", SCHEMA), "utf8");
    const rows = [...sources.matchAll(/^\| `([^`]+)` \| `[^`]+` \| (\d+) \| `([0-9a-f]{40})` \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const [, file, bytes, blob] of rows) {
      const content = readFileSync(new URL(file!, SCHEMA));
      expect(content.byteLength, file).toBe(Number(bytes));
      const id = createHash("sha1").update(`blob ${content.byteLength}\0`).update(content).digest("hex");
      expect(id, file).toBe(blob);
    }
  });
});
