import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { compareVersions, newestVersion, resolveTableRef } from "../../../lib/domain/scoring/tables.js";

const versions = [
  { id: "ladder", version: "2", effectiveFrom: "2025-01-01" },
  { id: "ladder", version: "10", effectiveFrom: "2024-01-01" },
  { id: "ladder", version: "3", effectiveFrom: "2025-01-01" },
  { id: "other", version: "1", effectiveFrom: null },
];

describe("table references", () => {
  it("orders versions naturally", () => {
    expect(["4.0.10", "4.0.2", "V05-2023-04", "V04-2022-01"].sort(compareVersions)).toEqual([
      "4.0.2",
      "4.0.10",
      "V04-2022-01",
      "V05-2023-04",
    ]);
  });

  it("a missing version means the newest: latest effective date, then the highest version", () => {
    expect(resolveTableRef(versions, { tableId: "ladder" }, "ref").version).toBe("3");
    expect(newestVersion([...versions].reverse(), "ladder")!.version).toBe("3");
    expect(resolveTableRef(versions, { tableId: "ladder", version: "10" }, "ref").version).toBe("10");
  });

  it("with a date, a missing version means the newest in force on that date", () => {
    expect(resolveTableRef(versions, { tableId: "ladder" }, "ref", "table", "2024-12-31").version).toBe("10");
    expect(resolveTableRef(versions, { tableId: "ladder" }, "ref", "table", "2025-01-01").version).toBe("3");
    expect(resolveTableRef(versions, { tableId: "other" }, "ref", "table", "2000-01-01").version).toBe("1");
    // A named version is taken as named.
    expect(
      resolveTableRef(versions, { tableId: "ladder", version: "3" }, "ref", "table", "2024-06-01").version,
    ).toBe("3");
    try {
      resolveTableRef(versions, { tableId: "ladder" }, "x.y", "table", "2023-12-31");
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInput).errors).toEqual([
        { path: "x.y", message: 'no version of table "ladder" is in force on 2023-12-31 (known: 2, 3, 10)' },
      ]);
    }
  });

  it("names the path and the known versions when a reference does not resolve", () => {
    expect(() =>
      resolveTableRef(versions, { tableId: "ladder", version: "9" }, "awardModel.corrections.certificate"),
    ).toThrow(InvalidInput);
    try {
      resolveTableRef(versions, { tableId: "ladder", version: "9" }, "x.y", "certificate table");
    } catch (error) {
      expect((error as InvalidInput).errors).toEqual([
        { path: "x.y", message: 'unknown version "9" of certificate table "ladder" (known: 2, 3, 10)' },
      ]);
    }
  });
});
