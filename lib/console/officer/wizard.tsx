import { randomUUID } from "node:crypto";
import { render } from "preact-render-to-string";
import type { ScoringResultResponse } from "../../schemas/responses/scoring-result.js";
import type { InternalTenderResponse } from "../../schemas/responses/tenders.js";
import type { Problem } from "../api.js";
import { ButtonGroup, Heading, PageScript, Paragraph } from "../components.js";
import { Button, FormErrors, Fieldset, Form } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf } from "../forms.js";
import { inLang } from "../i18n.js";
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
  tenderBodyOf,
  valuesOfForm,
  valuesOfTender,
} from "./tender-form.js";
import { DetailsFieldset, LotsFieldset, ProcedureFieldset } from "./wizard-fields.js";
import { type Choices, choicesOf, decimal, fieldOf, ModelFieldsets } from "./wizard-model.js";

/**
 * The tender wizard: details, the award model builder and a what-if ranking on sample bids, in one
 * plain form. "Show ranking" posts it back and shows the engine's simulation; "Save draft" creates
 * the tender (or edits the draft with the version read). A small script, when it runs, refreshes
 * the ranking as the officer types through the same what-if route.
 */

const OFFICER = ["officer"] as const;
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
  addLot,
}: {
  ctx: PageContext;
  state: FormState;
  choices: Choices;
  simulation: Simulation;
  tender?: InternalTenderResponse;
  addCriterion?: string;
  addLot?: boolean;
}) {
  const m = inLang(officer, ctx.lang);
  const v = state.values;
  const rows = criterionRows(v, addCriterion === "awardModel");
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
  const field = fieldOf(all);
  return (
    <>
      <FormErrors lang={ctx.lang} state={all} />
      <Form
        action={action}
        csrf={ctx.session!.csrf}
        idempotencyKey={tender ? undefined : (ctx.form.get("_idempotency") ?? randomUUID())}
      >
        {tender ? <input type="hidden" name="version" value={String(tender.version)} /> : null}
        <DetailsFieldset m={m} all={all} />
        <ProcedureFieldset m={m} all={all} />
        <ModelFieldsets
          m={m}
          all={all}
          choices={choices}
          prefix="awardModel"
          legend={m.stepModel}
          addCriterion={addCriterion}
        />
        <LotsFieldset m={m} all={all} choices={choices} addLot={addLot} addCriterion={addCriterion} />
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
            data-live-url="/console/tenders/what-if"
            data-live-fields="awardModel. whatIf."
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
      <PageScript name="live-region" />
    </>
  );
}

async function wizardPage(
  ctx: PageContext,
  options: {
    state: FormState;
    simulation?: Simulation;
    tender?: InternalTenderResponse;
    addCriterion?: string;
    addLot?: boolean;
    status?: number;
    /** The draft came back from a refused publication: say so above its fields. */
    publishRefused?: boolean;
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
        {options.publishRefused ? (
          <Paragraph>{m.publishRefused}</Paragraph>
        ) : (
          <Paragraph>{m.wizardIntro}</Paragraph>
        )}
        <WizardForm
          ctx={ctx}
          state={options.state}
          choices={await choicesOf(ctx)}
          simulation={options.simulation ?? { state: emptyForm(options.state.values) }}
          tender={options.tender}
          addCriterion={options.addCriterion}
          addLot={options.addLot}
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
  if (action.startsWith("add-criterion:"))
    return wizardPage(ctx, { state: emptyForm(values), tender, addCriterion: action.slice(14) });
  if (action === "add-lot") return wizardPage(ctx, { state: emptyForm(values), tender, addLot: true });
  if (action === "refresh") return wizardPage(ctx, { state: emptyForm(values), tender });
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
  const { body, criterionRow, parsedLots } = tenderBodyOf(values, ctx.lang, version);
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
    state: formStateOf(answer.problem, ctx.form, fieldOfPath(criterionRow, [], [], parsedLots)),
    tender,
    status: statusOf(answer.problem),
  });
}

/**
 * A publication refused over fields of the draft (procedure, standstill, the impact reason): the
 * draft's wizard with the refusal at those fields, so the officer fixes and saves it.
 */
export const publishRefusedPage = (ctx: PageContext, tender: InternalTenderResponse, problem: Problem) =>
  wizardPage(ctx, {
    state: formStateOf(problem, new URLSearchParams(valuesOfTender(tender, ctx.lang))),
    tender,
    status: statusOf(problem),
    publishRefused: true,
  });

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
      <FormErrors lang={ctx.lang} state={simulation.state} />
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
