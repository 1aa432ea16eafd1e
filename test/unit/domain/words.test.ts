import { describe, expect, it } from "vitest";
import { withArticle } from "../../../lib/domain/words.js";
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
