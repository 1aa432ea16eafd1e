/** The vocabulary and formats of a report, as every language provides them (see labels.ts). */
import type {
  AtRiskContract,
  DataQualityFlagKind,
  ReportPeriod,
  ReportScopeKind,
} from "../domain/reports/model.js";
import type { BalanceStatus } from "../domain/sroi/balance.js";
import type { BlockKind } from "../domain/sroi/catalogue.js";
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
