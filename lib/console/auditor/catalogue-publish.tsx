import { randomUUID } from "node:crypto";
import type { Role } from "../../operation.js";
import type { CataloguePageResponse, CatalogueResponse } from "../../schemas/responses/sroi.js";
import type { Problem } from "../api.js";
import { Alert, ButtonGroup, ButtonLink, DataList, Heading, Paragraph, Table } from "../components.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Fieldset,
  Form,
  SelectField,
  TextArea,
  TextField,
} from "../form-fields.js";
import type { FormState } from "../forms.js";
import { formatDate, inLang } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { redirectTo } from "../page.js";
import {
  blockChanges,
  type CatalogueBody,
  catalogueBodyOf,
  catalogueFieldOf,
  catalogueFormValues,
  catalogueFromForm,
  describeBlock,
  kindOptions,
  latestVersion,
  rowsOf,
  validateCatalogueBody,
} from "./catalogue-values.js";
import { auditorMessages } from "./messages.js";
import { problemPage } from "./region.js";
import { previewResult } from "./preview.js";
import { carriedJson, nextMonthStart } from "./rules-shared.js";

const base = (catalogueId: string) => `/console/rules/catalogues/${encodeURIComponent(catalogueId)}`;

/** The catalogue's latest published version: what a new version starts from and is compared with. */
async function loadLatest(ctx: PageContext): Promise<{ latest: CatalogueResponse } | { problem: Problem }> {
  const { catalogueId } = ctx.params as { catalogueId: string };
  const answer = await ctx.api.get<CataloguePageResponse>(
    `/v1/sroi/catalogues/${encodeURIComponent(catalogueId)}/versions`,
  );
  if (!answer.ok) return { problem: answer.problem };
  const latest = latestVersion(answer.body.items);
  if (!latest) return { problem: { status: 404, code: "not-found", title: catalogueId } };
  return { latest };
}

/** The values a form posted, without the console's own hidden fields. */
const postedValues = (form: URLSearchParams) =>
  Object.fromEntries([...form].filter(([name]) => !name.startsWith("_")));

/** The new version's form: a fieldset per block and one empty row that adds a block. */
function catalogueForm(
  ctx: PageContext,
  latest: CatalogueResponse,
  state: FormState,
  status = 200,
  addRow = false,
): HtmlResult {
  const m = inLang(auditorMessages, ctx.lang);
  const v = state.values;
  const error = (field: string) => state.errors.find((e) => e.field === field)?.message;
  const rows = rowsOf(v);
  const next = rows.length ? rows.at(-1)! + 1 : 0;
  // One empty row to add a block in: another one when asked for, none more when one came back empty.
  const hasEmpty = rows.some((i) => !v[`blocks.${i}.id`]);
  const allRows = addRow || !hasEmpty ? [...rows, next] : rows;
  const title = m.catalogueFormTitle(latest.name);
  // In the summary, a block's error says which block and which of its fields it is about.
  const summary = state.errors.map((e) => {
    const [, row, field] = /^blocks\.(\d+)\.(\w+)$/.exec(e.field) ?? [];
    if (row === undefined || !field) return e;
    const block = v[`blocks.${row}.id`] || m.newBlockLegend;
    const label = (m as Record<string, unknown>)[`block.${field}`];
    return {
      ...e,
      message: m.blockError(`${block}, ${typeof label === "string" ? label : field}`, e.message),
    };
  });
  const blockRow = (i: number, n: number) => {
    const f = (field: string) => `blocks.${i}.${field}`;
    const filled = rows.includes(i) && v[f("id")];
    const text = (field: "id" | "label" | "targetGroup" | "rate" | "maxMonths" | "note", hint?: string) => (
      <TextField
        name={f(field)}
        label={m[`block.${field}`]}
        value={v[f(field)] ?? ""}
        description={hint}
        inputMode={field === "rate" || field === "maxMonths" ? "decimal" : undefined}
        error={error(f(field))}
      />
    );
    return (
      <Fieldset legend={filled ? m.blockLegend(String(n), v[f("id")]!) : m.newBlockLegend}>
        {filled ? null : <Paragraph>{m.newBlockHint}</Paragraph>}
        {text("id", m["block.idHint"])}
        <SelectField
          name={f("kind")}
          label={m["block.kind"]}
          value={v[f("kind")]}
          options={kindOptions(m)}
          error={error(f("kind"))}
        />
        {text("label")}
        {text("targetGroup")}
        {text("rate")}
        {text("maxMonths")}
        {text("note")}
        {filled ? (
          <Checkbox
            name={f("remove")}
            label={m["block.remove"]}
            checked={v[f("remove")] === "true"}
            error={error(f("remove"))}
          />
        ) : null}
      </Fieldset>
    );
  };
  return {
    title,
    status,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <ErrorSummary title={m.formErrors} errors={summary} detail={state.detail} />
        <Paragraph>{m.catalogueFormIntro(latest.version)}</Paragraph>
        <Form action={`${base(latest.id)}/versions/preview`} csrf={ctx.session!.csrf}>
          <input type="hidden" name="id" value={latest.id} />
          <TextField
            name="version"
            label={m["catalogue.version"]}
            description={m["catalogue.versionHint"](latest.version)}
            value={v.version}
            error={error("version")}
          />
          <TextField name="name" label={m["catalogue.name"]} value={v.name} error={error("name")} />
          <TextArea
            name="source"
            label={m["catalogue.source"]}
            value={v.source}
            rows={2}
            error={error("source")}
          />
          <TextField
            name="effectiveFrom"
            label={m["catalogue.effectiveFrom"]}
            description={m["policy.effectiveFromHint"]}
            value={v.effectiveFrom}
            error={error("effectiveFrom")}
          />
          <Checkbox
            name="incomplete"
            label={m["catalogue.incomplete"]}
            checked={v.incomplete === "true"}
            error={error("incomplete")}
          />
          <TextArea
            name="missing"
            label={m["catalogue.missing"]}
            description={m["catalogue.missingHint"]}
            value={v.missing}
            rows={2}
            error={error("missing")}
          />
          <TextArea name="note" label={m["catalogue.note"]} value={v.note} rows={2} error={error("note")} />
          <Heading level={2}>{m.blocks}</Heading>
          {allRows.map((i, n) => blockRow(i, n + 1))}
          <ButtonGroup>
            <Button name="_action" value="preview">
              {m.preview}
            </Button>
            <Button kind="secondary" name="_action" value="add">
              {m.addBlock}
            </Button>
            <ButtonLink href={`${base(latest.id)}/${encodeURIComponent(latest.version)}`}>
              {m.cancel}
            </ButtonLink>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

/** The blocks that change against the latest version, and the form that publishes exactly what was previewed. */
function previewPage(
  ctx: PageContext,
  latest: CatalogueResponse,
  body: CatalogueBody,
  notice?: string,
): HtmlResult {
  const m = inLang(auditorMessages, ctx.lang);
  const changes = blockChanges(latest.blocks, body.blocks);
  const what = (c: (typeof changes)[number]) => (!c.before ? m.added : !c.after ? m.removed : m.changed);
  return previewResult(ctx, {
    notice,
    content: (
      <>
        <DataList
          items={[
            { term: m.catalogue, value: body.id },
            { term: m.catalogueNewVersion, value: body.version },
            { term: m.name, value: body.name },
            {
              term: m.effectiveFrom,
              value: body.effectiveFrom ? formatDate(body.effectiveFrom, ctx.lang) : m.fromStart,
            },
            { term: m.completeness, value: body.incomplete ? m.incomplete : m.complete },
          ]}
        />
        <Paragraph>{m.cataloguePreviewIntro(latest.version)}</Paragraph>
        {changes.length ? (
          <Table
            caption={m.catalogueChangesCaption}
            head={[m.block, m.change, m.before, m.after]}
            rows={changes.map((c) => [
              c.id,
              what(c),
              describeBlock(c.before, m, ctx.lang),
              describeBlock(c.after, m, ctx.lang),
            ])}
          />
        ) : (
          <Alert kind="info">
            <Paragraph>{m.catalogueNoChanges}</Paragraph>
          </Alert>
        )}
      </>
    ),
    action: `${base(latest.id)}/versions/publish`,
    carried: { _catalogue: JSON.stringify(body), _base: latest.version },
    canPublish: true,
  });
}

/** Publishing a new catalogue version: a form from the latest version, its preview, and publishing it. */
export function cataloguePublishPages(access: readonly Role[]): ConsolePage[] {
  const path = "/console/rules/catalogues/{catalogueId}/versions";
  return [
    {
      method: "GET",
      path: `${path}/new`,
      access,
      async handle(ctx) {
        const m = inLang(auditorMessages, ctx.lang);
        const loaded = await loadLatest(ctx);
        if ("problem" in loaded) return problemPage(ctx, m.cataloguesTitle, loaded.problem);
        const values = catalogueFormValues(catalogueBodyOf(loaded.latest), ctx.lang);
        // A new version has a name of its own and, unless the auditor says otherwise, starts next month.
        Object.assign(values, { version: "", note: "", effectiveFrom: nextMonthStart(ctx.now) });
        return catalogueForm(ctx, loaded.latest, { values, errors: [] });
      },
    },
    {
      method: "POST",
      path: `${path}/preview`,
      access,
      async handle(ctx) {
        const m = inLang(auditorMessages, ctx.lang);
        const loaded = await loadLatest(ctx);
        if ("problem" in loaded) return problemPage(ctx, m.previewTitle, loaded.problem);
        const values = { ...postedValues(ctx.form), id: loaded.latest.id };
        if (ctx.form.get("_action") === "add")
          return catalogueForm(ctx, loaded.latest, { values, errors: [] }, 200, true);
        const { body, rows } = catalogueFromForm(values, ctx.lang);
        const checked = validateCatalogueBody(body, rows);
        if (!checked.ok) return catalogueForm(ctx, loaded.latest, { values, errors: checked.errors }, 400);
        return previewPage(ctx, loaded.latest, checked.body);
      },
    },
    {
      method: "POST",
      path: `${path}/publish`,
      access,
      async handle(ctx) {
        const m = inLang(auditorMessages, ctx.lang);
        const loaded = await loadLatest(ctx);
        if ("problem" in loaded) return problemPage(ctx, m.previewTitle, loaded.problem);
        const { latest } = loaded;
        const carried: Record<string, unknown> = { ...carriedJson(ctx.form, "_catalogue"), id: latest.id };
        const rows = Array.isArray(carried.blocks) ? carried.blocks.map((_: unknown, i: number) => i) : [];
        const checked = validateCatalogueBody(carried, rows);
        const again = (state: Omit<FormState, "values">, status?: number) =>
          catalogueForm(
            ctx,
            latest,
            {
              // What was previewed, or (a tampered preview) the latest version again.
              values: catalogueFormValues(checked.ok ? checked.body : catalogueBodyOf(latest), ctx.lang),
              ...state,
            },
            status,
          );
        if (ctx.form.get("_action") !== "publish" || !checked.ok)
          return again({ errors: checked.ok ? [] : checked.errors }, checked.ok ? 200 : 400);
        const done = (version: string) =>
          redirectTo(`${base(latest.id)}/${encodeURIComponent(version)}?notice=published`);
        if (latest.version !== ctx.form.get("_base")) {
          // The same form sent twice: the version it published is the latest, so say so again.
          if (latest.version === checked.body.version) return done(latest.version);
          return previewPage(ctx, latest, checked.body, m.catalogueStale(latest.version));
        }
        const answer = await ctx.api.send<CatalogueResponse>("POST", "/v1/sroi/catalogues", checked.body, {
          idempotencyKey: ctx.form.get("_idempotency") ?? randomUUID(),
        });
        if (answer.ok) return done(answer.body.version);
        const { problem } = answer;
        const errors = (problem.errors ?? []).map((e) => ({
          field: catalogueFieldOf(e.path, rows),
          message: e.message,
        }));
        // A version of that name exists already: the API says so without a field; it is the version's.
        if (problem.status === 409 && !errors.length)
          errors.push({ field: "version", message: problem.detail ?? problem.title });
        return again(
          { errors, detail: problem.detail ?? problem.title },
          problem.status >= 500 ? 502 : problem.status,
        );
      },
    },
  ];
}
