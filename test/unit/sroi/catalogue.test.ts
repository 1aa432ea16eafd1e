import { describe, expect, it } from "vitest";
import {
  type Catalogue,
  catalogueInForce,
  validateCatalogue,
  validateCatalogueVersions,
} from "../../../lib/domain/sroi/catalogue.js";
import { referenceCatalogues } from "../../../lib/sroi/reference-data.js";

const version = (v: string, effectiveFrom: string | null): Catalogue => ({
  id: "x",
  version: v,
  name: v,
  source: "test",
  incomplete: false,
  effectiveFrom,
  blocks: [{ id: "b", kind: "placement", perMonth: 1 }],
});

describe("catalogue versions", () => {
  const versions = [version("v2", "2023-04-01"), version("v0", null), version("v3", "2025-01-01")];

  it("picks the version in force on a date; null start applies until a later version starts", () => {
    expect(catalogueInForce(versions, "2020-01-01")?.version).toBe("v0");
    expect(catalogueInForce(versions, "2023-03-31")?.version).toBe("v0");
    expect(catalogueInForce(versions, "2023-04-01")?.version).toBe("v2");
    expect(catalogueInForce(versions, "2024-12-31")?.version).toBe("v2");
    expect(catalogueInForce(versions, "2025-01-01")?.version).toBe("v3");
  });

  it("has nothing in force before the first dated version", () => {
    expect(catalogueInForce([version("v2", "2023-04-01")], "2023-03-31")).toBeUndefined();
    expect(() => catalogueInForce(versions, "2023-13-01")).toThrow(RangeError);
  });

  it("refuses two versions starting on the same day", () => {
    expect(validateCatalogueVersions([version("a", null), version("b", null)])[0]!.path).toBe(
      "1.effectiveFrom",
    );
  });

  it("validates the shipped reference catalogues and refuses malformed blocks", () => {
    for (const c of referenceCatalogues) expect(validateCatalogue(c)).toEqual([]);
    const bad: Catalogue = {
      ...version("bad", "2024-02-30"),
      blocks: [
        { id: "a", kind: "employment", perMonth: 5, maxMonths: 0 },
        { id: "a", kind: "purchase", factor: -1 },
      ],
    };
    expect(validateCatalogue(bad).map((e) => e.path)).toEqual([
      "effectiveFrom",
      "blocks.0.perYear",
      "blocks.0.perMonth",
      "blocks.0.maxMonths",
      "blocks.1.id",
      "blocks.1.factor",
    ]);
  });
});
