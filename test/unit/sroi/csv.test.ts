import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { csvRecords, parseCsv } from "../../../lib/sroi/csv.js";

describe("CSV reading for bulk uploads", () => {
  it("reads quoted fields, escaped quotes, CRLF and semicolons (Dutch spreadsheets)", () => {
    expect(parseCsv('a;b\r\n"x;1";"say ""hi"""\r\n\r\n')).toEqual([
      ["a", "b"],
      ["x;1", 'say "hi"'],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("maps rows to records with spreadsheet row numbers and refuses unknown columns and too many rows", () => {
    expect(csvRecords("blockId,fte\nx,0.5\ny,", ["blockId", "fte"], 10)).toEqual([
      { row: 2, record: { blockId: "x", fte: "0.5" } },
      { row: 3, record: { blockId: "y" } },
    ]);
    expect(() => csvRecords("blockId,name\nx,y", ["blockId"], 10)).toThrow(InvalidInput);
    expect(() => csvRecords("blockId\na\nb\nc", ["blockId"], 2)).toThrow(InvalidInput);
    expect(() => csvRecords('blockId\n"open', ["blockId"], 2)).toThrow(InvalidInput);
  });
});
