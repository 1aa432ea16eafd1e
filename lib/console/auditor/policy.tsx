import { randomUUID } from "node:crypto";
import type * as z from "zod";
import type { Role } from "../../operation.js";
import type { PolicyResponse } from "../../schemas/responses/sroi.js";
import type { policyBodySchema } from "../../schemas/sroi.js";
import { Alert, ButtonGroup, ButtonLink, Heading, Paragraph, Table } from "../components.js";
import { Button, Checkbox, ErrorSummary, Form, SelectField, TextArea, TextField } from "../form-fields.js";
import type { FormState } from "../forms.js";
import { inLang } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { redirectTo } from "../page.js";
import { auditorMessages } from "./messages.js";
import {
  bodyFromForm,
  bodyOf,
  describe,
  FREQUENCIES,
  formValuesOf,
  type PolicyBody,
  policyChanges,
  settingLabel,
  type TEXT_FIELDS,
  VALUATION_DATES,
  validate,
} from "./policy-values.js";
import { problemPage } from "./region.js";
import { previewResult } from "./preview.js";
import { carriedJson, fieldOfPath, loadRules, nextMonthStart, type Rules } from "./rules-shared.js";

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
  return previewResult(ctx, {
    notice,
    content: (
      <>
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
      </>
    ),
    action: "/console/rules/policy/publish",
    carried: { _policy: JSON.stringify(body), _base: String(rules.latest?.version ?? 0) },
    canPublish: changes.length > 0,
  });
}

/** The policy pages: a new version from the latest, its preview, and publishing what was previewed. */
export function policyPages(access: readonly Role[]): ConsolePage[] {
  return [
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
        const carried = carriedJson(ctx.form, "_policy") ?? {};
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
              errors: (problem.errors ?? []).map((e) => ({
                field: fieldOfPath(e.path, "catalogueId"),
                message: e.message,
              })),
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
