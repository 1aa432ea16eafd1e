import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toAmsterdamLocal } from "../../../lib/domain/amsterdam-time.js";
import { publishedBetween } from "../../../lib/ocds/bulk.js";
import { ocdsReleasesQuery } from "../../../lib/schemas/ocds.js";

describe("the months of GET /v1/ocds/releases as a range of the publication index", () => {
  it("runs from the first instant of `from` to the first instant after `to`, in Amsterdam time", () => {
    // March 2026 starts in winter time (+01:00) and ends in summer time (+02:00).
    expect(publishedBetween("2026-03", "2026-03")).toEqual([
      "2026-02-28T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ]);
    expect(publishedBetween("2025-12", "2025-12")[1]).toBe("2025-12-31T23:00:00.000Z");
    expect(publishedBetween(undefined, undefined)).toEqual(["0", "~"]);
    expect(publishedBetween("2026-01", undefined)).toEqual(["2025-12-31T23:00:00.000Z", "~"]);
  });

  it("holds a sort key `<publishedAt>#<id>` exactly when its Amsterdam month lies in the months asked", () => {
    const month = fc
      .record({ year: fc.integer({ min: 2024, max: 2027 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ year, month }) => `${year}-${String(month).padStart(2, "0")}`);
    const instant = fc.integer({
      min: Date.parse("2023-12-31T00:00:00Z"),
      max: Date.parse("2028-01-02T00:00:00Z"),
    });
    fc.assert(
      fc.property(month, month, instant, fc.boolean(), (a, b, at, onTheHour) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        // Publication instants on a month's boundary are the edge cases worth hitting often.
        const ms = onTheHour ? Math.floor(at / 3_600_000) * 3_600_000 : at;
        const key = `${new Date(ms).toISOString()}#t-1`;
        const [lower, upper] = publishedBetween(from, to);
        const local = toAmsterdamLocal(ms).slice(0, 7);
        expect(lower <= key && key <= upper).toBe(local >= from && local <= to);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the query of GET /v1/ocds/releases", () => {
  it("takes a buyer and optional months, pages of 20 by default and at most 100", () => {
    expect(ocdsReleasesQuery.parse({ buyer: "gm-zwolle" })).toEqual({ buyer: "gm-zwolle", limit: 20 });
    expect(
      ocdsReleasesQuery.parse({ buyer: "gm-zwolle", from: "2026-01", to: "2026-01", limit: "100" }),
    ).toEqual({ buyer: "gm-zwolle", from: "2026-01", to: "2026-01", limit: 100 });
  });

  it("refuses a missing buyer, a malformed month, months the wrong way round and too large a page", () => {
    const paths = (query: Record<string, string>) =>
      ocdsReleasesQuery.safeParse(query).error?.issues.map((i) => i.path.join("."));
    expect(paths({})).toEqual(["buyer"]);
    expect(paths({ buyer: "gm-zwolle", from: "2026-13" })).toEqual(["from"]);
    expect(paths({ buyer: "gm-zwolle", from: "2026-03", to: "2026-02" })).toEqual(["to"]);
    expect(paths({ buyer: "gm-zwolle", limit: "101" })).toEqual(["limit"]);
    // Months whose first instant Amsterdam's rules cannot place (found by the route fuzzer as a 500).
    expect(paths({ buyer: "gm-zwolle", from: "0449-09" })).toEqual(["from"]);
    expect(paths({ buyer: "gm-zwolle", to: "9999-12" })).toEqual(["to"]);
    expect(paths({ buyer: "gm-zwolle", status: "draft" })).toEqual([""]);
  });
});
