/**
 * The report's prose pages: title page, summary with changes, the fulfilment chart and the method
 * section, and the lookups and formats the PDF's sections share.
 */
import { toAmsterdamLocal } from "../domain/amsterdam-time.js";
import { percentOneDecimal } from "../domain/money.js";
import type { ContractFigures, ReportFigures, StockFigures, PeriodFigures } from "../domain/reports/model.js";
import type { Labels } from "./labels.js";
import { barChart, type Bar } from "./pdf-chart.js";
import type { Column, PdfWriter } from "./pdf-writer.js";
import type { RenderableReport } from "./render-model.js";

/** Scopes with at most this many contracts chart each contract; others chart each municipality. */
const CONTRACTS_CHARTED = 30;

export const scopeText = (figures: ReportFigures, labels: Labels) =>
  `${figures.scope.name} (${labels.scopeKind[figures.scope.kind]})`;

export const fulfilment = (f: StockFigures): number | null =>
  f.obligationCents === 0 ? null : percentOneDecimal(f.cumulativeAcceptedCents, f.obligationCents);

export const dateTime = (instant: string, labels: Labels): string => {
  const local = toAmsterdamLocal(new Date(instant));
  return `${labels.date(local.slice(0, 10))}, ${local.slice(11, 16)}`;
};

export interface Names {
  municipality(id: string): string;
  supplier(id: string): string;
  contract(id: string): ContractFigures | undefined;
  contractName(id: string): string;
}

export function nameLookups(figures: ReportFigures): Names {
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

export function titlePage(w: PdfWriter, report: RenderableReport, labels: Labels): void {
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

export function summary(w: PdfWriter, figures: ReportFigures, labels: Labels): void {
  const words = labels.words;
  const { current: c, previous: p } = figures.totals;
  const sect = w.section();
  w.heading(sect, 2, words.summary);
  w.block(sect, "P", words.summaryNote, { size: 9 });
  const money = (key: keyof PeriodFigures, label: string) => [
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

export function chart(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
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

export function method(w: PdfWriter, figures: ReportFigures, labels: Labels): void {
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
