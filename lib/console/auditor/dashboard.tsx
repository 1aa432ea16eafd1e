import type * as z from "zod";
import type { reportFiguresSchema } from "../../schemas/reports.js";
import type { ImpactMonitorResponse } from "../../schemas/responses/impact-monitor.js";
import type { ApiAnswer } from "../api.js";
import { Alert, DataList, Heading, Link, Paragraph, StackedBar, StatusBadge, Table } from "../components.js";
import { ErrorSummary, Fieldset, TextField } from "../form-fields.js";
import { centsOf, formatMoney, formatNumber, formatPercent, inLang, type Lang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { type AuditorMessages, auditorMessages } from "./messages.js";
import { formatMonth, periodOf, problemPage, regionOf } from "./region.js";

export type Figures = z.output<typeof reportFiguresSchema>;
type Period = Figures["totals"]["current"];

/** The live figures of the whole region over a period (nothing stored, no number). */
export const regionFigures = (ctx: PageContext, regionId: string, from: string, to: string) =>
  ctx.api.get<Figures>(
    `/v1/regions/${encodeURIComponent(regionId)}/figures?${new URLSearchParams({ from, to, scope: "region" })}`,
  );

/** Realised of obligation as a share; undefined without an obligation. */
const shareOf = (p: Period): number | undefined =>
  p.obligationCents > 0 ? p.cumulativeAcceptedCents / p.obligationCents : undefined;

export function KeyFigures({ figures, lang }: { figures: Figures; lang: Lang }) {
  const m = inLang(auditorMessages, lang);
  const t = figures.totals.current;
  const share = shareOf(t);
  return (
    <DataList
      items={[
        { term: m.contracts, value: formatNumber(figures.totals.contracts, lang) },
        { term: m.obligation, value: formatMoney(t.obligationCents, lang) },
        { term: m.realised, value: formatMoney(t.cumulativeAcceptedCents, lang) },
        { term: m.fulfilment, value: share === undefined ? m.noObligation : formatPercent(share, lang) },
        { term: m.shortfall, value: formatMoney(t.shortfallCents, lang) },
        {
          term: m.pendingReview,
          value: `${formatMoney(t.pendingCents, lang)} (${formatNumber(t.pendingCount, lang)})`,
        },
      ]}
    />
  );
}

/** A contract's reference linking to its page, from the figures' own contract rows. */
export function contractLink(figures: Figures, contractId: string) {
  const contract = figures.contracts.find((c) => c.contractId === contractId);
  return (
    <Link href={`/console/contracts/${encodeURIComponent(contractId)}`}>
      {contract ? `${contract.reference} · ${contract.title}` : contractId}
    </Link>
  );
}

const municipalityName = (figures: Figures, contractId: string): string => {
  const id = figures.contracts.find((c) => c.contractId === contractId)?.municipalityId;
  return figures.byMunicipality.find((g) => g.key === id)?.name ?? id ?? "";
};

export function AtRiskTable({ figures, lang }: { figures: Figures; lang: Lang }) {
  const m = inLang(auditorMessages, lang);
  if (!figures.atRisk.length) return <Paragraph>{m.noAtRisk}</Paragraph>;
  return (
    <Table
      caption={m.atRiskCaption}
      head={[m.contract, m.municipality, m.reason, m.expectedByNow, m.realised, m.shortfall]}
      numeric={[3, 4, 5]}
      rows={figures.atRisk.map((r) => [
        contractLink(figures, r.contractId),
        municipalityName(figures, r.contractId),
        <StatusBadge kind={r.reason === "behind" ? "warning" : "danger"}>
          {r.reason === "behind" ? m.reasonBehind : m.reasonEnding}
        </StatusBadge>,
        formatMoney(r.expectedByNowCents, lang),
        formatMoney(r.cumulativeAcceptedCents, lang),
        formatMoney(r.shortfallCents, lang),
      ])}
    />
  );
}

function DataQualityTable({ figures, lang }: { figures: Figures; lang: Lang }) {
  const m = inLang(auditorMessages, lang);
  if (!figures.dataQuality.length) return <Paragraph>{m.noDataQuality}</Paragraph>;
  return (
    <Table
      caption={m.dataQualityCaption}
      head={[m.contract, m.flag, m.count]}
      numeric={[2]}
      rows={figures.dataQuality.map((f) => [
        contractLink(figures, f.contractId),
        m[`flag.${f.kind}`],
        formatNumber(f.count, lang),
      ])}
    />
  );
}

/** A legend's colour square, drawn with the bar's own fill classes (no inline style under the CSP). */
const Swatch = ({ kind }: { kind: string }) => (
  <svg width="12" height="12" viewBox="0 0 12 12" focusable="false" aria-hidden="true" class="ip-swatch-svg">
    <rect class={kind} x="0.5" y="0.5" width="11" height="11" stroke="#333" />
  </svg>
);

/** A bar per municipality (realised against obligation) and the table of the same figures. */
function Fulfilment({ figures, lang, m }: { figures: Figures; lang: Lang; m: AuditorMessages }) {
  return (
    <>
      <Paragraph>{m.fulfilmentIntro}</Paragraph>
      <ul class="ip-legend" aria-hidden="true">
        <li>
          <Swatch kind="ip-bar__segment--b" />
          {m.legendRealised}
        </li>
        <li>
          <Swatch kind="ip-bar__track" />
          {m.legendRemaining}
        </li>
      </ul>
      {figures.byMunicipality.map((g) => {
        const share = shareOf(g.current);
        return (
          <div class="ip-bar-row">
            <Paragraph>{g.name}</Paragraph>
            <StackedBar
              label={m.fulfilmentBar(
                g.name,
                formatMoney(g.current.cumulativeAcceptedCents, lang),
                formatMoney(g.current.obligationCents, lang),
                share === undefined ? m.noObligation : formatPercent(share, lang),
              )}
              total={g.current.obligationCents}
              segments={[{ value: g.current.cumulativeAcceptedCents, kind: "b" }]}
            />
          </div>
        );
      })}
      <Table
        caption={m.fulfilmentCaption(
          formatMonth(figures.period.from, lang),
          formatMonth(figures.period.to, lang),
        )}
        head={[
          m.municipality,
          m.contracts,
          m.obligation,
          m.realised,
          m.fulfilment,
          m.shortfall,
          m.pendingReview,
        ]}
        numeric={[1, 2, 3, 4, 5, 6]}
        rows={figures.byMunicipality.map((g) => {
          const share = shareOf(g.current);
          return [
            g.name,
            formatNumber(g.contracts, lang),
            formatMoney(g.current.obligationCents, lang),
            formatMoney(g.current.cumulativeAcceptedCents, lang),
            share === undefined ? m.noObligation : formatPercent(share, lang),
            formatMoney(g.current.shortfallCents, lang),
            formatMoney(g.current.pendingCents, lang),
          ];
        })}
      />
    </>
  );
}

type Share = ImpactMonitorResponse["tenders"]["withSocialCriteria"];

function ImpactTables({ monitor, lang }: { monitor: ImpactMonitorResponse; lang: Lang }) {
  const m = inLang(auditorMessages, lang);
  const money = (amount: number) => formatMoney(centsOf(amount), lang);
  const rows = (shares: [keyof AuditorMessages & `impact.${string}`, Share][]) =>
    shares.map(([key, s]) => [
      m[key] as string,
      formatNumber(s.count, lang),
      formatPercent(s.percentOfCount / 100, lang),
      money(s.value.amount),
      formatPercent(s.percentOfValue / 100, lang),
    ]);
  const head = [m.measure, m.number, m.shareOfCount, m.value, m.shareOfValue];
  const { tenders, contracts } = monitor;
  return (
    <>
      <Table
        caption={m.impactTendersCaption(
          formatNumber(tenders.count, lang),
          money(tenders.estimatedValue.amount),
        )}
        head={head}
        numeric={[1, 2, 3, 4]}
        rows={rows([
          ["impact.withSocialReturn", tenders.withSocialReturn],
          ["impact.withSocialCriteria", tenders.withSocialCriteria],
          ["impact.withSustainableCriteria", tenders.withSustainableCriteria],
          ["impact.priceQuality", tenders.priceQuality],
          ["impact.awardOnValue", tenders.awardOnValue],
          ["impact.lowestPriceWithReason", tenders.lowestPriceWithReason],
        ])}
      />
      <Table
        caption={m.impactContractsCaption(formatNumber(contracts.count, lang), money(contracts.value.amount))}
        head={head}
        numeric={[1, 2, 3, 4]}
        rows={rows([
          ["impact.withTruePriceCorrections", contracts.withTruePriceCorrections],
          ["impact.toLocalSuppliers", contracts.toLocalSuppliers],
          ["impact.toSmes", contracts.toSmes],
          ["impact.toSocialEnterprises", contracts.toSocialEnterprises],
        ])}
      />
    </>
  );
}

/** The two month fields of a period (`from`, `to`), in a fieldset, with their errors. */
export function PeriodFields({
  from,
  to,
  lang,
  errors,
}: {
  from: string;
  to: string;
  lang: Lang;
  errors: readonly { field: string; message: string }[];
}) {
  const m = inLang(auditorMessages, lang);
  const error = (name: string) => errors.find((e) => e.field === name)?.message;
  return (
    <Fieldset legend={m.periodLegend}>
      <TextField
        name="from"
        label={m.periodFrom}
        description={m.periodHint}
        value={from}
        inputMode="numeric"
        error={error("from")}
      />
      <TextField
        name="to"
        label={m.periodTo}
        description={m.periodHint}
        value={to}
        inputMode="numeric"
        error={error("to")}
      />
    </Fieldset>
  );
}

/** The period chooser: a plain GET form, so the chosen period is in the address and can be shared. */
export function PeriodForm({
  action,
  from,
  to,
  lang,
  errors,
}: {
  action: string;
  from: string;
  to: string;
  lang: Lang;
  errors: { field: string; message: string }[];
}) {
  const m = inLang(auditorMessages, lang);
  return (
    <form class="utrecht-form" method="get" action={action} aria-label={m.periodLegend}>
      <PeriodFields from={from} to={to} lang={lang} errors={errors} />
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {m.periodShow}
      </button>
    </form>
  );
}

/** The API's query errors (`query.from`, `from`) by form field. */
export const queryErrors = (answer: ApiAnswer<unknown>) =>
  answer.ok
    ? []
    : (answer.problem.errors ?? []).map((e) => ({
        field: e.path.replace(/^query\.?/, "").split(".")[0] || "from",
        message: e.message,
      }));

/** GET /console/region: the region's fulfilment, risks, data quality and impact over a period. */
export async function dashboardPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const region = await regionOf(ctx);
  if ("problem" in region) return problemPage(ctx, m.navDashboard, region.problem);
  const { from, to } = periodOf(ctx);
  const [figures, monitor] = await Promise.all([
    regionFigures(ctx, region.regionId, from, to),
    ctx.api.get<ImpactMonitorResponse>(
      `/v1/regions/${encodeURIComponent(region.regionId)}/impact-monitor?${new URLSearchParams({ from, to })}`,
    ),
  ]);
  if (!figures.ok && figures.problem.status !== 400) return problemPage(ctx, m.navDashboard, figures.problem);
  const errors = queryErrors(figures);
  const title = m.dashboardTitle(figures.ok ? figures.body.region.name : region.regionId);
  const form = <PeriodForm action="/console/region" from={from} to={to} lang={ctx.lang} errors={errors} />;
  if (!figures.ok)
    return {
      title,
      status: 400,
      body: (
        <>
          <Heading level={1}>{title}</Heading>
          <ErrorSummary title={m.periodErrors} errors={errors} />
          {form}
        </>
      ),
    };
  const f = figures.body;
  return {
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        {form}
        <Heading level={2}>{m.keyFigures}</Heading>
        <KeyFigures figures={f} lang={ctx.lang} />
        <Heading level={2}>{m.fulfilmentTitle}</Heading>
        <Fulfilment figures={f} lang={ctx.lang} m={m} />
        <Heading level={2}>{m.atRiskTitle}</Heading>
        <AtRiskTable figures={f} lang={ctx.lang} />
        <Heading level={2}>{m.dataQualityTitle}</Heading>
        <DataQualityTable figures={f} lang={ctx.lang} />
        <Heading level={2}>{m.impactTitle}</Heading>
        {monitor.ok ? (
          <ImpactTables monitor={monitor.body} lang={ctx.lang} />
        ) : (
          <Alert kind="warning">
            <Paragraph>{m.apiProblem(monitor.problem.detail ?? monitor.problem.title)}</Paragraph>
          </Alert>
        )}
      </>
    ),
  };
}
