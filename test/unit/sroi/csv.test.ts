import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { csvRecords, parseCsvLines } from "../../../lib/contracts/csv.js";

const columns = { known: ["blockId", "fte", "period"], required: ["blockId", "period"] };

const refusal = (run: () => unknown): InvalidInput => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error("not refused");
};

describe("CSV reading for bulk uploads", () => {
  it("reads quoted fields, escaped quotes, CRLF and semicolons (Dutch spreadsheets)", () => {
    const ab = { known: ["a", "b"], required: ["a", "b"] };
    expect(csvRecords('a;b\r\n"x;1";"say ""hi"""\r\n\r\n', ab, 10)).toEqual([
      { row: 2, record: { a: "x;1", b: 'say "hi"' } },
    ]);
    expect(csvRecords("a,b\n1,2", ab, 10)).toEqual([{ row: 2, record: { a: "1", b: "2" } }]);
  });

  it("numbers each record by the line it starts on: blank lines and line breaks in quotes count", () => {
    expect(parseCsvLines('h;n\r\n\r\na;"two\nlines"\nb;x\r\rc;y').map((r) => [r.line, r.cells[0]])).toEqual([
      [1, "h"],
      [3, "a"],
      [5, "b"],
      [7, "c"],
    ]);
  });

  it("maps rows to records numbered by their line, and flags filled cells beyond the header", () => {
    expect(csvRecords("blockId,period,fte\nx,2025,0.5\n\ny,2025,,,\nz,2025,0,5", columns, 10)).toEqual([
      { row: 2, record: { blockId: "x", period: "2025", fte: "0.5" } },
      { row: 4, record: { blockId: "y", period: "2025" } },
      { row: 5, record: { blockId: "z", period: "2025", fte: "0" }, extraCells: 1 },
    ]);
  });

  it("names every missing, unknown and repeated column in one refusal", () => {
    const both = refusal(() => csvRecords("blokId;fte;fte;name\nx;1;1;y", columns, 10));
    expect(both.code).toBe("missing-columns");
    expect(both.errors.map((e) => [e.path, e.code])).toEqual([
      ["header.blockId", "missing-column"],
      ["header.period", "missing-column"],
      ["header.blokId", "unknown-column"],
      ["header.name", "unknown-column"],
      ["header.fte", "repeated-column"],
    ]);
    expect(both.message).toContain("Missing columns: blockId, period. Unknown columns: blokId, name.");
    expect(refusal(() => csvRecords("blockId;period;x\n", columns, 10)).code).toBe("unknown-columns");
    expect(refusal(() => csvRecords("blockId;period;period\n", columns, 10)).code).toBe("repeated-columns");
  });

  it("refuses an empty file, too many rows and an unterminated quote", () => {
    expect(refusal(() => csvRecords("\n\n", columns, 2)).errors[0]!.path).toBe("body");
    expect(refusal(() => csvRecords("blockId;period\na;1\nb;1\nc;1", columns, 2)).code).toBe("too-many-rows");
    expect(refusal(() => csvRecords('blockId;period\na;1\n"open', columns, 2)).errors[0]).toMatchObject({
      path: "rows.3",
      code: "invalid",
    });
  });
});
