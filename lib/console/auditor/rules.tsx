import { randomUUID } from "node:crypto";
import type * as z from "zod";
import type { Role } from "../../operation.js";
import { policyBodySchema } from "../../schemas/sroi.js";
import type {
  CataloguePageResponse,
  CatalogueResponse,
  PolicyResponse,
  PolicyVersionsResponse,
} from "../../schemas/responses/sroi.js";
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  Checkbox,
  DataList,
  ErrorSummary,
  Form,
  Heading,
  Link,
  Paragraph,
  SelectField,
  StatusBadge,
  Table,
  TextArea,
  TextField,
} from "../components.js";
import { type FormState, parseDecimal } from "../forms.js";
import {
  centsOf,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  inLang,
  type Lang,
} from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { redirectTo } from "../page.js";
import { type AuditorMessages, auditorMessages } from "./messages.js";
import { monthIn, problemPage, regionOf } from "./region.js";

type PolicyBody = z.input<typeof policyBodySchema>;
type PolicyKey = keyof z.output<typeof policyBodySchema>;
const POLICY_KEYS = Object.keys(policyBodySchema.shape) as PolicyKey[];

/** The first day of the month after `now` (Amsterdam time), as `2026-08-01`. */
export function nextMonthStart(now: Date): string {
  const [year, month] = monthIn(now).split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** A published version as the body that would publish it again (without what the API adds). */
export function bodyOf(policy: PolicyResponse): PolicyBody {
  const { id: _id, regionId: _r, version: _v, publishedAt: _p, publishedBy: _b, ...body } = policy;
  return body as PolicyBody;
}

const latestOf = (versions: readonly PolicyResponse[]): PolicyResponse | undefined =>
  versions.reduce<PolicyResponse | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);

/** The fields the form edits; everything else is carried over from the version it starts from. */
const TEXT_FIELDS = [
  "percent",
  "threshold",
  "cap",
  "atRiskBehindPercent",
  "reviewDays",
  "recoveryDays",
  "retentionMonths",
] as const;
const MONEY_FIELDS = new Set(["threshold", "cap"]);
const FREQUENCIES = ["monthly", "quarterly", "half-yearly", "yearly"] as const;
const VALUATION_DATES = ["activity-start", "award-date"] as const;

/** The form's values for a body (numbers in the visitor's notation). */
function formValuesOf(body: Partial<PolicyBody>, lang: Lang): Record<string, string> {
  const number = (n: unknown) => (typeof n === "number" ? formatNumber(n, lang) : "");
  const money = (v: unknown) =>
    v && typeof v === "object" && "amount" in v ? number((v as { amount: number }).amount) : "";
  return {
    catalogueId: body.catalogueId ?? "",
    effectiveFrom: body.effectiveFrom ?? "",
    percent: number(body.percent),
    threshold: money(body.threshold),
    thresholdInclusive: String(body.thresholdInclusive ?? false),
    cap: money(body.cap),
    atRiskBehindPercent: number(body.atRiskBehindPercent),
    reviewDays: number(body.reviewDays),
    recoveryDays: number(body.recoveryDays),
    retentionMonths: number(body.retentionMonths),
    reportingFrequency: body.reportingFrequency ?? "quarterly",
    valuationDate: body.valuationDate ?? "activity-start",
    allowPooling: String(body.allowPooling ?? false),
    note: body.note ?? "",
  };
}

/**
 * The body a submitted form asks for: the base version with the form's fields on top. A number
 * that is no number goes as typed, so the schema names the field.
 */
function bodyFromForm(base: Partial<PolicyBody>, form: URLSearchParams, lang: Lang): Record<string, unknown> {
  const body: Record<string, unknown> = { ...base };
  const text = (name: string) => (form.get(name) ?? "").trim();
  for (const name of TEXT_FIELDS) {
    const typed = text(name);
    const value = parseDecimal(typed, lang);
    const parsed = value === undefined || Number.isNaN(value) ? (typed === "" ? null : typed) : value;
    if (MONEY_FIELDS.has(name))
      body[name] =
        parsed === null && name === "cap" ? null : { amount: parsed ?? undefined, currency: "EUR" };
    else body[name] = parsed ?? undefined;
  }
  body.catalogueId = text("catalogueId");
  body.effectiveFrom = text("effectiveFrom") || null;
  body.thresholdInclusive = form.get("thresholdInclusive") === "true";
  body.allowPooling = form.get("allowPooling") === "true";
  body.reportingFrequency = text("reportingFrequency");
  body.valuationDate = text("valuationDate");
  const note = (form.get("note") ?? "").trim();
  if (note) body.note = note;
  else delete body.note;
  return body;
}

/** Errors of a zod result or of the API's problem, by form field (`threshold.amount` → `threshold`). */
const fieldOfPath = (path: string) => path.replace(/^body\.?/, "").split(".")[0] || "catalogueId";

function validate(body: Record<string, unknown>) {
  const result = policyBodySchema.safeParse(body);
  if (result.success) return { ok: true as const, body: result.data };
  return {
    ok: false as const,
    errors: result.error.issues.map((i) => ({
      field: fieldOfPath(i.path.map(String).join(".")),
      message: i.message,
    })),
  };
}

/** One setting's value in words, for the preview's table. */
function describe(key: PolicyKey, value: unknown, m: AuditorMessages, lang: Lang): string {
  if (value === null || value === undefined) return key === "effectiveFrom" ? m.fromStart : m.none;
  if (typeof value === "boolean") return value ? m.yes : m.no;
  if (key === "effectiveFrom" && typeof value === "string") return formatDate(value, lang);
  if (key === "reportingFrequency")
    return m[`frequency.${value as (typeof FREQUENCIES)[number]}`] ?? String(value);
  if (key === "valuationDate")
    return m[`valuationDate.${value as (typeof VALUATION_DATES)[number]}`] ?? String(value);
  if (typeof value === "object" && "amount" in (value as object))
    return formatMoney(centsOf((value as { amount: number }).amount), lang);
  if (key === "percent" || key === "atRiskBehindPercent") return `${formatNumber(value as number, lang)} %`;
  if (typeof value === "number") return formatNumber(value, lang);
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The settings a new version changes against the base: what the preview shows before publishing. */
export function policyChanges(
  base: Partial<PolicyBody> | undefined,
  next: Record<string, unknown>,
): { key: PolicyKey; before: unknown; after: unknown }[] {
  const canonical = (v: unknown) => JSON.stringify(v ?? null);
  return POLICY_KEYS.filter((key) => canonical(base?.[key]) !== canonical(next[key])).map((key) => ({
    key,
    before: base?.[key],
    after: next[key],
  }));
}

const settingLabel = (key: PolicyKey, m: AuditorMessages): string =>
  ((m as Record<string, unknown>)[`policy.${key}`] as string | undefined) ?? key;

async function loadRules(ctx: PageContext) {
  const region = await regionOf(ctx);
  if ("problem" in region) return region;
  const id = encodeURIComponent(region.regionId);
  const [policies, catalogues] = await Promise.all([
    ctx.api.get<PolicyVersionsResponse>(`/v1/sroi/policies/${id}`),
    ctx.api.get<CataloguePageResponse>(`/v1/sroi/catalogues?regionId=${id}&limit=500`),
  ]);
  if (!catalogues.ok) return { problem: catalogues.problem };
  if (!policies.ok && policies.problem.status !== 404) return { problem: policies.problem };
  const versions = policies.ok ? policies.body.versions : [];
  return {
    regionId: region.regionId,
    current: policies.ok ? policies.body.current : null,
    versions,
    latest: latestOf(versions),
    catalogues: catalogues.body.items,
  };
}

/** GET /console/rules: the policy's versions and the catalogues' versions. */
async function rulesPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const rules = await loadRules(ctx);
  if ("problem" in rules) return problemPage(ctx, m.rulesTitle, rules.problem);
  const published = ctx.query.get("notice") === "published" ? ctx.query.get("version") : null;
  const { current, versions, catalogues } = rules;
  return {
    title: m.rulesTitle,
    body: (
      <>
        <Heading level={1}>{m.rulesTitle}</Heading>
        {published ? (
          <Alert kind="ok">
            <Paragraph>{m.published(published)}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>{m.rulesIntro}</Paragraph>
        <Heading level={2}>{m.policyTitle}</Heading>
        {current ? <Paragraph>{m.policyCurrent(String(current.version))}</Paragraph> : null}
        {versions.length ? (
          <Table
            caption={m.policyVersionsCaption}
            head={[
              m.version,
              m.effectiveFrom,
              m["policy.percent"],
              m["policy.threshold"],
              m.publishedAt,
              m.publishedBy,
            ]}
            numeric={[0, 2, 3]}
            rows={[...versions]
              .sort((a, b) => b.version - a.version)
              .map((v) => [
                <>
                  {formatNumber(v.version, ctx.lang)}
                  {current?.version === v.version ? (
                    <>
                      {" "}
                      <StatusBadge kind="neutral">{m.current}</StatusBadge>
                    </>
                  ) : null}
                </>,
                v.effectiveFrom ? formatDate(v.effectiveFrom, ctx.lang) : m.fromStart,
                describe("percent", v.percent, m, ctx.lang),
                describe("threshold", v.threshold, m, ctx.lang),
                formatDateTime(v.publishedAt, ctx.lang),
                v.publishedBy,
              ])}
          />
        ) : (
          <Paragraph>{m.policyNone}</Paragraph>
        )}
        <ButtonLink href="/console/rules/policy/new" primary>
          {m.newPolicyVersion}
        </ButtonLink>
        <Heading level={2}>{m.cataloguesTitle}</Heading>
        {catalogues.length ? (
          <Table
            caption={m.cataloguesCaption}
            head={[m.catalogue, m.version, m.name, m.effectiveFrom, m.blocks, m.completeness]}
            numeric={[4]}
            rows={catalogues.map((c) => [
              c.id,
              <Link
                href={`/console/rules/catalogues/${encodeURIComponent(c.id)}/${encodeURIComponent(c.version)}`}
              >
                {c.version}
              </Link>,
              c.name,
              c.effectiveFrom ? formatDate(c.effectiveFrom, ctx.lang) : m.fromStart,
              formatNumber(c.blocks.length, ctx.lang),
              c.incomplete ? <StatusBadge kind="warning">{m.incomplete}</StatusBadge> : m.complete,
            ])}
          />
        ) : (
          <Paragraph>{m.noCatalogues}</Paragraph>
        )}
      </>
    ),
  };
}

/** GET /console/rules/catalogues/{catalogueId}/{version}: one catalogue version's building blocks. */
async function cataloguePage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const { catalogueId, version } = ctx.params as { catalogueId: string; version: string };
  const answer = await ctx.api.get<CatalogueResponse>(
    `/v1/sroi/catalogues/${encodeURIComponent(catalogueId)}/versions/${encodeURIComponent(version)}`,
  );
  if (!answer.ok) return problemPage(ctx, m.cataloguesTitle, answer.problem);
  const c = answer.body;
  const euros = (amount: number) => formatMoney(centsOf(amount), ctx.lang);
  const rateOf = (b: CatalogueResponse["blocks"][number]) =>
    [
      b.perYear !== undefined ? m.perYear(euros(b.perYear)) : "",
      b.perMonth !== undefined ? m.perMonth(euros(b.perMonth)) : "",
      b.perHour !== undefined ? m.perHour(euros(b.perHour)) : "",
      b.perUnit !== undefined ? m.perUnit(euros(b.perUnit)) : "",
      b.factor !== undefined ? m.factor(formatNumber(b.factor, ctx.lang)) : "",
    ]
      .filter(Boolean)
      .join("; ");
  const title = m.catalogueTitle(c.name, c.version);
  return {
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <DataList
          items={[
            { term: m.catalogue, value: c.id },
            {
              term: m.effectiveFrom,
              value: c.effectiveFrom ? formatDate(c.effectiveFrom, ctx.lang) : m.fromStart,
            },
            { term: m.catalogueSource, value: c.source },
            { term: m.completeness, value: c.incomplete ? m.incomplete : m.complete },
            ...(c.missing?.length ? [{ term: m.catalogueMissing, value: c.missing.join(", ") }] : []),
            { term: m.publishedAt, value: formatDateTime(c.publishedAt, ctx.lang) },
          ]}
        />
        <Table
          caption={m.blocksCaption}
          head={[m.block, m.kind, m.targetGroup, m.rate, m.maxMonths]}
          numeric={[4]}
          rows={c.blocks.map((b) => [
            b.label ?? b.id,
            b.kind,
            b.targetGroup ?? "",
            rateOf(b),
            b.maxMonths === undefined || b.maxMonths === null ? "" : formatNumber(b.maxMonths, ctx.lang),
          ])}
        />
        <Paragraph>
          <Link href="/console/rules">{m.backToRules}</Link>
        </Paragraph>
      </>
    ),
  };
}

type Rules = Exclude<Awaited<ReturnType<typeof loadRules>>, { problem: unknown }>;

/** The new version's form, from the latest version or as it came back with its errors. */
function policyForm(ctx: PageContext, rules: Rules, state: FormState, status = 200): HtmlResult {
  const m = inLang(auditorMessages, ctx.lang);
  const v = state.values;
  const error = (field: string) => state.errors.find((e) => e.field === field)?.message;
  const catalogueIds = [...new Set(rules.catalogues.map((c) => c.id))];
  if (v.catalogueId && !catalogueIds.includes(v.catalogueId)) catalogueIds.push(v.catalogueId);
  const number = (name: (typeof TEXT_FIELDS)[number], description?: string) => (
    <TextField
      name={name}
      label={settingLabel(name, m)}
      value={v[name]}
      inputMode="decimal"
      description={description}
      error={error(name)}
    />
  );
  return {
    title: m.policyFormTitle,
    status,
    body: (
      <>
        <Heading level={1}>{m.policyFormTitle}</Heading>
        <ErrorSummary title={m.formErrors} errors={state.errors} detail={state.detail} />
        <Paragraph>
          {rules.latest ? m.policyFormIntro(String(rules.latest.version)) : m.policyFormFirst}
        </Paragraph>
        <Form action="/console/rules/policy/preview" csrf={ctx.session!.csrf}>
          <SelectField
            name="catalogueId"
            label={m["policy.catalogueId"]}
            value={v.catalogueId}
            options={catalogueIds.map((id) => ({ value: id, label: id }))}
            error={error("catalogueId")}
          />
          <TextField
            name="effectiveFrom"
            label={m["policy.effectiveFrom"]}
            description={m["policy.effectiveFromHint"]}
            value={v.effectiveFrom}
            error={error("effectiveFrom")}
          />
          {number("percent")}
          {number("threshold")}
          <Checkbox
            name="thresholdInclusive"
            label={m["policy.thresholdInclusive"]}
            checked={v.thresholdInclusive === "true"}
            error={error("thresholdInclusive")}
          />
          {number("cap", m["policy.capHint"])}
          {number("atRiskBehindPercent")}
          {number("reviewDays")}
          {number("recoveryDays")}
          {number("retentionMonths")}
          <SelectField
            name="reportingFrequency"
            label={m["policy.reportingFrequency"]}
            value={v.reportingFrequency}
            options={FREQUENCIES.map((f) => ({ value: f, label: m[`frequency.${f}`] }))}
            error={error("reportingFrequency")}
          />
          <SelectField
            name="valuationDate"
            label={m["policy.valuationDate"]}
            value={v.valuationDate}
            options={VALUATION_DATES.map((d) => ({ value: d, label: m[`valuationDate.${d}`] }))}
            error={error("valuationDate")}
          />
          <Checkbox
            name="allowPooling"
            label={m["policy.allowPooling"]}
            checked={v.allowPooling === "true"}
            error={error("allowPooling")}
          />
          <TextArea name="note" label={m["policy.note"]} value={v.note} error={error("note")} />
          <ButtonGroup>
            <Button>{m.preview}</Button>
            <ButtonLink href="/console/rules">{m.cancel}</ButtonLink>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

/** The changes against the latest version, and the form that publishes exactly what was previewed. */
function previewPage(
  ctx: PageContext,
  rules: Rules,
  body: z.output<typeof policyBodySchema>,
  notice?: string,
): HtmlResult {
  const m = inLang(auditorMessages, ctx.lang);
  const base = rules.latest ? bodyOf(rules.latest) : undefined;
  const changes = policyChanges(base, body);
  return {
    title: m.previewTitle,
    status: notice ? 409 : 200,
    body: (
      <>
        <Heading level={1}>{m.previewTitle}</Heading>
        {notice ? (
          <Alert kind="warning">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        ) : null}
        {rules.latest ? <Paragraph>{m.previewIntro(String(rules.latest.version))}</Paragraph> : null}
        {changes.length ? (
          <Table
            caption={m.previewCaption}
            head={[m.field, m.before, m.after]}
            rows={changes.map((c) => [
              settingLabel(c.key, m),
              base ? describe(c.key, c.before, m, ctx.lang) : "",
              describe(c.key, c.after, m, ctx.lang),
            ])}
          />
        ) : (
          <Alert kind="warning">
            <Paragraph>{m.noChanges}</Paragraph>
          </Alert>
        )}
        <Form
          action="/console/rules/policy/publish"
          csrf={ctx.session!.csrf}
          idempotencyKey={randomUUID()}
          label={m.publish}
        >
          <input type="hidden" name="_policy" value={JSON.stringify(body)} />
          <input type="hidden" name="_base" value={String(rules.latest?.version ?? 0)} />
          <ButtonGroup>
            {changes.length ? (
              <Button name="_action" value="publish">
                {m.publish}
              </Button>
            ) : null}
            <Button kind="secondary" name="_action" value="edit">
              {m.edit}
            </Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

/** The policy a preview carried; undefined when the hidden field was tampered with. */
function carriedPolicy(form: URLSearchParams): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(form.get("_policy") ?? "");
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function rulePages(access: readonly Role[]): ConsolePage[] {
  return [
    { method: "GET", path: "/console/rules", access, handle: rulesPage },
    {
      method: "GET",
      path: "/console/rules/catalogues/{catalogueId}/{version}",
      access,
      handle: cataloguePage,
    },
    {
      method: "GET",
      path: "/console/rules/policy/new",
      access,
      async handle(ctx) {
        const rules = await loadRules(ctx);
        if ("problem" in rules)
          return problemPage(ctx, inLang(auditorMessages, ctx.lang).policyFormTitle, rules.problem);
        const base: Partial<PolicyBody> = rules.latest
          ? bodyOf(rules.latest)
          : { catalogueId: rules.catalogues[0]?.id ?? rules.regionId };
        // Each version starts on its own day: the next month's first, unless the auditor says otherwise.
        const values = { ...formValuesOf(base, ctx.lang), effectiveFrom: nextMonthStart(ctx.now) };
        return policyForm(ctx, rules, { values, errors: [] });
      },
    },
    {
      method: "POST",
      path: "/console/rules/policy/preview",
      access,
      async handle(ctx) {
        const rules = await loadRules(ctx);
        if ("problem" in rules)
          return problemPage(ctx, inLang(auditorMessages, ctx.lang).previewTitle, rules.problem);
        const base = rules.latest ? bodyOf(rules.latest) : {};
        const checked = validate(bodyFromForm(base, ctx.form, ctx.lang));
        if (!checked.ok)
          return policyForm(
            ctx,
            rules,
            {
              values: Object.fromEntries([...ctx.form].filter(([k]) => !k.startsWith("_"))),
              errors: checked.errors,
            },
            400,
          );
        return previewPage(ctx, rules, checked.body);
      },
    },
    {
      method: "POST",
      path: "/console/rules/policy/publish",
      access,
      async handle(ctx) {
        const m = inLang(auditorMessages, ctx.lang);
        const rules = await loadRules(ctx);
        if ("problem" in rules) return problemPage(ctx, m.previewTitle, rules.problem);
        const carried = carriedPolicy(ctx.form) ?? {};
        const checked = validate(carried);
        if (ctx.form.get("_action") !== "publish" || !checked.ok)
          return policyForm(ctx, rules, {
            values: formValuesOf(carried as Partial<PolicyBody>, ctx.lang),
            errors: checked.ok ? [] : checked.errors,
          });
        const latest = rules.latest?.version ?? 0;
        if (String(latest) !== ctx.form.get("_base")) {
          // The same form sent twice: the version it published is the latest, so say so again.
          if (rules.latest && !policyChanges(bodyOf(rules.latest), checked.body).length)
            return redirectTo(`/console/rules?notice=published&version=${latest}`);
          return previewPage(ctx, rules, checked.body, m.stale(String(latest)));
        }
        const answer = await ctx.api.send<PolicyResponse>(
          "POST",
          `/v1/sroi/policies/${encodeURIComponent(rules.regionId)}`,
          checked.body,
          { idempotencyKey: ctx.form.get("_idempotency") ?? randomUUID() },
        );
        if (!answer.ok) {
          const { problem } = answer;
          return policyForm(
            ctx,
            rules,
            {
              values: formValuesOf(checked.body, ctx.lang),
              errors: (problem.errors ?? []).map((e) => ({ field: fieldOfPath(e.path), message: e.message })),
              detail: problem.detail ?? problem.title,
            },
            problem.status >= 500 ? 502 : problem.status,
          );
        }
        return redirectTo(`/console/rules?notice=published&version=${answer.body.version}`);
      },
    },
  ];
}
