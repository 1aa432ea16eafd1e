import { createHash } from "node:crypto";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { percentOneDecimal } from "../../../lib/domain/money.js";
import type { ReportFigures } from "../../../lib/domain/reports/model.js";
import { labelsFor } from "../../../lib/reports/labels.js";
import { PDF_CONTRACT_ROWS, PDF_LIST_ROWS, renderReportPdf } from "../../../lib/reports/pdf.js";
import type { RenderableReport } from "../../../lib/reports/render-model.js";
import { reportFiguresFixture } from "../../fixtures/report-figures.js";
import { describeWithPoppler, pdfFonts, pdfInfo, pdfText } from "../../support/poppler.js";

const DIGEST = createHash("sha256").update("figures").digest("hex");
const report = (over: Partial<RenderableReport> = {}, figures: ReportFigures = reportFiguresFixture()) => ({
  figures,
  number: "ACHTERHOEK-2026-0007",
  issuedAt: "2026-07-01T10:15:00.000Z",
  language: "nl" as const,
  figuresDigest: DIGEST,
  ...over,
});
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const raw = (pdf: Buffer) => pdf.toString("latin1");
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/** The decompressed content streams of the PDF (page contents, where artifacts are marked). */
function contentStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = raw(pdf);
  const marker = />>\nstream\n/g;
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("\nendstream", start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // not a Flate stream
    }
    marker.lastIndex = end;
  }
  return out;
}

describe("report PDF: deterministic, tagged, A4", () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderReportPdf(report());
  });

  it("the same report gives the same bytes, twice", async () => {
    const again = await renderReportPdf(report());
    expect(sha(again)).toBe(sha(pdf));
  });

  it("the document id comes from the document information: fixed for a report, another for another number", async () => {
    const id = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(raw(pdf));
    expect(id).not.toBeNull();
    const other = await renderReportPdf(report({ number: "ACHTERHOEK-2026-0008" }));
    expect(/\/ID \[<([0-9a-f]{32})>/.exec(raw(other))![1]).not.toBe(id![1]);
  });

  it("creation and modification date are the issue instant, not the clock", () => {
    // pdfkit writes each entry of the document information as an object of its own
    expect(count(raw(pdf), /\(D:20260701101500Z\)/g)).toBe(2);
    expect(count(raw(pdf), /\(D:\d{14}Z\)/g)).toBe(2);
  });

  it("declares its language, shows its title and is marked as tagged", () => {
    const text = raw(pdf);
    expect(text).toContain("/Lang (nl-NL)");
    expect(text).toContain("/DisplayDocTitle true");
    expect(text).toMatch(/\/Marked true/);
    expect(text).toContain("/Type /StructTreeRoot");
  });

  it("has a logical structure: one H1, section headings, tables of rows with header and data cells, a figure", () => {
    const text = raw(pdf);
    const figures = reportFiguresFixture();
    expect(count(text, /\/S \/H1\n/g)).toBe(1);
    expect(count(text, /\/S \/H2\n/g)).toBeGreaterThanOrEqual(9);
    expect(count(text, /\/S \/Table\n/g)).toBe(10);
    // every data row: contracts (and their totals row) at least
    expect(count(text, /\/S \/TR\n/g)).toBeGreaterThan(figures.contracts.length + 1);
    expect(count(text, /\/S \/TH\n/g)).toBeGreaterThanOrEqual(10 * 4);
    expect(count(text, /\/S \/TD\n/g)).toBeGreaterThanOrEqual((figures.contracts.length + 1) * 10);
    expect(text).toMatch(/\/S \/Figure\n\/Alt \(/);
  });

  it("the chart's alternative text states each municipality's fulfilment", () => {
    const figures = reportFiguresFixture();
    const alt = /\/S \/Figure\n\/Alt \(([^)]*)\)/.exec(raw(pdf))![1]!;
    const nl = labelsFor("nl");
    for (const g of figures.byMunicipality) {
      const percent = percentOneDecimal(g.current.cumulativeAcceptedCents, g.current.obligationCents);
      expect(alt).toContain(`${g.name} ${nl.percent(percent)}`);
    }
  });

  it("page headers and footers are artifacts, on every page", () => {
    const streams = contentStreams(pdf).filter((s) => s.includes("BT"));
    const pages = Number(/\/Type \/Pages\n\/Count (\d+)/.exec(raw(pdf))![1]);
    expect(pages).toBeGreaterThan(4);
    expect(streams.filter((s) => s.includes("/Artifact <<\n/Type /Pagination\n>> BDC")).length).toBe(pages);
  });

  it("a report of another scope with few contracts charts each contract", async () => {
    const base = reportFiguresFixture({ contracts: 4 });
    const figures: ReportFigures = {
      ...base,
      scope: { kind: "municipality", id: "gm-aalten", name: "Aalten" },
    };
    const alt = /\/S \/Figure\n\/Alt \(([^)]*)\)/.exec(raw(await renderReportPdf(report({}, figures))))![1]!;
    for (const c of figures.contracts) expect(alt).toContain(c.reference);
  });
});

describeWithPoppler("report PDF as a reader sees it (poppler)", () => {
  const nl = labelsFor("nl");
  const en = labelsFor("en");
  const figures = reportFiguresFixture();
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderReportPdf(report());
    text = pdfText(pdf);
  });

  it("shows the region, the scope, the period, the number, the issue date and the digest", () => {
    expect(text).toContain("Regio Achterhoek");
    expect(text).toContain("januari–juni 2026");
    expect(text).toContain("ACHTERHOEK-2026-0007");
    expect(text).toContain("Uitgegeven op: 1 juli 2026");
    expect(text).toContain(DIGEST);
  });

  it("shows the totals formatted in Dutch, with their change", () => {
    const t = figures.totals;
    expect(text).toContain(nl.money(t.current.obligationCents));
    expect(text).toContain(nl.money(t.current.acceptedCents));
    expect(text).toContain(nl.money(t.current.cumulativeAcceptedCents));
    expect(text).toContain(nl.moneyChange(t.current.acceptedCents - t.previous.acceptedCents));
    // the totals rows of the tables: amounts without the currency sign
    expect(text).toContain(nl.amount(t.current.shortfallCents));
    expect(text).toMatch(/€ \d{1,3}(\.\d{3})*,\d{2}/);
  });

  it("numbers every page `pagina X van Y`", () => {
    const pages = Number(pdfInfo(pdf).Pages);
    expect(text).toContain(`pagina 1 van ${pages}`);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`pagina ${page} van ${pages}`);
  });

  it("repeats the contracts table's header on every page it continues on", () => {
    const pages = Number(pdfInfo(pdf).Pages);
    const tablePages = [];
    for (let page = 1; page <= pages; page++) {
      const pageText = pdfText(pdf, { first: page, last: page, layout: true });
      // a row of the contracts table: the reference, then the title on the same line
      if (!/ACH-\d{4}-\d{3} {2,}(Groenonderhoud|Onderhoud)/.test(pageText)) continue;
      tablePages.push(page);
      expect(pageText, `page ${page}`).toMatch(
        /Contract +Omschrijving +Gemeente +Leverancier +Verplichting \(€\)/,
      );
    }
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
  });

  it("embeds every font it uses (Noto Sans), with Unicode maps", () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.unicode, font.name).toBe(true);
      expect(font.name).toMatch(/NotoSans-(Regular|Bold)$/);
    }
  });

  it("Dutch diacritics and the euro sign survive extraction", async () => {
    const base = reportFiguresFixture({ contracts: 3 });
    const figures: ReportFigures = {
      ...base,
      contracts: base.contracts.map((c, i) => (i === 1 ? { ...c, title: "één € 1.234,56 ë ï" } : c)),
    };
    const extracted = pdfText(await renderReportPdf(report({}, figures)));
    expect(extracted).toContain("één € 1.234,56 ë ï");
    for (const name of [
      "Café De Één Groep B.V.",
      "Bouwbedrijf IJsselië & Zonen",
      "Groenvoorziening Reünie",
      "=cmd|' /C calc'!A0",
    ])
      expect(text).toContain(name);
  });

  it("pdfinfo: tagged, A4, titled, dated at issue", () => {
    const info = pdfInfo(pdf);
    expect(info.Tagged).toBe("yes");
    expect(info["Page size"]).toContain("595.28 x 841.89 pts (A4)");
    expect(info.Title).toBe(
      "Social return-rapportage Regio Achterhoek, januari–juni 2026 (ACHTERHOEK-2026-0007)",
    );
    expect(info.Author).toBe("Regio Achterhoek");
    expect(info.CreationDate).toMatch(/Jul\s+1 10:15:00 2026/);
  });

  it("in English: every label, and English number and date formats", async () => {
    const english = await renderReportPdf(report({ language: "en" }));
    const t = pdfText(english);
    const pages = Number(pdfInfo(english).Pages);
    expect(raw(english)).toContain("/Lang (en-GB)");
    expect(t).toContain("Social return report");
    expect(t).toContain("January–June 2026");
    expect(t).toContain("Issued on: 1 July 2026");
    expect(t).toContain("Summary");
    expect(t).toContain("Contracts at risk");
    expect(t).toContain("Method");
    expect(t).toContain(en.money(figures.totals.current.obligationCents));
    expect(t).toContain(`page ${pages} of ${pages}`);
    expect(t).not.toContain("pagina");
    expect(t).not.toContain("Samenvatting");
    expect(pdfInfo(english).Title).toBe(
      "Social return report Regio Achterhoek, January–June 2026 (ACHTERHOEK-2026-0007)",
    );
  });

  it("says so when there are no contracts at risk and no data-quality flags", async () => {
    const empty: ReportFigures = { ...reportFiguresFixture({ contracts: 3 }), atRisk: [], dataQuality: [] };
    const t = pdfText(await renderReportPdf(report({}, empty)));
    expect(t).toContain(nl.words.atRiskNone);
    expect(t).toContain(nl.words.dataQualityNone);
  });

  it("a scope of more contracts than the PDF lists names the CSV instead, long lists count per kind, and it stays under verify-document's 4 MB", async () => {
    const many = reportFiguresFixture({ contracts: 2 * PDF_CONTRACT_ROWS, seed: 3 });
    expect(many.atRisk.length + many.dataQuality.length).toBeGreaterThan(PDF_LIST_ROWS);
    const pdf = await renderReportPdf(report({}, many));
    expect(pdf.length).toBeLessThan(4 * 1024 * 1024);
    const t = pdfText(pdf).replace(/\s+/g, " ");
    expect(t).toContain(nl.words.contractsInCsv.replace("{n}", nl.count(many.contracts.length)).slice(0, 60));
    // Only the contracts at risk or flagged are named.
    const named = many.contracts.filter((c) => t.includes(`${c.reference} `));
    const listed = new Set([...many.atRisk, ...many.dataQuality].map((x) => x.contractId));
    expect(named.length).toBeLessThanOrEqual(listed.size);
    expect(t).toContain(nl.amount(many.totals.current.acceptedCents));
    expect(t).toContain(nl.words.listInJson.split("{n}")[0]!.trim());
  });
});
