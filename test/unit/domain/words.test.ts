import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { showNumber, withArticle } from "../../../lib/domain/words.js";
import { ROLES } from "../../../lib/operation.js";
import { ORG_KINDS } from "../../../lib/domain/orgs.js";
import { BLOCK_KINDS } from "../../../lib/domain/sroi/catalogue.js";

describe("articles in messages", () => {
  it("gives every role, organisation kind, block kind and tender status its article", () => {
    const words = [...ROLES, ...ORG_KINDS, ...BLOCK_KINDS, "opened", "evaluated", "award-intended", "draft"];
    expect(Object.fromEntries(words.map((w) => [w, withArticle(w)]))).toEqual({
      officer: "an officer",
      supplier: "a supplier",
      auditor: "an auditor",
      admin: "an admin",
      municipality: "a municipality",
      "region-body": "a region-body",
      operator: "an operator",
      employment: "an employment",
      placement: "a placement",
      apprenticeship: "an apprenticeship",
      hours: "an hours",
      purchase: "a purchase",
      fixed: "a fixed",
      bonus: "a bonus",
      opened: "an opened",
      evaluated: "an evaluated",
      "award-intended": "an award-intended",
      draft: "a draft",
    });
    expect(withArticle("officer", true)).toBe("An officer");
    expect(withArticle("unit")).toBe("a unit");
    expect(withArticle("euro")).toBe("a euro");
  });
});

describe("numbers in messages", () => {
  const intl = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 20 });

  it("groups digits as en-GB does, also for exponent forms, -0 and the bounds the schemas use", () => {
    const cases = [
      0,
      -0,
      1,
      -1,
      0.5,
      100,
      600,
      1_000_000,
      -10_000_000_000,
      1e21,
      1e-7,
      1.5e-7,
      0.1 + 0.2,
      1e300,
    ];
    expect(Object.fromEntries(cases.map((n) => [String(n), showNumber(n)]))).toMatchObject({
      "-10000000000": "-10,000,000,000",
      "1e+21": "1,000,000,000,000,000,000,000",
      "1.5e-7": "0.00000015",
      "0.30000000000000004": "0.30000000000000004",
    });
    for (const n of [...cases, Number.NaN, Number.POSITIVE_INFINITY, -5e-324])
      expect(showNumber(n)).toBe(intl(n));
  });

  it("writes every double exactly as Intl does (property)", () => {
    const scaled = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -30, max: 30 }))
      .map(([digits, exponent]) => digits * 10 ** exponent);
    fc.assert(
      fc.property(fc.oneof(fc.double(), scaled), (n) => {
        expect(showNumber(n)).toBe(intl(n));
      }),
      { numRuns: 5_000 },
    );
  });
});
