/**
 * The PDF of an issued report: A4, tagged (document language, title, headings, tables, a figure with
 * alternative text, page furniture as artifacts), Noto Sans embedded, and deterministic: the same
 * report gives the same bytes (creation and modification date are the issue instant, and pdfkit
 * derives the document id from the document information, which holds nothing else that varies).
 */
import PDFDocument from "pdfkit";
import { toAmsterdamLocal } from "../domain/amsterdam-time.js";
import { percentOneDecimal } from "../domain/money.js";
import type {
  ContractFigures,
  FlowFigures,
  GroupFigures,
  ReportFigures,
  StockFigures,
} from "../domain/reports/model.js";
import { reportFonts } from "./fonts.js";
import { type Labels, labelsFor } from "./labels.js";
import { barChart, type Bar } from "./pdf-chart.js";
import { type Column, FONT, MARGIN, PdfWriter } from "./pdf-writer.js";
import type { RenderableReport } from "./render-model.js";

type Figures = FlowFigures & StockFigures;

/** Scopes with at most this many contracts chart each contract; others chart each municipality. */
const CONTRACTS_CHARTED = 30;

export async function renderReportPdf(report: RenderableReport): Promise<Buffer> {
  const labels = labelsFor(report.language);
  const { figures } = report;
  const issued = new Date(report.issuedAt);
  const fonts = reportFonts();
  const doc = new PDFDocument({
    // No default font: pdfkit would read Helvetica's metrics from its package at run time, which a
    // bundle lacks. (A Buffer here would make every later switch to the registered font reparse it.)
    font: null as unknown as string,
    size: "A4",
    // The writer keeps its own margins and breaks pages itself; pdfkit's are zero so it never does.
    margin: 0,
    pdfVersion: "1.7",
    tagged: true,
    lang: labels.tag,
    displayTitle: true,
    bufferPages: true,
    // Laid-out words are cached: labels and amounts repeat. It grows with every distinct string, which
    // the PDF's caps on listed rows (PDF_CONTRACT_ROWS, PDF_LIST_ROWS) bound to about 10 MB.
    fontLayoutCache: true,
    info: {
      Title: `${labels.words.reportTitle} ${figures.scope.name}, ${labels.period(figures.period)} (${report.number})`,
      Author: figures.region.name,
      Subject: `${labels.words.reportTitle}: ${scopeText(figures, labels)}, ${labels.period(figures.period)}`,
      Keywords: report.number,
      Creator: "impact-procurement",
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const done = collect(doc);
  // Drawing is synchronous: once the stream flows (next turn of the event loop), each chunk goes to
  // the collector as it is written instead of piling up in the stream's buffer.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    doc.registerFont(FONT.regular, fonts.regular);
    doc.registerFont(FONT.bold, fonts.bold);
    doc.font(FONT.regular);
    const w = new PdfWriter(doc);
    const names = nameLookups(figures);
    titlePage(w, report, labels);
    w.newPage();
    summary(w, figures, labels);
    chart(w, figures, labels, names);
    groups(w, figures, labels);
    contracts(w, figures, labels, names);
    atRisk(w, figures, labels, names);
    dataQuality(w, figures, labels, names);
    method(w, figures, labels);
    w.root.end();
    pageFurniture(w, report, labels);
    doc.end();
  } catch (error) {
    doc.destroy(error as Error);
  }
  return done;
}

/**
 * The document's bytes. pdfkit emits one small chunk per line it writes (several per structure
 * element); they are joined every few hundred so a large report does not hold a million tiny buffers.
 */
function collect(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const joined: Buffer[] = [];
  let pending: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => {
      pending.push(chunk);
      if (pending.length === 512) {
        joined.push(Buffer.concat(pending));
        pending = [];
      }
    });
    doc.on("end", () => resolve(Buffer.concat([...joined, ...pending])));
    doc.on("error", reject);
  });
}

const scopeText = (figures: ReportFigures, labels: Labels) =>
  `${figures.scope.name} (${labels.scopeKind[figures.scope.kind]})`;

const fulfilment = (f: StockFigures): number | null =>
  f.obligationCents === 0 ? null : percentOneDecimal(f.cumulativeAcceptedCents, f.obligationCents);

const dateTime = (instant: string, labels: Labels): string => {
  const local = toAmsterdamLocal(new Date(instant));
  return `${labels.date(local.slice(0, 10))}, ${local.slice(11, 16)}`;
};

interface Names {
  municipality(id: string): string;
  supplier(id: string): string;
  contract(id: string): ContractFigures | undefined;
  contractName(id: string): string;
}

function nameLookups(figures: ReportFigures): Names {
  const municipalities = new Map(figures.byMunicipality.map((g) => [g.key, g.name]));
  const suppliers = new Map(figures.bySupplier.map((g) => [g.key, g.name]));
  const contracts = new Map(figures.contracts.map((c) => [c.contractId, c]));
  return {
    municipality: (id) => municipalities.get(id) ?? id,
    supplier: (id) => suppliers.get(id) ?? id,
    contract: (id) => contracts.get(id),
    contractName: (id) => {
      const c = contracts.get(id);
      return c === undefined ? id : `${c.reference}\n${c.title}`;
    },
  };
}

function titlePage(w: PdfWriter, report: RenderableReport, labels: Labels): void {
  const { figures } = report;
  const words = labels.words;
  const sect = w.section();
  w.y = 150;
  w.heading(sect, 1, words.reportTitle);
  w.block(sect, "P", figures.region.name, { size: 16, bold: true, gapAfter: 24 });
  const lines: [string, string][] = [
    [words.scope, scopeText(figures, labels)],
    [words.period, labels.period(figures.period)],
    [words.previousPeriod, labels.period(figures.previousPeriod)],
    [words.number, report.number],
    [words.issuedOn, labels.date(toAmsterdamLocal(new Date(report.issuedAt)).slice(0, 10))],
    [words.statusDate, labels.date(figures.statusDate)],
    [words.computedAt, dateTime(figures.computedAt, labels)],
  ];
  for (const [label, value] of lines) w.block(sect, "P", `${label}: ${value}`, { size: 11, gapAfter: 6 });
  w.y += 24;
  w.block(sect, "P", `${words.figuresDigest}:`, { size: 9, bold: true, gapAfter: 2 });
  w.block(sect, "P", report.figuresDigest, { size: 8.5, gapAfter: 10 });
  w.block(sect, "P", words.digestNote, { size: 8.5, color: "#444444" });
}

function summary(w: PdfWriter, figures: ReportFigures, labels: Labels): void {
  const words = labels.words;
  const { current: c, previous: p } = figures.totals;
  const sect = w.section();
  w.heading(sect, 2, words.summary);
  w.block(sect, "P", words.summaryNote, { size: 9 });
  const money = (key: keyof Figures, label: string) => [
    label,
    labels.money(c[key]),
    labels.money(p[key]),
    labels.moneyChange(c[key] - p[key]),
  ];
  const fc = fulfilment(c);
  const fp = fulfilment(p);
  const none = "–";
  const rows: string[][] = [
    [words.contracts, labels.count(figures.totals.contracts), none, none],
    money("obligationCents", words.obligation),
    money("acceptedCents", words.acceptedInPeriod),
    money("cumulativeAcceptedCents", words.cumulativeAccepted),
    [
      words.fulfilment,
      labels.percent(fc),
      labels.percent(fp),
      fc === null || fp === null ? none : labels.pointsChange(Math.round((fc - fp) * 10) / 10),
    ],
    money("shortfallCents", words.shortfall),
    money("pendingCents", words.pending),
    money("rejectedCents", words.rejected),
    [
      words.persons,
      labels.count(c.persons),
      labels.count(p.persons),
      labels.countChange(c.persons - p.persons),
    ],
    [
      words.countedMonths,
      labels.months(c.countedTicks),
      labels.months(p.countedTicks),
      labels.monthsChange(c.countedTicks - p.countedTicks),
    ],
    [
      words.fteMonths,
      labels.fteMonths(c.fteUnits),
      labels.fteMonths(p.fteUnits),
      labels.fteMonthsChange(c.fteUnits - p.fteUnits),
    ],
    [words.atRiskCount, labels.count(figures.atRisk.length), none, none],
    [words.dataQualityCount, labels.count(figures.dataQuality.length), none, none],
  ];
  const columns: Column[] = [
    { header: words.figure, width: 175 },
    { header: `${words.thisPeriod}\n${labels.period(figures.period)}`, width: 115, align: "right" },
    {
      header: `${words.previousPeriod}\n${labels.period(figures.previousPeriod)}`,
      width: 115,
      align: "right",
    },
    { header: words.change, width: 110, align: "right" },
  ];
  w.table(sect, columns, rows, { fontSize: 9.5, headerSize: 9 });
}

function chart(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
  const words = labels.words;
  const perContract = figures.scope.kind !== "region" && figures.contracts.length <= CONTRACTS_CHARTED;
  const bars: Bar[] = perContract
    ? figures.contracts.map((c) => ({ label: c.reference, percent: c.fulfilmentPercent }))
    : figures.byMunicipality.map((g) => ({
        label: names.municipality(g.key),
        percent: fulfilment(g.current),
      }));
  const sect = w.section();
  w.heading(sect, 2, words.chartTitle, 80);
  w.block(sect, "P", perContract ? words.chartByContract : words.chartByMunicipality, { size: 9 });
  barChart(w, sect, bars, labels);
}

function groupTable(
  w: PdfWriter,
  title: string,
  groups: readonly GroupFigures[],
  labels: Labels,
  first: Column,
  nameOf: (g: GroupFigures) => string,
  totals?: { contracts: number; current: Figures; previous: Figures },
): void {
  const words = labels.words;
  const sect = w.section();
  w.heading(sect, 2, title);
  const columns: Column[] = [
    first,
    { header: words.contracts, width: 50, align: "right" },
    { header: `${words.obligation} ${words.euros}`, width: 60, align: "right" },
    { header: `${words.acceptedInPeriod} ${words.euros}`, width: 60, align: "right" },
    { header: `${words.previousPeriod} ${words.euros}`, width: 60, align: "right" },
    { header: `${words.cumulativeAccepted} ${words.euros}`, width: 60, align: "right" },
    { header: `${words.shortfall} ${words.euros}`, width: 60, align: "right" },
    { header: words.fulfilment, width: 55, align: "right" },
  ];
  const row = (name: string, contracts: number, c: Figures, p: Figures) => [
    name,
    labels.count(contracts),
    labels.amount(c.obligationCents),
    labels.amount(c.acceptedCents),
    labels.amount(p.acceptedCents),
    labels.amount(c.cumulativeAcceptedCents),
    labels.amount(c.shortfallCents),
    labels.percent(fulfilment(c)),
  ];
  w.table(
    sect,
    columns,
    groups.map((g) => row(nameOf(g), g.contracts, g.current, g.previous)),
    totals === undefined
      ? {}
      : { totals: row(words.total, totals.contracts, totals.current, totals.previous) },
  );
}

function groups(w: PdfWriter, figures: ReportFigures, labels: Labels): void {
  const words = labels.words;
  w.newPage();
  const nameColumn = (header: string): Column => ({ header, width: 110 });
  groupTable(
    w,
    words.byMunicipality,
    figures.byMunicipality,
    labels,
    nameColumn(words.municipality),
    (g) => g.name,
    figures.totals,
  );
  groupTable(
    w,
    words.bySupplier,
    figures.bySupplier,
    labels,
    nameColumn(words.supplier),
    (g) => g.name,
    figures.totals,
  );

  const sect = w.section();
  w.heading(sect, 2, words.byTargetGroup);
  w.table(
    sect,
    [
      { header: words.targetGroup, width: 120 },
      { header: words.contracts, width: 50, align: "right" },
      { header: words.persons, width: 50, align: "right" },
      { header: words.countedMonths, width: 60, align: "right" },
      { header: words.fteMonths, width: 60, align: "right" },
      { header: `${words.acceptedInPeriod} ${words.euros}`, width: 60, align: "right" },
      { header: `${words.previousPeriod} ${words.euros}`, width: 60, align: "right" },
      { header: `${words.change} ${words.euros}`, width: 55, align: "right" },
    ],
    figures.byTargetGroup.map((g) => [
      g.key === "other" ? words.noTargetGroup : g.name,
      labels.count(g.contracts),
      labels.count(g.current.persons),
      labels.months(g.current.countedTicks),
      labels.fteMonths(g.current.fteUnits),
      labels.amount(g.current.acceptedCents),
      labels.amount(g.previous.acceptedCents),
      (g.current.acceptedCents > g.previous.acceptedCents ? "+" : "") +
        labels.amount(g.current.acceptedCents - g.previous.acceptedCents),
    ]),
  );

  const kinds = w.section();
  w.heading(kinds, 2, words.byBlockKind);
  w.table(
    kinds,
    [
      { header: words.blockKind, width: 98 },
      { header: words.contracts, width: 50, align: "right" },
      { header: words.acceptedEntries, width: 62, align: "right" },
      { header: words.countedMonths, width: 55, align: "right" },
      { header: `${words.acceptedInPeriod} ${words.euros}`, width: 62.5, align: "right" },
      { header: `${words.pending} ${words.euros}`, width: 62.5, align: "right" },
      { header: `${words.rejected} ${words.euros}`, width: 62.5, align: "right" },
      { header: `${words.previousPeriod} ${words.euros}`, width: 62.5, align: "right" },
    ],
    figures.byBlockKind.map((g) => [
      labels.blockKind[g.key as keyof Labels["blockKind"]] ?? g.name,
      labels.count(g.contracts),
      labels.count(g.current.acceptedCount),
      labels.months(g.current.countedTicks),
      labels.amount(g.current.acceptedCents),
      labels.amount(g.current.pendingCents),
      labels.amount(g.current.rejectedCents),
      labels.amount(g.previous.acceptedCents),
    ]),
  );
}

/**
 * Up to this many contracts the PDF lists each one; a larger scope (a whole region) lists them in the
 * CSV only, so the PDF stays a readable document and within verify-document's 4 MB.
 */
export const PDF_CONTRACT_ROWS = 1_000;

function contracts(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
  const words = labels.words;
  if (figures.contracts.length > PDF_CONTRACT_ROWS) {
    const sect = w.section();
    w.heading(sect, 2, words.contractsTitle);
    w.block(sect, "P", words.contractsInCsv.replace("{n}", labels.count(figures.contracts.length)));
    return;
  }
  w.newPage("landscape");
  const sect = w.section();
  w.heading(sect, 2, words.contractsTitle);
  const money = (header: string): Column => ({
    header: `${header} ${words.euros}`,
    width: 64,
    align: "right",
  });
  const columns: Column[] = [
    { header: words.contract, width: 74 },
    { header: words.title, width: 138 },
    { header: words.municipality, width: 70 },
    { header: words.supplier, width: 122 },
    money(words.obligation),
    money(words.acceptedInPeriod),
    money(words.cumulativeAccepted),
    money(words.shortfall),
    { header: words.fulfilment, width: 46, align: "right" },
    { header: words.status, width: 56 },
  ];
  function* rows(): Generator<string[]> {
    for (const c of figures.contracts)
      yield [
        c.reference,
        c.title,
        names.municipality(c.municipalityId),
        names.supplier(c.supplierId),
        labels.amount(c.obligationCents),
        labels.amount(c.acceptedCents),
        labels.amount(c.cumulativeAcceptedCents),
        labels.amount(c.shortfallCents),
        labels.percent(c.fulfilmentPercent),
        labels.status[c.status] + (c.atRisk ? " (!)" : ""),
      ];
  }
  const t = figures.totals.current;
  w.table(sect, columns, rows(), {
    totals: [
      words.total,
      `${labels.count(figures.totals.contracts)} ${words.contracts.toLowerCase()}`,
      "",
      "",
      labels.amount(t.obligationCents),
      labels.amount(t.acceptedCents),
      labels.amount(t.cumulativeAcceptedCents),
      labels.amount(t.shortfallCents),
      labels.percent(fulfilment(t)),
      "",
    ],
  });
  w.block(sect, "P", words.atRiskMarker, { size: 8, color: "#444444" });
  w.newPage("portrait");
}

/** Lists (at risk, data quality) longer than this are shown as counts per kind; the JSON has them all. */
export const PDF_LIST_ROWS = 300;

/** A long list as its number of lines per kind, and where the whole list is. */
function countsPerKind(
  w: PdfWriter,
  sect: ReturnType<PdfWriter["section"]>,
  labels: Labels,
  kinds: string[],
) {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  w.table(
    sect,
    [
      { header: labels.words.reason, width: 300 },
      { header: labels.words.count, width: 80, align: "right" },
    ],
    [...counts].map(([kind, n]) => [kind, labels.count(n)]),
  );
  w.block(sect, "P", labels.words.listInJson.replace("{n}", labels.count(kinds.length)), { size: 9 });
}

function atRisk(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
  const words = labels.words;
  const sect = w.section();
  w.heading(sect, 2, words.atRiskTitle);
  if (figures.atRisk.length === 0) {
    w.block(sect, "P", words.atRiskNone, { size: 9 });
    return;
  }
  if (figures.atRisk.length > PDF_LIST_ROWS) {
    countsPerKind(
      w,
      sect,
      labels,
      figures.atRisk.map((r) => labels.atRiskReason[r.reason]),
    );
    return;
  }
  w.table(
    sect,
    [
      { header: words.contract, width: 120 },
      { header: words.municipality, width: 75 },
      { header: words.reason, width: 120 },
      { header: `${words.expectedByNow} ${words.euros}`, width: 67, align: "right" },
      { header: `${words.cumulativeAccepted} ${words.euros}`, width: 67, align: "right" },
      { header: `${words.shortfall} ${words.euros}`, width: 66, align: "right" },
    ],
    figures.atRisk.map((r) => [
      names.contractName(r.contractId),
      names.municipality(names.contract(r.contractId)?.municipalityId ?? ""),
      labels.atRiskReason[r.reason],
      labels.amount(r.expectedByNowCents),
      labels.amount(r.cumulativeAcceptedCents),
      labels.amount(r.shortfallCents),
    ]),
  );
}

function dataQuality(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
  const words = labels.words;
  const sect = w.section();
  w.heading(sect, 2, words.dataQualityTitle);
  if (figures.dataQuality.length === 0) {
    w.block(sect, "P", words.dataQualityNone, { size: 9 });
    return;
  }
  if (figures.dataQuality.length > PDF_LIST_ROWS) {
    countsPerKind(
      w,
      sect,
      labels,
      figures.dataQuality.map((f) => labels.flag[f.kind]),
    );
    return;
  }
  w.table(
    sect,
    [
      { header: words.contract, width: 150 },
      { header: words.municipality, width: 100 },
      { header: words.flag, width: 205 },
      { header: words.count, width: 60, align: "right" },
    ],
    figures.dataQuality.map((f) => [
      names.contractName(f.contractId),
      names.municipality(names.contract(f.contractId)?.municipalityId ?? ""),
      labels.flag[f.kind],
      labels.count(f.count),
    ]),
  );
}

function method(w: PdfWriter, figures: ReportFigures, labels: Labels): void {
  const words = labels.words;
  const sect = w.section();
  w.heading(sect, 2, words.methodTitle);
  w.block(sect, "P", words.methodIntro, { size: 9 });
  w.block(
    sect,
    "P",
    `${words.statusDate}: ${labels.date(figures.statusDate)}. ${words.computedAt}: ${dateTime(figures.computedAt, labels)}.`,
    { size: 9, gapAfter: 10 },
  );
  w.heading(sect, 3, words.catalogues, 40);
  w.table(
    sect,
    [
      { header: words.name, width: 230 },
      { header: words.id, width: 110 },
      { header: words.version, width: 60, align: "right" },
      { header: words.validFrom, width: 115 },
    ],
    figures.method.catalogues.map((c) => [
      c.name,
      c.id,
      c.version,
      c.validFrom === null ? "–" : labels.date(c.validFrom),
    ]),
  );
  w.heading(sect, 3, words.policies, 40);
  w.table(
    sect,
    [
      { header: words.id, width: 200 },
      { header: words.version, width: 70, align: "right" },
      { header: words.obligationPercent, width: 80, align: "right" },
      { header: words.atRiskBehindPercent, width: 165, align: "right" },
    ],
    figures.method.policies.map((p) => [
      p.id,
      labels.count(p.version),
      labels.percent(p.percent),
      labels.percent(p.atRiskBehindPercent),
    ]),
  );
  w.heading(sect, 3, words.countingRules, 30);
  for (const rule of figures.method.rules) w.block(sect, "P", rule.text[labels.language], { size: 9 });
}

/** Running header (from page 2) and footer on every page, as pagination artifacts. */
function pageFurniture(w: PdfWriter, report: RenderableReport, labels: Labels): void {
  const { doc } = w;
  const { start, count } = doc.bufferedPageRange();
  const left = `${report.number} · ${report.figures.region.name}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const page = i - start + 1;
    w.artifact("Pagination", () => {
      // doc.page is the page switched to: portrait or landscape.
      doc.font(FONT.regular).fontSize(8).fillColor("#555555");
      const footerY = doc.page.height - MARGIN.bottom + 20;
      doc.text(left, w.left, footerY, { lineBreak: false });
      const pageText = labels.pageOf(page, count);
      doc.text(pageText, w.left + w.width - doc.widthOfString(pageText), footerY, { lineBreak: false });
      if (page > 1) {
        const header = `${labels.words.reportTitle} · ${report.figures.scope.name} · ${labels.period(report.figures.period)}`;
        doc.text(header, w.left, MARGIN.top - 28, { lineBreak: false });
        doc
          .moveTo(w.left, MARGIN.top - 14)
          .lineTo(w.left + w.width, MARGIN.top - 14)
          .lineWidth(0.4)
          .stroke("#999999");
      }
    });
  }
}
