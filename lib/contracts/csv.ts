/**
 * Minimal RFC 4180 CSV reading for bulk uploads: comma or semicolon separated (Dutch spreadsheets
 * export with ';'), quoted fields with "" escapes, CRLF or LF, a header row naming the columns.
 */
import type { CsvColumns } from "../schemas/csv-columns.js";
import { type FieldError, InvalidInput } from "../domain/errors.js";
import { refuseBsnIn } from "../domain/sroi/bsn.js";

/** One record of the file and the line it starts on (line 1 is the first line of the file). */
export interface CsvLine {
  line: number;
  cells: string[];
}

/** Records with the line each starts on; blank lines are skipped but still counted. */
export function parseCsvLines(text: string): CsvLine[] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: CsvLine[] = [];
  let line = 1;
  let start = 1;
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\n" || (c === "\r" && body[i + 1] !== "\n")) line++;
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
      if (c === "\r" && body[i + 1] === "\n") {
        i++;
        line++;
      }
      row.push(field);
      records.push({ line: start, cells: row });
      row = [];
      field = "";
      start = line;
    } else field += c;
  }
  if (quoted)
    throw new InvalidInput([
      { path: `rows.${start}`, code: "invalid", message: "unterminated quoted field" },
    ]);
  if (field !== "" || row.length) {
    row.push(field);
    records.push({ line: start, cells: row });
  }
  return records.filter((r) => r.cells.some((f) => f.trim() !== ""));
}

export interface CsvRecord {
  /** The line in the file (the header is line 1): what error paths and results call the row. */
  row: number;
  record: Record<string, string>;
  /** Set when the row has more filled cells than the header has columns (an unquoted separator). */
  extraCells?: number;
}

/** Every missing, unknown and repeated column at once: one 400 names them all. */
function headerProblem(names: string[], columns: CsvColumns): InvalidInput | undefined {
  const missing = columns.required.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !columns.known.includes(n));
  const repeated = [...new Set(names.filter((n, i) => columns.known.includes(n) && names.indexOf(n) !== i))];
  if (!missing.length && !unknown.length && !repeated.length) return undefined;
  const errors: FieldError[] = [
    ...missing.map((n) => ({ path: `header.${n}`, code: "missing-column", message: "required column" })),
    ...unknown.map((n) => ({
      path: `header.${n || "(empty)"}`,
      code: "unknown-column",
      message: `unknown column; known: ${columns.known.join(", ")}`,
    })),
    ...repeated.map((n) => ({ path: `header.${n}`, code: "repeated-column", message: "appears twice" })),
  ];
  const parts = [
    missing.length ? `Missing columns: ${missing.join(", ")}.` : "",
    unknown.length ? `Unknown columns: ${unknown.map((n) => n || "(empty)").join(", ")}.` : "",
    repeated.length ? `Repeated columns: ${repeated.join(", ")}.` : "",
    `Known columns: ${columns.known.join(", ")} (required: ${columns.required.join(", ")}).`,
  ];
  const code = missing.length ? "missing-columns" : unknown.length ? "unknown-columns" : "repeated-columns";
  return new InvalidInput(errors, parts.filter(Boolean).join(" "), code);
}

/** Rows as objects keyed by the header; empty cells are left out. */
export function csvRecords(text: string, columns: CsvColumns, maxRows: number): CsvRecord[] {
  const [header, ...rows] = parseCsvLines(text);
  if (!header)
    throw new InvalidInput(
      [{ path: "body", code: "invalid", message: "a header row naming the columns is required" }],
      "The file is empty.",
    );
  const names = header.cells.map((h) => h.trim());
  // Before the column messages, which quote the names: a BSN in the header is named by its position.
  refuseBsnIn(names, "header");
  const problem = headerProblem(names, columns);
  if (problem) throw problem;
  if (rows.length > maxRows)
    throw new InvalidInput(
      [{ path: "body", code: "too-many-rows", message: `at most ${maxRows} rows (got ${rows.length})` }],
      `At most ${maxRows} rows per upload; split the file.`,
      "too-many-rows",
    );
  return rows.map(({ line, cells }) => {
    const record: Record<string, string> = {};
    names.forEach((n, j) => {
      const v = (cells[j] ?? "").trim();
      if (v !== "") record[n] = v;
    });
    const extra = cells.slice(names.length).filter((c) => c.trim() !== "").length;
    return { row: line, record, ...(extra ? { extraCells: extra } : {}) };
  });
}
