import { randomUUID } from "node:crypto";
import { render } from "preact-render-to-string";
import type { ReferenceTablePageResponse } from "../../schemas/responses/scoring.js";
import type { ScoringResultResponse } from "../../schemas/responses/scoring-result.js";
import type { CataloguePageResponse } from "../../schemas/responses/sroi.js";
import type { InternalTenderResponse } from "../../schemas/responses/tenders.js";
import type { Problem } from "../api.js";
import {
  Button,
  ButtonGroup,
  Checkbox,
  ErrorSummary,
  Fieldset,
  Form,
  Heading,
  PageScript,
  Paragraph,
  SelectField,
  TextArea,
  TextField,
} from "../components.js";
import { emptyForm, errorOf, type FormState, formStateOf } from "../forms.js";
import { inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, PageContext, PageResult } from "../page.js";
import { redirectTo } from "../page.js";
import { officer } from "./messages.js";
import { Breakdowns, RankingTable, WarningsAndRobustness } from "./ranking.js";
import {
  awardModelOf,
  criterionRows,
  fieldOfPath,
  NEW_TENDER_VALUES,
  SAMPLE_BIDS,
  sampleBidsOf,
  TIE_BREAKER_CHOICES,
  tenderBodyOf,
  valuesOfForm,
  valuesOfTender,
} from "./tender-form.js";

/**
 * The tender wizard: details, the award model builder and a what-if ranking on sample bids, in one
 * plain form. "Show ranking" posts it back and shows the engine's simulation; "Save draft" creates
 * the tender (or edits the draft with the version read). A small script, when it runs, refreshes
 * the ranking as the officer types through the same what-if route.
 */

const OFFICER = ["officer"] as const;
const METHODS = ["weighted-points", "award-on-value", "lowest-cost", "lowest-price"] as const;
const FORMULAS = ["relative-lowest", "absolute-linear", "relative-linear", "log"] as const;
const CONTRACT_TYPES = ["works", "services", "supplies"] as const;
const SR_MODES = ["", "minimum", "points", "euro-credit"] as const;

interface Choices {
  certificates: string[];
  factorSets: string[];
  catalogues: string[];
}

async function choicesOf(ctx: PageContext): Promise<Choices> {
  const [certificates, factorSets, catalogues] = await Promise.all([
    ctx.api.get<ReferenceTablePageResponse>("/v1/reference-tables?kind=certificate-discount&limit=100"),
    ctx.api.get<ReferenceTablePageResponse>("/v1/reference-tables?kind=true-price-factors&limit=100"),
    ctx.api.get<CataloguePageResponse>("/v1/sroi/catalogues?limit=100"),
  ]);
  const ids = (answer: { ok: boolean; body?: { items: { id: string }[] } }) =>
    answer.ok ? [...new Set(answer.body!.items.map((i) => i.id))] : [];
  return {
    certificates: ids(certificates as never),
    factorSets: ids(factorSets as never),
    catalogues: ids(catalogues as never),
  };
}

interface Simulation {
  result?: ScoringResultResponse;
  state: FormState;
}

/** Runs the what-if on the posted model and sample bids; an API refusal comes back as field errors. */
async function simulateOf(ctx: PageContext, values: Record<string, string>): Promise<Simulation> {
  const { awardModel, criterionRow } = awardModelOf(values, ctx.lang);
  const criteria = (awardModel.criteria ?? []) as { id: string }[];
  const { bids, bidRow } = sampleBidsOf(values, ctx.lang, criteria, criterionRow);
  if (!bids.length) return { state: emptyForm(values) };
  const answer = await ctx.api.send<ScoringResultResponse>("POST", "/v1/scoring/simulate", {
    awardModel,
    bids,
  });
  if (answer.ok) return { result: answer.body, state: emptyForm(values) };
  return {
    state: formStateOf(
      answer.problem,
      ctx.form,
      fieldOfPath(
        criterionRow,
        bidRow,
        criteria.map((c) => c.id),
      ),
    ),
  };
}

export function WhatIfResult({ ctx, simulation }: { ctx: PageContext; simulation: Simulation }) {
  const m = inLang(officer, ctx.lang);
  const { result } = simulation;
  if (!result) return null;
  return (
    <>
      <RankingTable result={result} lang={ctx.lang} caption={m.rankingCaption} />
      <WarningsAndRobustness result={result} lang={ctx.lang} level={3} />
      <Breakdowns result={result} lang={ctx.lang} level={3} />
    </>
  );
}

function WizardForm({
  ctx,
  state,
  choices,
  simulation,
  tender,
  addCriterion,
}: {
  ctx: PageContext;
  state: FormState;
  choices: Choices;
  simulation: Simulation;
  tender?: InternalTenderResponse;
  addCriterion?: boolean;
}) {
  const m = inLang(officer, ctx.lang);
  const v = state.values;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={label} value={v[name]} error={errorOf(all, name)} {...extra} />
  );
  const decimal = { inputMode: "decimal" as const };
  const rows = criterionRows(v, addCriterion);
  const criterionNames = Array.from(
    { length: rows },
    (_, i) => v[`awardModel.criteria.${i}.name`]?.trim() ?? "",
  );
  const action = tender ? `/console/tenders/${encodeURIComponent(tender.id)}/edit` : "/console/tenders/new";
  // The draft's errors and the what-if's, each at its field and together in the summary.
  const all: FormState = {
    values: v,
    errors: [...state.errors, ...simulation.state.errors],
    detail: state.detail ?? simulation.state.detail,
  };
  return (
    <>
      <ErrorSummary
        title={inLang(common, ctx.lang).errorSummaryTitle}
        errors={all.errors}
        detail={all.detail}
      />
      <Form
        action={action}
        csrf={ctx.session!.csrf}
        idempotencyKey={tender ? undefined : (ctx.form.get("_idempotency") ?? randomUUID())}
      >
        {tender ? <input type="hidden" name="version" value={String(tender.version)} /> : null}
        <Fieldset legend={m.stepDetails}>
          {field("reference", m.reference)}
          {field("title", m.title)}
          <TextArea
            name="description"
            label={m.description}
            value={v.description}
            error={errorOf(all, "description")}
          />
          {field("cpvCode", m.cpvCode, { description: m.cpvHint })}
          {field("estimatedValue", m.estimatedValue, decimal)}
          <SelectField
            name="contractType"
            label={m.contractType}
            value={v.contractType}
            error={errorOf(all, "contractType")}
            options={CONTRACT_TYPES.map((t) => ({ value: t, label: m.contractTypes(t) }))}
          />
          {field("labourShare", m.labourShare, { ...decimal, description: m.labourShareHint })}
          {field("contractPeriod.startDate", m.startDate, { type: "date" })}
          {field("contractPeriod.endDate", m.endDate, { type: "date" })}
          {field("submissionDeadline", m.submissionDeadline, {
            type: "datetime-local",
            description: m.deadlineHint,
          })}
          <Checkbox
            name="pricesSealedUntilQualityScored"
            label={m.pricesSealed}
            checked={v.pricesSealedUntilQualityScored === "true"}
            error={errorOf(all, "pricesSealedUntilQualityScored")}
          />
          <TextArea
            name="noImpactCriteriaReason"
            label={m.noImpactReason}
            description={m.noImpactReasonHint}
            value={v.noImpactCriteriaReason}
            error={errorOf(all, "noImpactCriteriaReason")}
            rows={2}
          />
        </Fieldset>
        <Fieldset legend={m.stepModel}>
          <SelectField
            name="awardModel.method"
            label={m.method}
            value={v["awardModel.method"]}
            error={errorOf(all, "awardModel.method")}
            options={METHODS.map((x) => ({ value: x, label: m.methods(x) }))}
          />
          <Fieldset legend={m.priceRule}>
            <SelectField
              name="awardModel.price.formula"
              label={m.priceFormula}
              description={m.priceFormulaHint}
              value={v["awardModel.price.formula"] ?? ""}
              error={errorOf(all, "awardModel.price.formula") ?? errorOf(all, "awardModel.price")}
              options={[
                { value: "", label: m.priceFormulaNone },
                ...FORMULAS.map((f) => ({ value: f, label: m.priceFormulas(f) })),
              ]}
            />
            {field("awardModel.price.maxPoints", m.priceMaxPoints, decimal)}
            {field("awardModel.price.bounds.min", m.boundsMin, decimal)}
            {field("awardModel.price.bounds.max", m.boundsMax, decimal)}
          </Fieldset>
          <Fieldset legend={m.criteria}>
            <Paragraph>{m.criteriaHint}</Paragraph>
            {Array.from({ length: rows }, (_, i) => {
              const c = `awardModel.criteria.${i}`;
              return (
                <Fieldset legend={m.criterion(i + 1)}>
                  {v[`${c}.id`] ? <input type="hidden" name={`${c}.id`} value={v[`${c}.id`]} /> : null}
                  {field(`${c}.name`, m.criterionName)}
                  {field(`${c}.scale.min`, m.scaleMin, decimal)}
                  {field(`${c}.scale.max`, m.scaleMax, decimal)}
                  {field(`${c}.maxPoints`, m.maxPoints, decimal)}
                  {field(`${c}.maxValue`, m.maxValue, decimal)}
                  {field(`${c}.minimumScore`, m.minimumScore, decimal)}
                </Fieldset>
              );
            })}
            <Button kind="secondary" name="_action" value="add-criterion">
              {m.addCriterion}
            </Button>
          </Fieldset>
          <Fieldset legend={m.corrections}>
            <SelectField
              name="awardModel.corrections.certificate.tableId"
              label={m.certificate}
              value={v["awardModel.corrections.certificate.tableId"] ?? ""}
              error={
                errorOf(all, "awardModel.corrections.certificate.tableId") ??
                errorOf(all, "awardModel.corrections.certificate")
              }
              options={[
                { value: "", label: m.none },
                ...choices.certificates.map((id) => ({ value: id, label: id })),
              ]}
            />
            <SelectField
              name="awardModel.corrections.truePrice.factorSetId"
              label={m.truePrice}
              value={v["awardModel.corrections.truePrice.factorSetId"] ?? ""}
              error={
                errorOf(all, "awardModel.corrections.truePrice.factorSetId") ??
                errorOf(all, "awardModel.corrections.truePrice")
              }
              options={[
                { value: "", label: m.none },
                ...choices.factorSets.map((id) => ({ value: id, label: id })),
              ]}
            />
            {field("awardModel.corrections.mki.valuationFactor", m.mkiFactor, decimal)}
            <Checkbox
              name="awardModel.corrections.lcc"
              label={m.lcc}
              checked={v["awardModel.corrections.lcc"] === "true"}
              error={errorOf(all, "awardModel.corrections.lcc")}
            />
          </Fieldset>
          <Fieldset legend={m.socialReturn}>
            <SelectField
              name="awardModel.socialReturn.mode"
              label={m.socialReturnMode}
              value={v["awardModel.socialReturn.mode"] ?? ""}
              error={errorOf(all, "awardModel.socialReturn.mode") ?? errorOf(all, "awardModel.socialReturn")}
              options={SR_MODES.map((x) => ({ value: x, label: m.socialReturnModes(x) }))}
            />
            <SelectField
              name="awardModel.socialReturn.catalogue.id"
              label={m.catalogue}
              value={v["awardModel.socialReturn.catalogue.id"]}
              error={errorOf(all, "awardModel.socialReturn.catalogue.id")}
              options={choices.catalogues.map((id) => ({ value: id, label: id }))}
            />
            {field("awardModel.socialReturn.percentOfPrice", m.percentOfPrice, decimal)}
            {field("awardModel.socialReturn.maxPoints", m.srMaxPoints, decimal)}
            {field("awardModel.socialReturn.fullPointsAtPercent", m.fullPointsAtPercent, decimal)}
            {field("awardModel.socialReturn.creditFactor", m.creditFactor, decimal)}
          </Fieldset>
          <Fieldset legend={m.tieBreakers}>
            {TIE_BREAKER_CHOICES.map((t) => (
              <Checkbox
                name={`awardModel.tieBreakers.${t}`}
                label={m.tieBreakerNames(t)}
                checked={v[`awardModel.tieBreakers.${t}`] === "true"}
              />
            ))}
          </Fieldset>
        </Fieldset>
        <Fieldset legend={m.stepWhatIf}>
          <Paragraph>{m.sampleBidsHint}</Paragraph>
          {SAMPLE_BIDS.map((label, row) => (
            <Fieldset legend={m.sampleBid(label)}>
              {field(`whatIf.bids.${row}.price`, m.samplePrice, decimal)}
              {criterionNames.map((name, i) =>
                field(`whatIf.bids.${row}.scores.${i}`, m.sampleScore(name || m.criterion(i + 1)), decimal),
              )}
            </Fieldset>
          ))}
          <Button kind="secondary" name="_action" value="simulate">
            {m.showRanking}
          </Button>
          <section
            id="what-if-result"
            data-what-if="/console/tenders/what-if"
            aria-live="polite"
            aria-labelledby="what-if-title"
          >
            <Heading level={2}>
              <span id="what-if-title">{m.whatIfTitle}</span>
            </Heading>
            <WhatIfResult ctx={ctx} simulation={simulation} />
          </section>
        </Fieldset>
        <ButtonGroup>
          <Button name="_action" value="save">
            {m.saveDraft}
          </Button>
        </ButtonGroup>
      </Form>
      <PageScript name="what-if" />
    </>
  );
}

async function wizardPage(
  ctx: PageContext,
  options: {
    state: FormState;
    simulation?: Simulation;
    tender?: InternalTenderResponse;
    addCriterion?: boolean;
    status?: number;
  },
): Promise<HtmlResult> {
  const m = inLang(officer, ctx.lang);
  const title = options.tender ? m.wizardEditTitle(options.tender.reference) : m.wizardNewTitle;
  return {
    title,
    status: options.status,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Paragraph>{m.wizardIntro}</Paragraph>
        <WizardForm
          ctx={ctx}
          state={options.state}
          choices={await choicesOf(ctx)}
          simulation={options.simulation ?? { state: emptyForm(options.state.values) }}
          tender={options.tender}
          addCriterion={options.addCriterion}
        />
      </>
    ),
  };
}

async function draftOf(ctx: PageContext): Promise<InternalTenderResponse | PageResult> {
  const answer = await ctx.api.get<InternalTenderResponse>(
    `/v1/tenders/${encodeURIComponent(ctx.params.tenderId!)}`,
  );
  if (!answer.ok || answer.body.status !== "draft")
    return redirectTo(`/console/tenders/${encodeURIComponent(ctx.params.tenderId!)}`);
  return answer.body;
}

const isTender = (value: InternalTenderResponse | PageResult): value is InternalTenderResponse =>
  "buyerId" in value;

/** A POST of the wizard: more criterion rows, the what-if, or saving. */
async function posted(ctx: PageContext, tender?: InternalTenderResponse): Promise<PageResult> {
  const values = valuesOfForm(ctx.form);
  const action = ctx.form.get("_action") ?? "save";
  if (action === "add-criterion")
    return wizardPage(ctx, { state: emptyForm(values), tender, addCriterion: true });
  if (action === "simulate") {
    const simulation = await simulateOf(ctx, values);
    return wizardPage(ctx, {
      state: emptyForm(values),
      simulation,
      tender,
      status: simulation.state.errors.length || simulation.state.detail ? 422 : 200,
    });
  }
  const version = tender ? Number(ctx.form.get("version")) : undefined;
  const { body, criterionRow } = tenderBodyOf(values, ctx.lang, version);
  const answer = tender
    ? await ctx.api.send<InternalTenderResponse>(
        "PATCH",
        `/v1/tenders/${encodeURIComponent(tender.id)}`,
        body,
      )
    : await ctx.api.send<InternalTenderResponse>("POST", "/v1/tenders", body, {
        idempotencyKey: ctx.form.get("_idempotency") ?? undefined,
      });
  if (answer.ok) return redirectTo(`/console/tenders/${encodeURIComponent(answer.body.id)}`, "saved");
  return wizardPage(ctx, {
    state: formStateOf(answer.problem, ctx.form, fieldOfPath(criterionRow)),
    tender,
    status: statusOf(answer.problem),
  });
}

export const statusOf = (problem: Problem): number =>
  problem.status >= 500 ? 422 : problem.status === 400 ? 422 : problem.status;

/**
 * The what-if alone, for the script: the ranking's HTML fragment for the posted form (the same
 * simulation the page shows after "Show ranking").
 */
async function whatIfFragment(ctx: PageContext): Promise<PageResult> {
  const simulation = await simulateOf(ctx, valuesOfForm(ctx.form));
  const m = inLang(officer, ctx.lang);
  const html = render(
    <>
      <Heading level={2}>
        <span id="what-if-title">{m.whatIfTitle}</span>
      </Heading>
      {simulation.state.errors.length || simulation.state.detail ? (
        <ErrorSummary
          title={inLang(common, ctx.lang).errorSummaryTitle}
          errors={simulation.state.errors}
          detail={simulation.state.detail}
        />
      ) : null}
      <WhatIfResult ctx={ctx} simulation={simulation} />
    </>,
  );
  return { file: { bytes: Buffer.from(html, "utf8"), contentType: "text/html; charset=utf-8" } };
}

export const wizardPages: ConsolePage[] = [
  {
    method: "GET",
    path: "/console/tenders/new",
    access: OFFICER,
    handle: (ctx) => wizardPage(ctx, { state: emptyForm({ ...NEW_TENDER_VALUES }) }),
  },
  { method: "POST", path: "/console/tenders/new", access: OFFICER, handle: (ctx) => posted(ctx) },
  { method: "POST", path: "/console/tenders/what-if", access: OFFICER, handle: whatIfFragment },
  {
    method: "GET",
    path: "/console/tenders/{tenderId}/edit",
    access: OFFICER,
    async handle(ctx) {
      const tender = await draftOf(ctx);
      if (!isTender(tender)) return tender;
      return wizardPage(ctx, { state: emptyForm(valuesOfTender(tender, ctx.lang)), tender });
    },
  },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/edit",
    access: OFFICER,
    async handle(ctx) {
      const tender = await draftOf(ctx);
      if (!isTender(tender)) return tender;
      return posted(ctx, tender);
    },
  },
];
