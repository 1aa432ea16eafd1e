/**
 * The CSV of a report: one row per contract with its figures, RFC 4180 (CRLF line ends, fields with
 * the delimiter, a quote, CR or LF quoted, quotes doubled), UTF-8, a header row of stable English
 * column names and a last row labelled `TOTAL`.
 *
 * Two variants. `comma`: money as plain decimal euros with a dot (`1234.56`), percentages with a dot,
 * no byte-order mark: for programs. `semicolon`: what a spreadsheet in a Dutch locale opens directly,
 * with a semicolon between fields, a decimal comma (`1234,56`) and a UTF-8 byte-order mark (without
 * it Excel reads the file as Windows-1252). Neither groups thousands.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or CR) as a formula. Text
 * cells that start so get a leading apostrophe, which spreadsheets show as text and hide. Number
 * columns are never changed: a negative number (`-12.50`) stays a number, and its cell holds nothing
 * but digits, a sign and a decimal separator, so it cannot be a formula.
 */
import type { ContractFigures, ReportFigures } from "../domain/reports/model.js";
import { fixed, fteMonthHundredths, monthHundredths, type NumberStyle } from "./format.js";

export type CsvDelimiter = "comma" | "semicolon";

type Cell = { text: string } | { number: string };

const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /["\r\n]/;

interface Format {
  money(cents: number): Cell;
  count(n: number): Cell;
  hundredths(h: bigint): Cell;
  percent(p: number | null): Cell;
}

function format(style: NumberStyle): Format {
  return {
    money: (cents) => ({ number: fixed(cents, 2, style) }),
    count: (n) => ({ number: String(n) }),
    hundredths: (h) => ({ number: fixed(h, 2, style) }),
    percent: (p) => ({ number: p === null ? "" : fixed(Math.round(p * 10), 1, style) }),
  };
}

const text = (value: string): Cell => ({ text: value });

/** The columns, in order: name and value of a contract's row. */
const COLUMNS: [string, (c: ContractFigures, f: Format, names: Names) => Cell][] = [
  ["contract_id", (c) => text(c.contractId)],
  ["reference", (c) => text(c.reference)],
  ["title", (c) => text(c.title)],
  ["municipality_id", (c) => text(c.municipalityId)],
  ["municipality", (c, _f, n) => text(n.municipality.get(c.municipalityId) ?? "")],
  ["supplier_id", (c) => text(c.supplierId)],
  ["supplier", (c, _f, n) => text(n.supplier.get(c.supplierId) ?? "")],
  ["start_date", (c) => text(c.startDate)],
  ["end_date", (c) => text(c.endDate)],
  ["policy_id", (c) => text(c.policy.id)],
  ["policy_version", (c, f) => f.count(c.policy.version)],
  ["obligation_eur", (c, f) => f.money(c.obligationCents)],
  ["accepted_in_period_eur", (c, f) => f.money(c.acceptedCents)],
  ["cumulative_accepted_eur", (c, f) => f.money(c.cumulativeAcceptedCents)],
  ["pending_review_eur", (c, f) => f.money(c.pendingCents)],
  ["rejected_eur", (c, f) => f.money(c.rejectedCents)],
  ["shortfall_eur", (c, f) => f.money(c.shortfallCents)],
  ["expected_by_now_eur", (c, f) => f.money(c.expectedByNowCents)],
  ["projected_eur", (c, f) => (c.projectedCents === null ? { number: "" } : f.money(c.projectedCents))],
  ["fulfilment_percent", (c, f) => f.percent(c.fulfilmentPercent)],
  ["accepted_entries", (c, f) => f.count(c.acceptedCount)],
  ["pending_entries", (c, f) => f.count(c.pendingCount)],
  ["rejected_entries", (c, f) => f.count(c.rejectedCount)],
  ["persons", (c, f) => f.count(c.persons)],
  ["counted_months", (c, f) => f.hundredths(monthHundredths(c.countedTicks))],
  ["fte_months", (c, f) => f.hundredths(fteMonthHundredths(c.fteUnits))],
  ["status", (c) => text(c.status)],
  ["at_risk", (c) => text(c.atRisk ? "true" : "false")],
  ["catalogue_versions", (c) => text(c.catalogueVersions.join(" "))],
];

/** The column names of the header row. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

interface Names {
  municipality: Map<string, string>;
  supplier: Map<string, string>;
}

/** A text cell as a spreadsheet will show it: never a formula. */
export const neutralise = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

function field(cell: Cell, separator: string): string {
  const value = "text" in cell ? neutralise(cell.text) : cell.number;
  return NEEDS_QUOTES.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function renderReportCsv(figures: ReportFigures, delimiter: CsvDelimiter): Buffer {
  const semicolon = delimiter === "semicolon";
  const separator = semicolon ? ";" : ",";
  const f = format(semicolon ? { group: "", decimal: "," } : { group: "", decimal: "." });
  const names: Names = {
    municipality: new Map(figures.byMunicipality.map((g) => [g.key, g.name])),
    supplier: new Map(figures.bySupplier.map((g) => [g.key, g.name])),
  };
  const line = (cells: Cell[]) => `${cells.map((cell) => field(cell, separator)).join(separator)}\r\n`;
  const parts: string[] = [(semicolon ? BOM : "") + line(CSV_COLUMNS.map(text))];
  for (const contract of figures.contracts)
    parts.push(line(COLUMNS.map(([, value]) => value(contract, f, names))));
  const t = figures.totals.current;
  const totals: Record<string, Cell> = {
    contract_id: text("TOTAL"),
    reference: text(`${figures.totals.contracts} contracts`),
    obligation_eur: f.money(t.obligationCents),
    accepted_in_period_eur: f.money(t.acceptedCents),
    cumulative_accepted_eur: f.money(t.cumulativeAcceptedCents),
    pending_review_eur: f.money(t.pendingCents),
    rejected_eur: f.money(t.rejectedCents),
    shortfall_eur: f.money(t.shortfallCents),
    accepted_entries: f.count(t.acceptedCount),
    pending_entries: f.count(t.pendingCount),
    rejected_entries: f.count(t.rejectedCount),
    persons: f.count(t.persons),
    counted_months: f.hundredths(monthHundredths(t.countedTicks)),
    fte_months: f.hundredths(fteMonthHundredths(t.fteUnits)),
  };
  parts.push(line(CSV_COLUMNS.map((name) => totals[name] ?? text(""))));
  return Buffer.from(parts.join(""), "utf8");
}
