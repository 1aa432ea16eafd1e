/**
 * The report's tables: per municipality, supplier, target group and block kind, the contracts, the
 * contracts at risk and the data-quality flags. Long lists stay in the CSV and JSON (see the limits).
 */
import type { GroupFigures, ReportFigures, PeriodFigures } from "../domain/reports/model.js";
import type { Labels } from "./labels.js";
import type { Column, PdfWriter } from "./pdf-writer.js";
import { fulfilment, type Names } from "./pdf-sections.js";

function groupTable(
  w: PdfWriter,
  title: string,
  groups: readonly GroupFigures[],
  labels: Labels,
  first: Column,
  nameOf: (g: GroupFigures) => string,
  totals?: { contracts: number; current: PeriodFigures; previous: PeriodFigures },
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
  const row = (name: string, contracts: number, c: PeriodFigures, p: PeriodFigures) => [
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

export function groups(w: PdfWriter, figures: ReportFigures, labels: Labels): void {
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

export function contracts(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
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

export function atRisk(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
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

export function dataQuality(w: PdfWriter, figures: ReportFigures, labels: Labels, names: Names): void {
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
