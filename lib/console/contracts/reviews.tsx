import type { ComponentChildren } from "preact";
import type * as z from "zod";
import { LABOUR_KINDS } from "../../domain/sroi/target-group.js";
import type { ContractResponse } from "../../schemas/responses/contracts.js";
import type { EntryResponse, reviewQueueResponse } from "../../schemas/responses/entries.js";
import { Alert, ButtonGroup, DataList, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, FormErrors, Form, TextArea } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf, bound } from "../forms.js";
import { formatDate, formatDateTime, formatNumber, inLang, type Lang } from "../i18n.js";
import type { HtmlResult, PageContext, PageResult } from "../page.js";
import { EntryStatusBadge, entryStatusLabel, money, OverdueBadge } from "./balance.js";
import { type BlockNames, blockNamesOf, monthsOf, reviewPath } from "./contract.js";
import { apiFailure } from "./failure.js";
import { contractPath, Paging } from "./list.js";
import { type ContractMessages, contractMessages } from "./messages.js";

type Queue = z.output<typeof reviewQueueResponse>;

export const QUEUE_PATH = "/console/reviews";

/**
 * GET /console/reviews: the entries awaiting review that the API's queue gives the user (an officer:
 * its municipality's contracts; an auditor: its region's), oldest first, overdue ones flagged.
 */
export async function reviewQueue(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(contractMessages, ctx.lang);
  const cursor = ctx.query.get("cursor") ?? undefined;
  const query = new URLSearchParams({ status: "submitted", limit: "50" });
  if (cursor) query.set("cursor", cursor);
  const answer = await ctx.api.get<Queue>(`/v1/entries?${query}`);
  if (!answer.ok) return apiFailure(ctx, answer.problem);
  const { items, nextCursor } = answer.body;
  const overdue = items.filter((e) => e.overdue).length;
  const notice = await reviewNoticeOf(ctx);
  return {
    title: m.queueTitle,
    body: (
      <>
        <Heading level={1}>{m.queueTitle}</Heading>
        <ReviewNotice notice={notice} m={m} />
        <Paragraph>{ctx.session!.role === "auditor" ? m.queueIntroAuditor : m.queueIntroOfficer}</Paragraph>
        {overdue ? <Paragraph>{m.queueOverdueNote(overdue)}</Paragraph> : null}
        {items.length ? (
          <Table
            caption={m.queueCaption}
            head={[
              m.colSubmitted,
              m.colContract,
              m.colSupplier,
              m.colBlock,
              m.colPeriod,
              m.colMonths,
              m.colValue,
              m.colFlags,
              m.colAction,
            ]}
            numeric={[5, 6]}
            rows={items.map((e) => [
              formatDate(e.submittedAt, ctx.lang),
              <Link href={contractPath(e.contractId)}>{e.contractReference}</Link>,
              e.supplierId,
              e.blockId,
              e.period,
              monthsOf(e, ctx.lang),
              money(e.value, ctx.lang),
              <>
                {e.overdue ? <OverdueBadge m={m} /> : null}{" "}
                {e.missingTargetGroupEvidence ? <span>{m.missingEvidence}</span> : null}
              </>,
              <a
                class="utrecht-link utrecht-link--html-a"
                href={reviewPath(e.contractId, e.id)}
                aria-label={m.reviewLinkLabel(e.id)}
              >
                {m.reviewLink}
              </a>,
            ])}
          />
        ) : (
          <Alert>{m.queueEmpty}</Alert>
        )}
        <Paging
          m={m}
          first={cursor ? QUEUE_PATH : undefined}
          next={nextCursor ? `${QUEUE_PATH}?cursor=${encodeURIComponent(nextCursor)}` : undefined}
        />
      </>
    ),
  };
}

/** After a review: what happened, and a link to the contract whose balance it changed. */
async function reviewNoticeOf(ctx: PageContext) {
  const done = ctx.query.get("done");
  if (done !== "accepted" && done !== "rejected") return undefined;
  const contractId = ctx.query.get("contract");
  const contract = contractId
    ? await ctx.api.get<ContractResponse>(`/v1/contracts/${encodeURIComponent(contractId)}`)
    : undefined;
  return { done, contract: contract?.ok ? contract.body : undefined };
}

function ReviewNotice({
  notice,
  m,
}: {
  notice: Awaited<ReturnType<typeof reviewNoticeOf>>;
  m: ContractMessages;
}) {
  if (!notice) return null;
  return (
    <Alert kind="ok">
      <Paragraph>
        {notice.done === "accepted" ? m.noticeAccepted : m.noticeRejected}{" "}
        {notice.contract ? (
          <Link href={contractPath(notice.contract.id)}>{m.noticeContract(notice.contract.reference)}</Link>
        ) : null}
      </Paragraph>
    </Alert>
  );
}

/** GET /console/contracts/{contractId}/entries/{entryId}/review: the entry, and the form to accept or reject it. */
export const reviewPage = (ctx: PageContext): Promise<PageResult> => renderReview(ctx, emptyForm());

/** POST of the review form: the API's review route; back to the queue when it took the decision. */
export async function postReview(ctx: PageContext): Promise<PageResult> {
  const { contractId, entryId } = ctx.params as { contractId: string; entryId: string };
  const answer = await ctx.api.send<EntryResponse>(
    "POST",
    `/v1/contracts/${encodeURIComponent(contractId)}/entries/${encodeURIComponent(entryId)}/review`,
    { decision: ctx.form.get("decision") ?? "", reason: ctx.form.get("reason") ?? "" },
  );
  if (answer.ok) {
    const done = answer.body.status === "accepted" ? "accepted" : "rejected";
    return { redirect: `${QUEUE_PATH}?done=${done}&contract=${encodeURIComponent(contractId)}` };
  }
  if (answer.problem.status === 404 || answer.problem.status === 403) return apiFailure(ctx, answer.problem);
  // 400 (no reason), 409 (reviewed meanwhile: the page shows by whom), 422 (a rule refused it).
  return renderReview(ctx, formStateOf(answer.problem, ctx.form), answer.problem.status);
}

async function renderReview(ctx: PageContext, state: FormState, status?: number): Promise<PageResult> {
  const m = inLang(contractMessages, ctx.lang);
  const { contractId, entryId } = ctx.params as { contractId: string; entryId: string };
  const [contract, entry] = await Promise.all([
    ctx.api.get<ContractResponse>(`/v1/contracts/${encodeURIComponent(contractId)}`),
    ctx.api.get<EntryResponse>(
      `/v1/contracts/${encodeURIComponent(contractId)}/entries/${encodeURIComponent(entryId)}`,
    ),
  ]);
  if (!contract.ok) return apiFailure(ctx, contract.problem);
  if (!entry.ok) return apiFailure(ctx, entry.problem);
  const e = entry.body;
  const names = await blockNamesOf(ctx, contract.body);
  const review = e.review;
  return {
    ...(status ? { status } : {}),
    title: m.reviewTitle,
    body: (
      <>
        <Heading level={1}>{m.reviewTitle}</Heading>
        <FormErrors lang={ctx.lang} state={state} />
        <Paragraph>
          {m.reviewIntro(contract.body.reference)}{" "}
          <Link href={contractPath(contractId)}>{m.backToContract}</Link>
          {". "}
          <Link href={QUEUE_PATH}>{m.backToQueue}</Link>.
        </Paragraph>
        <Heading level={2}>{m.entryDetails}</Heading>
        <EntryDetails e={e} names={names} lang={ctx.lang} m={m} />
        {review ? (
          <Alert kind="info">
            {m.alreadyReviewed(
              entryStatusLabel(e.status, m),
              review.reason,
              formatDateTime(review.at, ctx.lang),
            )}
          </Alert>
        ) : (
          <>
            <Heading level={2}>{m.reviewForm}</Heading>
            <Form action={reviewPath(contractId, entryId)} csrf={ctx.session!.csrf} label={m.reviewForm}>
              <TextArea
                {...bound(state, "reason")}
                label={m.reason}
                description={m.reasonHint}
                required
                rows={3}
              />
              <ButtonGroup>
                <Button name="decision" value="accept">
                  {m.accept}
                </Button>
                <Button name="decision" value="reject" kind="secondary">
                  {m.reject}
                </Button>
              </ButtonGroup>
            </Form>
          </>
        )}
      </>
    ),
  };
}

function EntryDetails({
  e,
  names,
  lang,
  m,
}: {
  e: EntryResponse;
  names: BlockNames;
  lang: Lang;
  m: ContractMessages;
}) {
  const extent = [
    e.fte !== null ? m.entryFte(formatNumber(e.fte, lang, 4)) : "",
    e.hours !== null ? m.entryHours(formatNumber(e.hours, lang)) : "",
    e.units !== null ? m.entryUnits(formatNumber(e.units, lang)) : "",
    e.invoice
      ? m.entryInvoice(
          e.invoice.invoiceNumber,
          formatDate(e.invoice.date, lang),
          money(e.invoice.amount, lang),
          e.invoice.vendorKvk,
        )
      : "",
  ]
    .filter(Boolean)
    .join("; ");
  const items: { term: string; value: ComponentChildren }[] = [
    { term: m.entryId, value: e.id },
    {
      term: m.entryStatus,
      value: (
        <>
          <EntryStatusBadge status={e.status} m={m} /> {e.overdue ? <OverdueBadge m={m} /> : null}
        </>
      ),
    },
    { term: m.entryBlock, value: names(e.blockId) },
    ...(e.targetGroup ? [{ term: m.colTargetGroup, value: e.targetGroup }] : []),
    ...(e.candidateRef ? [{ term: m.entryCandidate, value: e.candidateRef }] : []),
    { term: m.entryDates, value: m.periodValue(formatDate(e.startDate, lang), formatDate(e.endDate, lang)) },
    { term: m.entryPeriod, value: e.period },
    ...(extent ? [{ term: m.entryExtent, value: extent }] : []),
    ...(e.reportedMonths !== null
      ? [
          {
            term: m.colMonths,
            value: m.entryMonths(
              formatNumber(e.reportedMonths, lang),
              e.countedMonths === null ? "–" : formatNumber(e.countedMonths, lang),
            ),
          },
        ]
      : []),
    { term: m.entryValue, value: money(e.value, lang) },
    { term: m.entryFormula, value: e.formula },
    { term: m.entryEvidence, value: e.evidence.length ? e.evidence.join("; ") : m.entryNone },
    ...(LABOUR_KINDS.includes(e.kind) || e.targetGroupEvidence
      ? [
          {
            term: m.entryTargetGroupEvidence,
            value: e.targetGroupEvidence
              ? `${e.targetGroupEvidence.kind}, ${formatDate(e.targetGroupEvidence.date, lang)}`
              : m.missingEvidence,
          },
        ]
      : []),
    ...(e.note ? [{ term: m.entryNote, value: e.note }] : []),
    ...(e.reverses ? [{ term: m.entryCorrection, value: m.entryReversal(e.reverses) }] : []),
    {
      term: m.entrySubmittedBy,
      value: m.entrySubmittedAt(e.submittedByOrg, formatDateTime(e.submittedAt, lang)),
    },
  ];
  return <DataList items={items} />;
}
