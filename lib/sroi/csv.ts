/**
 * Minimal RFC 4180 CSV reading for bulk uploads: comma or semicolon separated (Dutch spreadsheets
 * export with ';'), quoted fields with "" escapes, CRLF or LF, a header row naming the columns.
 */
import { InvalidInput } from "../domain/errors.js";
import { refuseBsnIn } from "../domain/sroi/bsn.js";

export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new InvalidInput([{ path: "body", message: "unterminated quoted field" }]);
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

/** Rows as objects keyed by the header; empty cells are left out. Row numbers count the header as row 1. */
export function csvRecords(
  text: string,
  known: readonly string[],
  maxRows: number,
): { row: number; record: Record<string, string> }[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new InvalidInput([{ path: "body", message: "empty file: a header row is required" }]);
  const names = header.map((h) => h.trim());
  // Before the unknown-column message, which quotes the names; a column is named by its position.
  refuseBsnIn(names, "header");
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length)
    throw new InvalidInput(
      unknown.map((n) => ({ path: `header.${n}`, message: `unknown column; known: ${known.join(", ")}` })),
    );
  if (rows.length > maxRows)
    throw new InvalidInput([
      { path: "body", message: `at most ${maxRows} rows per upload (got ${rows.length})` },
    ]);
  return rows.map((cells, i) => {
    const record: Record<string, string> = {};
    names.forEach((n, j) => {
      const v = (cells[j] ?? "").trim();
      if (v !== "") record[n] = v;
    });
    return { row: i + 2, record };
  });
}
