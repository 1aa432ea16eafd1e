import { randomUUID } from "node:crypto";
import type { Role } from "../../operation.js";
import type { ReportResponse, ReportSummaryResponse } from "../../schemas/responses/reports.js";
import { Alert, DataList, Heading, Link, PageScript, Paragraph, StatusBadge, Table } from "../components.js";
import { Button, ErrorSummary, Form, SelectField } from "../form-fields.js";
import type { FormState } from "../forms.js";
import { formatDateTime, formatNumber, inLang, type Lang } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext, PageResult } from "../page.js";
import { redirectTo } from "../page.js";
import { type Figures, PeriodFields, regionFigures } from "./dashboard.js";
import { type AuditorMessages, auditorMessages } from "./messages.js";
import { formatMonth, periodOf, problemPage, regionOf } from "./region.js";

type Status = ReportSummaryResponse["status"];
const STATUS_KIND: Record<Status, "danger" | "warning" | "success" | "neutral"> = {
  queued: "neutral",
  running: "warning",
  issued: "neutral",
  failed: "danger",
  superseded: "neutral",
};

const ReportStatus = ({ status, m }: { status: Status; m: AuditorMessages }) => (
  <StatusBadge kind={STATUS_KIND[status]}>{m[`status.${status}`]}</StatusBadge>
);

/** Downloads the console passes through: the API's file routes by the name in the console's path. */
const FILES = {
  pdf: "pdf",
  csv: "csv",
  "csv-semicolon": "csv?delimiter=semicolon",
  json: "json",
} as const;
type FileName = keyof typeof FILES;

/** A report's scope in words: a name from the region's figures where there is one. */
function scopeText(
  report: Pick<ReportSummaryResponse, "scope" | "scopeId">,
  names: Map<string, string>,
  m: AuditorMessages,
): string {
  if (report.scope === "region" || !report.scopeId) return m["scope.region"];
  return `${m[`scope.${report.scope}`]}: ${names.get(report.scopeId) ?? report.scopeId}`;
}

const periodText = (period: { from: string; to: string }, lang: Lang) =>
  `${formatMonth(period.from, lang)} – ${formatMonth(period.to, lang)}`;

/** Names of everything a report can cover, from the region's figures. */
function namesOf(figures: Figures | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!figures) return names;
  for (const g of [...figures.byMunicipality, ...figures.bySupplier]) names.set(g.key, g.name);
  for (const c of figures.contracts) names.set(c.contractId, `${c.reference} · ${c.title}`);
  return names;
}

/** The scope choices: the region, its municipalities, suppliers and contracts (`<scope>:<id>`). */
function scopeOptions(figures: Figures | undefined, m: AuditorMessages) {
  const options = [{ value: "region", label: m["scope.region"] }];
  if (!figures) return options;
  for (const g of figures.byMunicipality)
    options.push({ value: `municipality:${g.key}`, label: `${m["scope.municipality"]}: ${g.name}` });
  for (const g of figures.bySupplier)
    options.push({ value: `supplier:${g.key}`, label: `${m["scope.supplier"]}: ${g.name}` });
  for (const c of figures.contracts)
    options.push({ value: `contract:${c.contractId}`, label: `${m["scope.contract"]}: ${c.reference}` });
  return options;
}

/** Where the API's error paths show in the request form. */
const requestFieldOf = (path: string): string => {
  const field = path.replace(/^body\.?/, "");
  if (field.startsWith("period.to")) return "to";
  if (field.startsWith("period")) return "from";
  if (field.startsWith("scope")) return "scope";
  return field || "from";
};

async function reportsPage(ctx: PageContext, state?: FormState, status = 200): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const region = await regionOf(ctx);
  if ("problem" in region) return problemPage(ctx, m.reportsTitle, region.problem);
  const period = periodOf({ ...ctx, query: new URLSearchParams() });
  const [list, figures] = await Promise.all([
    ctx.api.get<{ items: ReportSummaryResponse[]; nextCursor: string | null }>(
      `/v1/regions/${encodeURIComponent(region.regionId)}/reports?limit=100`,
    ),
    regionFigures(ctx, region.regionId, period.from, period.to),
  ]);
  if (!list.ok) return problemPage(ctx, m.reportsTitle, list.problem);
  const names = namesOf(figures.ok ? figures.body : undefined);
  const values = state?.values ?? { from: period.from, to: period.to, scope: "region", language: ctx.lang };
  const errors = state?.errors ?? [];
  return {
    title: m.reportsTitle,
    status,
    body: (
      <>
        <Heading level={1}>{m.reportsTitle}</Heading>
        <Heading level={2}>{m.requestTitle}</Heading>
        <ErrorSummary title={m.formErrors} errors={errors} detail={state?.detail} />
        <Form
          action="/console/reports"
          csrf={ctx.session!.csrf}
          idempotencyKey={randomUUID()}
          label={m.requestTitle}
        >
          <PeriodFields from={values.from ?? ""} to={values.to ?? ""} lang={ctx.lang} errors={errors} />
          <SelectField
            name="scope"
            label={m.requestScope}
            value={values.scope}
            options={scopeOptions(figures.ok ? figures.body : undefined, m)}
            error={errors.find((e) => e.field === "scope")?.message}
          />
          <SelectField
            name="language"
            label={m.requestLanguage}
            value={values.language}
            options={[
              { value: "nl", label: m.langNl },
              { value: "en", label: m.langEn },
            ]}
          />
          <Button>{m.request}</Button>
        </Form>
        <Heading level={2}>{m.reportsCaption}</Heading>
        {list.body.items.length ? (
          <Table
            caption={m.reportsCaption}
            head={[m.reportNumber, m.scope, m.period, m.status, m.requestedAt]}
            rows={list.body.items.map((r) => [
              <Link href={`/console/reports/${encodeURIComponent(r.id)}`}>
                {r.number ?? m.reportPending}
              </Link>,
              scopeText(r, names, m),
              periodText(r.period, ctx.lang),
              <ReportStatus status={r.status} m={m} />,
              formatDateTime(r.requestedAt, ctx.lang),
            ])}
          />
        ) : (
          <Paragraph>{m.noReports}</Paragraph>
        )}
      </>
    ),
  };
}

async function requestReport(ctx: PageContext): Promise<PageResult> {
  const region = await regionOf(ctx);
  if ("problem" in region)
    return problemPage(ctx, inLang(auditorMessages, ctx.lang).reportsTitle, region.problem);
  const [scope, scopeId] = (ctx.form.get("scope") ?? "region").split(/:(.*)/s) as [
    string,
    string | undefined,
  ];
  const language = ctx.form.get("language");
  const answer = await ctx.api.send<{ id: string }>(
    "POST",
    `/v1/regions/${encodeURIComponent(region.regionId)}/reports`,
    {
      period: { from: (ctx.form.get("from") ?? "").trim(), to: (ctx.form.get("to") ?? "").trim() },
      scope,
      ...(scopeId ? { scopeId } : {}),
      ...(language === "nl" || language === "en" ? { language } : {}),
    },
    { idempotencyKey: ctx.form.get("_idempotency") ?? randomUUID() },
  );
  if (answer.ok) return redirectTo(`/console/reports/${encodeURIComponent(answer.body.id)}`, "requested");
  const { problem } = answer;
  const values: Record<string, string> = {};
  for (const [name, value] of ctx.form) if (!name.startsWith("_")) values[name] = value;
  const errors = (problem.errors ?? []).map((e) => ({ field: requestFieldOf(e.path), message: e.message }));
  return reportsPage(
    ctx,
    { values, errors, detail: errors.length ? undefined : (problem.detail ?? problem.title) },
    problem.status >= 500 ? 502 : problem.status,
  );
}

/** GET /console/reports/{reportId}: status and progress while it is made; the downloads once issued. */
async function reportPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const id = ctx.params.reportId!;
  const answer = await ctx.api.get<ReportResponse>(`/v1/reports/${encodeURIComponent(id)}`);
  if (!answer.ok) return problemPage(ctx, m.reportsTitle, answer.problem);
  const r = answer.body;
  const title = r.number ? m.reportTitle(r.number) : m.reportPending;
  const names = new Map<string, string>();
  if (r.figures?.scope.id) names.set(r.figures.scope.id, r.figures.scope.name);
  const here = `/console/reports/${encodeURIComponent(r.id)}`;
  const pending = r.status === "queued" || r.status === "running";
  const fileLink = (name: FileName, text: string) => (
    <li class="utrecht-unordered-list__item">
      <Link href={`${here}/files/${name}`}>{text}</Link>
    </li>
  );
  return {
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        {ctx.query.get("notice") === "requested" ? (
          <Alert kind="ok">
            <Paragraph>{m.requested}</Paragraph>
          </Alert>
        ) : null}
        <div id="report-state" aria-live="polite" data-refresh-ms={pending ? "3000" : undefined}>
          <DataList
            items={[
              { term: m.status, value: <ReportStatus status={r.status} m={m} /> },
              { term: m.scope, value: scopeText(r, names, m) },
              { term: m.period, value: periodText(r.period, ctx.lang) },
              { term: m.requestLanguage, value: r.language === "nl" ? m.langNl : m.langEn },
              { term: m.requestedAt, value: formatDateTime(r.requestedAt, ctx.lang) },
              { term: m.issuedAt, value: r.issuedAt ? formatDateTime(r.issuedAt, ctx.lang) : m.notYet },
              {
                term: m.progress,
                value: (
                  <>
                    <progress
                      id="report-progress"
                      max={Math.max(1, r.progress.total)}
                      value={r.progress.done}
                      aria-describedby="report-progress-text"
                      aria-label={m.progress}
                    />{" "}
                    <span id="report-progress-text">
                      {m.progressText(
                        formatNumber(r.progress.done, ctx.lang),
                        formatNumber(r.progress.total, ctx.lang),
                      )}
                    </span>
                  </>
                ),
              },
            ]}
          />
          {pending ? (
            <>
              <Paragraph>{m.refreshHint}</Paragraph>
              <Paragraph>
                <Link href={here}>{m.refresh}</Link>
              </Paragraph>
            </>
          ) : null}
          {r.status === "failed" && r.error ? (
            <Alert kind="error">
              <Paragraph>{m.failedText(r.error)}</Paragraph>
            </Alert>
          ) : null}
          {r.supersededBy ? (
            <Paragraph>
              <Link href={`/console/reports/${encodeURIComponent(r.supersededBy)}`}>{m.supersededBy}</Link>
            </Paragraph>
          ) : null}
          {r.status === "issued" || r.status === "superseded" ? (
            <>
              <Heading level={2}>{m.downloadsTitle}</Heading>
              <ul class="utrecht-unordered-list">
                {fileLink("pdf", m.downloadPdf)}
                {fileLink("csv", m.downloadCsv)}
                {fileLink("csv-semicolon", m.downloadCsvSemicolon)}
                {fileLink("json", m.downloadJson)}
              </ul>
            </>
          ) : null}
        </div>
        {pending ? <PageScript name="report-progress" /> : null}
        <Paragraph>
          <Link href="/console/reports">{m.backToReports}</Link>
        </Paragraph>
      </>
    ),
  };
}

/** GET /console/reports/{reportId}/files/{file}: the API's stored bytes (or its redirect to them). */
async function reportFile(ctx: PageContext): Promise<PageResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const name = ctx.params.file as FileName;
  if (!Object.hasOwn(FILES, name))
    return problemPage(ctx, m.downloadFailed, { status: 404, code: "not-found", title: m.downloadFailed });
  const answer = await ctx.api.file(`/v1/reports/${encodeURIComponent(ctx.params.reportId!)}/${FILES[name]}`);
  if (!answer.ok) return problemPage(ctx, m.downloadFailed, answer.problem);
  if (answer.location !== undefined) return { redirect: answer.location };
  return {
    file: {
      bytes: answer.bytes,
      contentType: answer.contentType,
      headers: answer.disposition ? { "content-disposition": answer.disposition } : {},
    },
  };
}

export function reportPages(access: readonly Role[]): ConsolePage[] {
  return [
    { method: "GET", path: "/console/reports", access, handle: (ctx) => reportsPage(ctx) },
    { method: "POST", path: "/console/reports", access, handle: requestReport },
    { method: "GET", path: "/console/reports/{reportId}", access, handle: reportPage },
    { method: "GET", path: "/console/reports/{reportId}/files/{file}", access, handle: reportFile },
  ];
}
