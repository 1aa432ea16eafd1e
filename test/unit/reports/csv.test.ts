import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractFigures, ReportFigures } from "../../../lib/domain/reports/model.js";
import { CSV_COLUMNS, neutralise, renderReportCsv } from "../../../lib/reports/csv.js";
import { reportFiguresFixture } from "../../fixtures/report-figures.js";

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF records), strict about what it accepts. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let value = "";
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error("unterminated quoted field");
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        value += text[i];
        i += 1;
      }
    }
    row.push(value);
    if (text[i] === separator) {
      i += 1;
      continue;
    }
    if (text.slice(i, i + 2) !== "\r\n") throw new Error(`expected CRLF at ${i}`);
    i += 2;
    rows.push(row);
    row = [];
    if (i === text.length) return rows;
  }
}

const decode = (csv: Buffer, bom: boolean) => {
  const text = csv.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(bom);
  return bom ? text.slice(1) : text;
};

/** Cents from a money cell: "1234.56", "-0.05" (comma CSV) or "1234,56" (semicolon CSV). */
const cents = (cell: string, decimal: "." | ",") => {
  const m = new RegExp(`^(-?)(\\d+)\\${decimal}(\\d{2})$`).exec(cell);
  if (m === null) throw new Error(`not an amount: ${cell}`);
  const value = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === "-" ? -value : value;
};

describe("report CSV", () => {
  const figures = reportFiguresFixture();

  it("has a header of stable English column names and one row per contract, then a TOTAL row", () => {
    const rows = parseCsv(decode(renderReportCsv(figures, "comma"), false), ",");
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(CSV_COLUMNS.slice(0, 3)).toEqual(["contract_id", "reference", "title"]);
    expect(rows).toHaveLength(figures.contracts.length + 2);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(figures.contracts.map((c) => c.contractId));
    expect(rows.at(-1)![0]).toBe("TOTAL");
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it("the amounts of every row add up to the totals of the figures, in both variants", () => {
    for (const [delimiter, separator, decimal] of [
      ["comma", ",", "."],
      ["semicolon", ";", ","],
    ] as const) {
      const rows = parseCsv(
        decode(renderReportCsv(figures, delimiter), delimiter === "semicolon"),
        separator,
      );
      const col = (name: string) => CSV_COLUMNS.indexOf(name);
      const body = rows.slice(1, -1);
      const totals = rows.at(-1)!;
      const t = figures.totals.current;
      for (const [name, expected] of [
        ["obligation_eur", t.obligationCents],
        ["accepted_in_period_eur", t.acceptedCents],
        ["cumulative_accepted_eur", t.cumulativeAcceptedCents],
        ["pending_review_eur", t.pendingCents],
        ["rejected_eur", t.rejectedCents],
        ["shortfall_eur", t.shortfallCents],
      ] as const) {
        const sum = body.reduce((acc, row) => acc + cents(row[col(name)]!, decimal), 0);
        expect(sum, name).toBe(expected);
        expect(cents(totals[col(name)]!, decimal), name).toBe(expected);
      }
      const persons = body.reduce((acc, row) => acc + Number(row[col("persons")]), 0);
      expect(persons).toBe(t.persons);
      expect(totals[col("persons")]).toBe(String(t.persons));
    }
  });

  it("money is plain decimal euros: a dot in the comma CSV, a decimal comma in the semicolon CSV, no grouping", () => {
    const c = figures.contracts.find((x) => x.obligationCents > 100_000_00)!;
    const comma = parseCsv(decode(renderReportCsv(figures, "comma"), false), ",");
    const semicolon = parseCsv(decode(renderReportCsv(figures, "semicolon"), true), ";");
    const row = figures.contracts.indexOf(c) + 1;
    const col = CSV_COLUMNS.indexOf("obligation_eur");
    const euros = `${Math.floor(c.obligationCents / 100)}`;
    const rest = String(c.obligationCents % 100).padStart(2, "0");
    expect(comma[row]![col]).toBe(`${euros}.${rest}`);
    expect(semicolon[row]![col]).toBe(`${euros},${rest}`);
    // the decimal comma is not the semicolon CSV's separator: no quotes needed
    expect(renderReportCsv(figures, "semicolon").toString("utf8")).toContain(`;${euros},${rest};`);
  });

  it("quotes fields with the separator, a quote, CR or LF, doubling quotes; ends lines with CRLF", () => {
    const base = reportFiguresFixture({ contracts: 2 });
    const tricky: ContractFigures = {
      ...base.contracts[1]!,
      title: 'Dak, "groen" en\r\nzonnepanelen; fase 2',
    };
    const f: ReportFigures = { ...base, contracts: [base.contracts[0]!, tricky] };
    const comma = renderReportCsv(f, "comma").toString("utf8");
    expect(comma).toContain(',"Dak, ""groen"" en\r\nzonnepanelen; fase 2",');
    const semicolon = renderReportCsv(f, "semicolon").toString("utf8");
    expect(semicolon).toContain(';"Dak, ""groen"" en\r\nzonnepanelen; fase 2";');
    expect(parseCsv(comma, ",")[2]![CSV_COLUMNS.indexOf("title")]).toBe(tricky.title);
    expect(comma.endsWith("\r\n")).toBe(true);
    // a comma in the semicolon CSV (or a semicolon in the comma CSV) needs no quotes
    const plain: ReportFigures = { ...base, contracts: [{ ...base.contracts[0]!, title: "Dak, fase 2" }] };
    expect(renderReportCsv(plain, "semicolon").toString("utf8")).toContain(";Dak, fase 2;");
    // every line break outside the quoted title is CRLF
    expect(
      comma.replace('"Dak, ""groen"" en\r\nzonnepanelen; fase 2"', "").split("\r\n").join(""),
    ).not.toMatch(/[\r\n]/);
  });

  it("text that a spreadsheet would run as a formula gets a leading apostrophe", () => {
    const rows = parseCsv(decode(renderReportCsv(figures, "comma"), false), ",");
    const supplier = CSV_COLUMNS.indexOf("supplier");
    const formulaRow = rows.find((r) => r[CSV_COLUMNS.indexOf("supplier_id")] === "sup-formula")!;
    expect(formulaRow[supplier]).toBe("'=cmd|' /C calc'!A0");
    for (const value of ["=1+1", "+31 6", "-5 dagen", "@SUM(A1)", "\tx", "\rx"])
      expect(neutralise(value)).toBe(`'${value}`);
    for (const value of ["Aalten", "1-2", "a=b", ""]) expect(neutralise(value)).toBe(value);
  });

  it("negative numbers in number columns stay numbers; a text column starting with '-' is neutralised", () => {
    const base = reportFiguresFixture({ contracts: 1 });
    const c: ContractFigures = {
      ...base.contracts[0]!,
      acceptedCents: -1250,
      reference: "-REF-1",
      title: "- korting op onderhoud",
    };
    const rows = parseCsv(decode(renderReportCsv({ ...base, contracts: [c] }, "semicolon"), true), ";");
    expect(rows[1]![CSV_COLUMNS.indexOf("accepted_in_period_eur")]).toBe("-12,50");
    expect(rows[1]![CSV_COLUMNS.indexOf("reference")]).toBe("'-REF-1");
    expect(rows[1]![CSV_COLUMNS.indexOf("title")]).toBe("'- korting op onderhoud");
  });

  it("is UTF-8, with a byte-order mark only in the semicolon variant; names keep their diacritics", () => {
    const comma = renderReportCsv(figures, "comma");
    const semicolon = renderReportCsv(figures, "semicolon");
    expect([...comma.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect([...semicolon.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(comma.toString("utf8")).toContain("Café De Één Groep B.V.");
    expect(semicolon.toString("utf8")).toContain("Bouwbedrijf IJsselië & Zonen");
  });

  it("months and FTE-months with two decimals, fulfilment with one, an empty cell where there is none", () => {
    const rows = parseCsv(decode(renderReportCsv(figures, "comma"), false), ",");
    for (let i = 0; i < figures.contracts.length; i++) {
      const row = rows[i + 1]!;
      expect(row[CSV_COLUMNS.indexOf("counted_months")]).toMatch(/^\d+\.\d{2}$/);
      expect(row[CSV_COLUMNS.indexOf("fte_months")]).toMatch(/^\d+\.\d{2}$/);
      const p = figures.contracts[i]!.fulfilmentPercent;
      expect(row[CSV_COLUMNS.indexOf("fulfilment_percent")]).toBe(p === null ? "" : p.toFixed(1));
    }
  });

  it("any text round-trips through quoting and parsing (or comes back neutralised)", () => {
    const base = reportFiguresFixture({ contracts: 1 });
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.constantFrom("comma", "semicolon"),
        (title, delimiter) => {
          const f: ReportFigures = { ...base, contracts: [{ ...base.contracts[0]!, title }] };
          const csv = renderReportCsv(f, delimiter);
          const rows = parseCsv(
            decode(csv, delimiter === "semicolon"),
            delimiter === "semicolon" ? ";" : ",",
          );
          expect(rows[1]![CSV_COLUMNS.indexOf("title")]).toBe(neutralise(title));
        },
      ),
    );
  });
});
