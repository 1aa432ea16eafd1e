/**
 * Every word and format of a report, in Dutch (the default) and English. Money `€ 1.234.567,89` /
 * `€1,234,567.89`, dates `30 juni 2026` / `30 June 2026`, percentages `12,5 %` / `12.5%`, months and
 * FTE-months with two decimals.
 */
import type {
  AtRiskContract,
  DataQualityFlagKind,
  ReportPeriod,
  ReportScopeKind,
} from "../domain/reports/model.js";
import type { BalanceStatus } from "../domain/sroi/balance.js";
import type { BlockKind } from "../domain/sroi/catalogue.js";
import {
  DUTCH,
  ENGLISH,
  fixed,
  fteMonthHundredths,
  monthHundredths,
  type NumberStyle,
  percentTenths,
} from "./format.js";
import type { ReportLanguage } from "./render-model.js";

export interface Words {
  reportTitle: string;
  region: string;
  scope: string;
  period: string;
  previousPeriod: string;
  number: string;
  issuedOn: string;
  computedAt: string;
  statusDate: string;
  figuresDigest: string;
  digestNote: string;
  summary: string;
  summaryNote: string;
  figure: string;
  thisPeriod: string;
  change: string;
  chartTitle: string;
  chartByMunicipality: string;
  chartByContract: string;
  chartAlt: string;
  noObligation: string;
  byMunicipality: string;
  bySupplier: string;
  byTargetGroup: string;
  byBlockKind: string;
  contractsTitle: string;
  atRiskTitle: string;
  atRiskNone: string;
  dataQualityTitle: string;
  dataQualityNone: string;
  methodTitle: string;
  methodIntro: string;
  catalogues: string;
  policies: string;
  countingRules: string;
  noTargetGroup: string;
  // Column and row names.
  municipality: string;
  supplier: string;
  contract: string;
  contracts: string;
  targetGroup: string;
  blockKind: string;
  obligation: string;
  acceptedInPeriod: string;
  cumulativeAccepted: string;
  pending: string;
  rejected: string;
  shortfall: string;
  fulfilment: string;
  expectedByNow: string;
  projected: string;
  status: string;
  persons: string;
  countedMonths: string;
  fteMonths: string;
  acceptedEntries: string;
  atRiskCount: string;
  reason: string;
  flag: string;
  count: string;
  name: string;
  id: string;
  version: string;
  validFrom: string;
  obligationPercent: string;
  atRiskBehindPercent: string;
  euros: string;
  total: string;
  dataQualityCount: string;
  title: string;
  atRiskMarker: string;
  /** Said instead of the contracts table when it is longer than the PDF holds; {n} is the count. */
  contractsInCsv: string;
  /** Said under the counts per reason of a list longer than the PDF holds; {n} is its length. */
  listInJson: string;
}

export interface Labels {
  language: ReportLanguage;
  /** BCP 47 tag of the document language. */
  tag: string;
  words: Words;
  scopeKind: Record<ReportScopeKind, string>;
  status: Record<BalanceStatus, string>;
  blockKind: Record<BlockKind, string>;
  flag: Record<DataQualityFlagKind, string>;
  atRiskReason: Record<AtRiskContract["reason"], string>;
  /** `€ 1.234,56` / `€1,234.56`; negative `€ -1.234,56` / `-€1,234.56`. */
  money(cents: number): string;
  /** With a sign unless zero: `€ +1.234,56` / `+€1,234.56`. */
  moneyChange(cents: number): string;
  /** Without the currency sign, for table columns headed "(€)". */
  amount(cents: number): string;
  count(n: number): string;
  countChange(n: number): string;
  /** `12,5 %` / `12.5%`; a dash for no percentage. */
  percent(percent: number | null): string;
  /** A whole percentage for chart axes: `50 %` / `50%`. */
  wholePercent(percent: number): string;
  /** Change of a percentage, in percentage points. */
  pointsChange(points: number): string;
  months(ticks: number): string;
  monthsChange(ticks: number): string;
  fteMonths(units: number): string;
  fteMonthsChange(units: number): string;
  /** `30 juni 2026` from `2026-06-30`. */
  date(isoDate: string): string;
  /** `januari–juni 2026`, `november 2025–april 2026`, `juni 2026`. */
  period(period: ReportPeriod): string;
  /** `pagina 3 van 12`. */
  pageOf(page: number, pages: number): string;
}

const DASH = "–";
const sign = (n: bigint | number): string => (n > 0 ? "+" : "");

function build(
  language: ReportLanguage,
  tag: string,
  style: NumberStyle,
  monthNames: readonly string[],
  text: Pick<Labels, "words" | "scopeKind" | "status" | "blockKind" | "flag" | "atRiskReason">,
  currency: (digits: string, signText: string) => string,
  percentSuffix: string,
  pointsSuffix: string,
  pageOf: (page: number, pages: number) => string,
): Labels {
  const abs = (n: number) => (n < 0 ? -n : n);
  const negative = (n: number) => (n < 0 ? "-" : "");
  const monthName = (month: string) => monthNames[Number(month.slice(5, 7)) - 1]!;
  const hundredths = (h: bigint, signed: boolean) => (signed ? sign(h) : "") + fixed(h, 2, style);
  return {
    language,
    tag,
    ...text,
    money: (cents) => currency(fixed(abs(cents), 2, style), negative(cents)),
    moneyChange: (cents) => currency(fixed(abs(cents), 2, style), cents < 0 ? "-" : sign(cents)),
    amount: (cents) => fixed(cents, 2, style),
    count: (n) => fixed(n, 0, style),
    countChange: (n) => sign(n) + fixed(n, 0, style),
    percent: (p) => (p === null ? DASH : fixed(percentTenths(p), 1, style) + percentSuffix),
    wholePercent: (p) => fixed(p, 0, style) + percentSuffix,
    pointsChange: (p) => sign(p) + fixed(percentTenths(p), 1, style) + pointsSuffix,
    months: (ticks) => hundredths(monthHundredths(ticks), false),
    monthsChange: (ticks) => hundredths(monthHundredths(ticks), true),
    fteMonths: (units) => hundredths(fteMonthHundredths(units), false),
    fteMonthsChange: (units) => hundredths(fteMonthHundredths(units), true),
    date: (iso) => `${Number(iso.slice(8, 10))} ${monthName(iso)} ${iso.slice(0, 4)}`,
    period: ({ from, to }) => {
      if (from === to) return `${monthName(from)} ${from.slice(0, 4)}`;
      if (from.slice(0, 4) === to.slice(0, 4))
        return `${monthName(from)}${DASH}${monthName(to)} ${to.slice(0, 4)}`;
      return `${monthName(from)} ${from.slice(0, 4)}${DASH}${monthName(to)} ${to.slice(0, 4)}`;
    },
    pageOf,
  };
}

const NL = build(
  "nl",
  "nl-NL",
  DUTCH,
  [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
  ],
  {
    words: {
      reportTitle: "Social return-rapportage",
      region: "Regio",
      scope: "Reikwijdte",
      period: "Periode",
      previousPeriod: "Vorige periode",
      number: "Rapportnummer",
      issuedOn: "Uitgegeven op",
      computedAt: "Berekend op",
      statusDate: "Stand per",
      figuresDigest: "SHA-256 van de cijfers",
      digestNote:
        "De cijfers van dit rapport zijn vastgelegd bij uitgifte. De controlesom hierboven hoort bij die cijfers; de echtheid van dit document is na te gaan bij de uitgever.",
      summary: "Samenvatting",
      summaryNote:
        "Kerncijfers van deze periode, met de verandering ten opzichte van de vorige periode van gelijke lengte.",
      figure: "Kengetal",
      thisPeriod: "Deze periode",
      change: "Verandering",
      chartTitle: "Realisatie van de verplichting",
      chartByMunicipality: "Realisatie per gemeente (geaccepteerd cumulatief ÷ verplichting)",
      chartByContract: "Realisatie per contract (geaccepteerd cumulatief ÷ verplichting)",
      chartAlt: "Staafdiagram van de realisatie in procenten",
      noObligation: "geen verplichting",
      byMunicipality: "Per gemeente",
      bySupplier: "Per leverancier",
      byTargetGroup: "Per doelgroep",
      byBlockKind: "Per soort bouwsteen",
      contractsTitle: "Contracten",
      atRiskTitle: "Contracten met risico",
      atRiskNone: "Geen contracten met risico in deze periode.",
      dataQualityTitle: "Datakwaliteit",
      dataQualityNone: "Geen signalen over de datakwaliteit in deze periode.",
      methodTitle: "Methode",
      methodIntro:
        "Alle cijfers zijn berekend met één set regels voor de hele regio: bedragen in hele centen, aantallen exact, maanden en fte-maanden exact en pas bij weergave afgerond op twee decimalen. Elk totaal is precies de som van zijn regels.",
      catalogues: "Catalogusversies",
      policies: "Beleidsversies",
      countingRules: "Telregels",
      noTargetGroup: "geen doelgroep",
      municipality: "Gemeente",
      supplier: "Leverancier",
      contract: "Contract",
      contracts: "Contracten",
      targetGroup: "Doelgroep",
      blockKind: "Soort bouwsteen",
      obligation: "Verplichting",
      acceptedInPeriod: "Geaccepteerd in periode",
      cumulativeAccepted: "Geaccepteerd cumulatief",
      pending: "In beoordeling",
      rejected: "Afgewezen",
      shortfall: "Tekort",
      fulfilment: "Realisatie",
      expectedByNow: "Verwacht tot nu",
      projected: "Prognose",
      status: "Status",
      persons: "Personen",
      countedMonths: "Getelde maanden",
      fteMonths: "Fte-maanden",
      acceptedEntries: "Geaccepteerde regels",
      atRiskCount: "Contracten met risico",
      reason: "Reden",
      flag: "Signaal",
      count: "Aantal",
      name: "Naam",
      id: "Kenmerk",
      version: "Versie",
      validFrom: "Geldig vanaf",
      obligationPercent: "Percentage",
      atRiskBehindPercent: "Risicogrens achterstand",
      euros: "(€)",
      total: "Totaal",
      dataQualityCount: "Signalen datakwaliteit",
      title: "Omschrijving",
      atRiskMarker: "(!) contract met risico: zie Contracten met risico.",
      listInJson:
        "De lijst telt {n} regels; hierboven het aantal per soort. De volledige lijst staat in de cijfers van dit rapport (JSON, zelfde nummer).",
      contractsInCsv:
        "De cijfers van alle {n} contracten staan per contract in de CSV van dit rapport (zelfde nummer); de tabellen hierboven en de lijst met risico's tellen ze allemaal mee.",
    },
    scopeKind: { region: "regio", municipality: "gemeente", supplier: "leverancier", contract: "contract" },
    status: {
      fulfilled: "voldaan",
      "on-track": "op koers",
      behind: "achter",
      shortfall: "tekort",
      settled: "afgerekend",
    },
    blockKind: {
      employment: "dienstverband",
      placement: "plaatsing",
      apprenticeship: "leerwerkplek",
      hours: "uren",
      purchase: "inkoop",
      fixed: "vast bedrag",
      bonus: "bonus",
    },
    flag: {
      "overdue-review": "regels langer in beoordeling dan de termijn",
      "missing-evidence": "regels zonder bewijs",
      "no-entry-when-due": "geen regel terwijl er een verwacht werd",
      "several-catalogue-versions": "gewaardeerd met meer dan één catalogusversie",
    },
    atRiskReason: {
      behind: "achter op de verwachte realisatie",
      "ending-with-shortfall": "eindigt binnen 3 maanden met een tekort",
    },
  },
  (digits, s) => `€ ${s}${digits}`,
  " %",
  " %-punt",
  (page, pages) => `pagina ${page} van ${pages}`,
);

const EN = build(
  "en",
  "en-GB",
  ENGLISH,
  [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  {
    words: {
      reportTitle: "Social return report",
      region: "Region",
      scope: "Scope",
      period: "Period",
      previousPeriod: "Previous period",
      number: "Report number",
      issuedOn: "Issued on",
      computedAt: "Computed at",
      statusDate: "Status as of",
      figuresDigest: "SHA-256 of the figures",
      digestNote:
        "The figures of this report were fixed when it was issued. The checksum above belongs to those figures; the issuer can confirm that this document is authentic.",
      summary: "Summary",
      summaryNote: "Key figures of this period, with the change against the previous period of equal length.",
      figure: "Figure",
      thisPeriod: "This period",
      change: "Change",
      chartTitle: "Fulfilment of the obligation",
      chartByMunicipality: "Fulfilment per municipality (cumulative accepted ÷ obligation)",
      chartByContract: "Fulfilment per contract (cumulative accepted ÷ obligation)",
      chartAlt: "Bar chart of fulfilment in percent",
      noObligation: "no obligation",
      byMunicipality: "By municipality",
      bySupplier: "By supplier",
      byTargetGroup: "By target group",
      byBlockKind: "By building-block kind",
      contractsTitle: "Contracts",
      atRiskTitle: "Contracts at risk",
      atRiskNone: "No contracts at risk in this period.",
      dataQualityTitle: "Data quality",
      dataQualityNone: "No data-quality flags in this period.",
      methodTitle: "Method",
      methodIntro:
        "Every figure was computed with one set of rules for the whole region: money in whole cents, counts exact, months and FTE-months exact and rounded to two decimals only when shown. Every total is exactly the sum of its rows.",
      catalogues: "Catalogue versions",
      policies: "Policy versions",
      countingRules: "Counting rules",
      noTargetGroup: "no target group",
      municipality: "Municipality",
      supplier: "Supplier",
      contract: "Contract",
      contracts: "Contracts",
      targetGroup: "Target group",
      blockKind: "Building-block kind",
      obligation: "Obligation",
      acceptedInPeriod: "Accepted in period",
      cumulativeAccepted: "Cumulative accepted",
      pending: "Pending review",
      rejected: "Rejected",
      shortfall: "Shortfall",
      fulfilment: "Fulfilment",
      expectedByNow: "Expected by now",
      projected: "Projection",
      status: "Status",
      persons: "Persons",
      countedMonths: "Counted months",
      fteMonths: "FTE-months",
      acceptedEntries: "Accepted entries",
      atRiskCount: "Contracts at risk",
      reason: "Reason",
      flag: "Flag",
      count: "Count",
      name: "Name",
      id: "Id",
      version: "Version",
      validFrom: "Valid from",
      obligationPercent: "Percentage",
      atRiskBehindPercent: "At-risk threshold",
      euros: "(€)",
      total: "Total",
      dataQualityCount: "Data-quality flags",
      title: "Title",
      atRiskMarker: "(!) contract at risk: see Contracts at risk.",
      listInJson:
        "The list has {n} lines; above, their number per kind. The full list is in this report's figures (JSON, same number).",
      contractsInCsv:
        "The figures of all {n} contracts are listed per contract in this report's CSV (same number); the tables above and the at-risk list count every one of them.",
    },
    scopeKind: { region: "region", municipality: "municipality", supplier: "supplier", contract: "contract" },
    status: {
      fulfilled: "fulfilled",
      "on-track": "on track",
      behind: "behind",
      shortfall: "shortfall",
      settled: "settled",
    },
    blockKind: {
      employment: "employment",
      placement: "placement",
      apprenticeship: "apprenticeship",
      hours: "hours",
      purchase: "purchase",
      fixed: "fixed amount",
      bonus: "bonus",
    },
    flag: {
      "overdue-review": "entries pending beyond the review limit",
      "missing-evidence": "entries without evidence",
      "no-entry-when-due": "no entry although one was due",
      "several-catalogue-versions": "valued with more than one catalogue version",
    },
    atRiskReason: {
      behind: "behind the expected fulfilment",
      "ending-with-shortfall": "ends within 3 months with a shortfall",
    },
  },
  (digits, s) => `${s}€${digits}`,
  "%",
  " pp",
  (page, pages) => `page ${page} of ${pages}`,
);

export const labelsFor = (language: ReportLanguage): Labels => (language === "en" ? EN : NL);
