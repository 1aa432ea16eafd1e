import { randomUUID } from "node:crypto";
import type { OfficerEvaluationResponse } from "../../schemas/responses/evaluations.js";
import type { InternalTenderResponse, ScoreCorrectionResponse } from "../../schemas/responses/tenders.js";
import type { Problem } from "../api.js";
import { Alert, ButtonGroup, ButtonLink, Heading, Paragraph } from "../components.js";
import { Button, ErrorSummary, Form, SelectField, TextArea } from "../form-fields.js";
import { emptyForm, errorOf, type FormState, formStateOf, bound } from "../forms.js";
import { centsOf, formatDate, formatDateTime, formatMoney, inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, PageContext, PageResult } from "../page.js";
import { redirectTo } from "../page.js";
import { CorrectionsSection, correctionBodyOf, correctionFieldOf } from "./corrections.js";
import { officer } from "./messages.js";
import { Breakdowns, RankingTable, WarningsAndRobustness } from "./ranking.js";
import { keyOf, lotPath, Notice, ProblemAlert, tenderPath } from "./tenders.js";

/**
 * A lot's stored evaluation: the ranking, warnings and robustness in plain words, each bid's
 * breakdown with the explanation of every price correction, the score corrections it took in, and
 * the intended and final award.
 */

const OFFICER = ["officer"] as const;
const enc = encodeURIComponent;

async function evaluationPage(
  ctx: PageContext,
  options: { intended?: FormState; correction?: FormState; problem?: Problem; status?: number } = {},
): Promise<PageResult> {
  const m = inLang(officer, ctx.lang);
  const { tenderId, lotId } = ctx.params as { tenderId: string; lotId: string };
  const [tenderAnswer, evaluationAnswer, correctionsAnswer] = await Promise.all([
    ctx.api.get<InternalTenderResponse>(`/v1/tenders/${enc(tenderId)}`),
    ctx.api.get<OfficerEvaluationResponse>(`/v1/tenders/${enc(tenderId)}/lots/${enc(lotId)}/evaluation`),
    ctx.api.get<{ items: ScoreCorrectionResponse[] }>(
      `/v1/tenders/${enc(tenderId)}/score-corrections?limit=100`,
    ),
  ]);
  if (!tenderAnswer.ok) return redirectTo("/console/tenders");
  const tender = tenderAnswer.body;
  const lot = tender.lots.find((l) => l.id === lotId);
  if (!lot) return redirectTo(tenderPath(tender.id));
  const title = m.evaluationTitle(
    tender.lots.length > 1 ? `${tender.reference} · ${m.lot(lot.id, lot.title)}` : tender.reference,
  );
  const evaluation = evaluationAnswer.ok ? evaluationAnswer.body : undefined;
  const intendedState = options.intended ?? emptyForm();
  const base = lotPath(tender.id, lot.id);
  const body = (
    <>
      <Heading level={1}>{title}</Heading>
      <Notice ctx={ctx} />
      <ProblemAlert problem={options.problem} />
      {!evaluation ? (
        <Paragraph>{m.evaluationNone}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {m.evaluationMeta(formatDateTime(evaluation.at, ctx.lang), evaluation.engineVersion)}
          </Paragraph>
          {evaluation.stale ? <Alert kind="warning">{m.evaluationStale}</Alert> : null}
          <RankingTable result={evaluation} lang={ctx.lang} caption={m.bidsRankingCaption} />
          <WarningsAndRobustness result={evaluation} lang={ctx.lang} level={2} />
          {evaluation.corrections.length ? (
            <>
              <Heading level={2}>{m.scoreCorrections}</Heading>
              <ul class="utrecht-unordered-list">
                {evaluation.corrections.map((c) => (
                  <li class="utrecht-unordered-list__item">
                    {m.scoreCorrection(c.bidId, c.reason)}{" "}
                    {c.after
                      .map((a, i) => `${a.criterionId}: ${c.before[i]?.score ?? "–"} → ${a.score}`)
                      .join(", ")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Breakdowns result={evaluation} lang={ctx.lang} level={2} />
          {tender.pricesSealedUntilQualityScored ? (
            <CorrectionsSection
              ctx={ctx}
              tender={tender}
              lot={lot}
              bidIds={evaluation.ranking.map((r) => r.bidId)}
              corrections={
                correctionsAnswer.ok ? correctionsAnswer.body.items.filter((c) => c.lotId === lot.id) : []
              }
              state={options.correction ?? emptyForm()}
            />
          ) : null}
          <Heading level={2}>{m.intendedAward}</Heading>
          {lot.intendedAward ? (
            <>
              <Paragraph>
                {m.intendedAwardTo(
                  lot.intendedAward.bidId,
                  lot.intendedAward.rank,
                  formatDate(lot.intendedAward.finalAwardPossibleFrom, ctx.lang),
                )}
              </Paragraph>
              <Paragraph>
                {m.standstillEndsAt(
                  formatDateTime(lot.intendedAward.standstillEndsAt, ctx.lang),
                  formatDate(lot.intendedAward.finalAwardPossibleFrom, ctx.lang),
                )}
              </Paragraph>
            </>
          ) : null}
          {lot.status === "evaluated" || (lot.status === "award-intended" && evaluation.stale) ? (
            <>
              <ErrorSummary
                title={inLang(common, ctx.lang).errorSummaryTitle}
                errors={intendedState.errors}
                detail={intendedState.detail}
              />
              <Form
                action={`${base}/intended-award`}
                csrf={ctx.session!.csrf}
                idempotencyKey={randomUUID()}
                label={m.intendedAward}
              >
                <SelectField
                  name="bidId"
                  label={m.chooseBid}
                  value={intendedState.values.bidId ?? ""}
                  error={errorOf(intendedState, "bidId")}
                  options={[
                    { value: "", label: m.bestRanked },
                    ...evaluation.ranking
                      .filter((r) => r.compliant)
                      .map((r) => ({ value: r.bidId, label: `${r.rank ?? "–"}. ${r.bidId}` })),
                  ]}
                />
                <TextArea {...bound(intendedState, "reason")} label={m.awardReason} rows={2} />
                <Button>{m.recordIntended}</Button>
              </Form>
            </>
          ) : null}
          <Heading level={2}>{m.finalAward}</Heading>
          {lot.award ? (
            <>
              <Paragraph>
                {m.awardedTo(
                  lot.award.bidId,
                  lot.award.value ? formatMoney(centsOf(lot.award.value.amount), ctx.lang) : "–",
                )}
              </Paragraph>
              <ButtonLink href={`/console/contracts/${enc(lot.award.contractId)}`}>
                {m.viewContract}
              </ButtonLink>
            </>
          ) : lot.status === "award-intended" ? (
            <Form
              action={`${base}/award`}
              csrf={ctx.session!.csrf}
              idempotencyKey={randomUUID()}
              label={m.finalAward}
            >
              <Button>{m.awardFinal}</Button>
            </Form>
          ) : null}
        </>
      )}
      <ButtonGroup>
        <ButtonLink href={tenderPath(tender.id)}>{m.backToTender}</ButtonLink>
      </ButtonGroup>
    </>
  );
  return { title, body, status: options.status } satisfies HtmlResult;
}

const statusOf = (problem: Problem) => (problem.status === 409 ? 409 : 422);

export const evaluationPages: ConsolePage[] = [
  {
    method: "GET",
    path: "/console/tenders/{tenderId}/lots/{lotId}/evaluation",
    access: OFFICER,
    handle: (ctx) => evaluationPage(ctx),
  },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/lots/{lotId}/intended-award",
    access: OFFICER,
    async handle(ctx) {
      const { tenderId, lotId } = ctx.params as { tenderId: string; lotId: string };
      const bidId = ctx.form.get("bidId")?.trim();
      const reason = ctx.form.get("reason")?.trim();
      const answer = await ctx.api.send(
        "POST",
        `/v1/tenders/${enc(tenderId)}/lots/${enc(lotId)}/intended-award`,
        { ...(bidId ? { bidId } : {}), ...(reason ? { reason } : {}) },
        keyOf(ctx),
      );
      if (answer.ok) return redirectTo(`${lotPath(tenderId, lotId)}/evaluation`, "intendedRecorded");
      return evaluationPage(ctx, {
        intended: formStateOf(answer.problem, ctx.form),
        status: statusOf(answer.problem),
      });
    },
  },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/lots/{lotId}/award",
    access: OFFICER,
    async handle(ctx) {
      const { tenderId, lotId } = ctx.params as { tenderId: string; lotId: string };
      const answer = await ctx.api.send(
        "POST",
        `/v1/tenders/${enc(tenderId)}/lots/${enc(lotId)}/award`,
        undefined,
        keyOf(ctx),
      );
      if (answer.ok) return redirectTo(`${lotPath(tenderId, lotId)}/evaluation`, "awarded");
      return evaluationPage(ctx, { problem: answer.problem, status: statusOf(answer.problem) });
    },
  },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/lots/{lotId}/score-corrections",
    access: OFFICER,
    async handle(ctx) {
      const { tenderId, lotId } = ctx.params as { tenderId: string; lotId: string };
      const tender = await ctx.api.get<InternalTenderResponse>(`/v1/tenders/${enc(tenderId)}`);
      const lot = tender.ok ? tender.body.lots.find((l) => l.id === lotId) : undefined;
      if (!lot) return redirectTo("/console/tenders");
      const answer = await ctx.api.send<ScoreCorrectionResponse>(
        "POST",
        `/v1/tenders/${enc(tenderId)}/score-corrections`,
        correctionBodyOf(ctx.form, lot, ctx.lang),
        keyOf(ctx),
      );
      if (answer.ok) return redirectTo(`${lotPath(tenderId, lotId)}/evaluation`, "correctionProposed");
      return evaluationPage(ctx, {
        correction: formStateOf(answer.problem, ctx.form, correctionFieldOf(ctx.form, lot)),
        status: statusOf(answer.problem),
      });
    },
  },
  ...(["approve", "withdraw"] as const).map(
    (verb): ConsolePage => ({
      method: "POST",
      path: `/console/tenders/{tenderId}/lots/{lotId}/score-corrections/{correctionId}/${verb}`,
      access: OFFICER,
      async handle(ctx) {
        const { tenderId, lotId, correctionId } = ctx.params as Record<string, string>;
        const answer = await ctx.api.send(
          "POST",
          `/v1/tenders/${enc(tenderId!)}/score-corrections/${enc(correctionId!)}/${verb}`,
          undefined,
        );
        if (answer.ok)
          return redirectTo(
            `${lotPath(tenderId!, lotId!)}/evaluation`,
            verb === "approve" ? "correctionApproved" : "correctionWithdrawn",
          );
        return evaluationPage(ctx, {
          problem: answer.problem,
          status: answer.problem.status === 403 ? 403 : statusOf(answer.problem),
        });
      },
    }),
  ),
];
