import { randomUUID } from "node:crypto";
import type {
  BidListResponse,
  InternalTenderResponse,
  OfficerBidResponse,
  TenderPageResponse,
} from "../../schemas/responses/tenders.js";
import type { Problem } from "../api.js";
import { Alert, ButtonGroup, ButtonLink, DataList, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, Form } from "../form-fields.js";
import { centsOf, formatDateTime, formatMoney, inLang, type Lang } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext, PageResult } from "../page.js";
import { redirectTo } from "../page.js";
import { officer, type OfficerMessages } from "./messages.js";
import { keyOf, lotPath, Notice, PhaseBadge, phaseKind, ProblemAlert, tenderPath } from "./shared.js";

/** The officer's tenders: the list, one tender with its bids, and the steps from publishing to evaluating. */

const OFFICER = ["officer"] as const;
const enc = encodeURIComponent;

export { keyOf, lotPath, Notice, PhaseBadge, phaseKind, ProblemAlert, tenderPath };

export async function listOwnTenders(ctx: PageContext, cursor?: string | null) {
  const query = cursor ? `?limit=100&cursor=${enc(cursor)}` : "?limit=100";
  return ctx.api.get<TenderPageResponse>(`/v1/tenders${query}`);
}

export function TenderTable({
  tenders,
  lang,
  caption,
}: {
  tenders: TenderPageResponse["items"];
  lang: Lang;
  caption: string;
}) {
  const m = inLang(officer, lang);
  return (
    <Table
      caption={caption}
      head={[m.reference, m.title, m.phase, m.deadline, m.value]}
      numeric={[4]}
      rows={tenders.map((t) => [
        <Link href={tenderPath(t.id)}>{t.reference}</Link>,
        t.title,
        <PhaseBadge phase={t.phase} lang={lang} />,
        formatDateTime(t.submissionDeadline, lang),
        formatMoney(centsOf(t.estimatedValue.amount), lang),
      ])}
    />
  );
}

async function listPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(officer, ctx.lang);
  const answer = await listOwnTenders(ctx, ctx.query.get("cursor"));
  const page = answer.ok ? answer.body : { items: [], nextCursor: null };
  return {
    title: m.tendersTitle,
    body: (
      <>
        <Heading level={1}>{m.tendersTitle}</Heading>
        <ButtonGroup>
          <ButtonLink href="/console/tenders/new" primary>
            {m.newTender}
          </ButtonLink>
        </ButtonGroup>
        {answer.ok ? null : <ProblemAlert problem={answer.problem} />}
        {page.items.length ? (
          <TenderTable tenders={page.items} lang={ctx.lang} caption={m.tendersCaption} />
        ) : (
          <Paragraph>{m.tendersNone}</Paragraph>
        )}
        {page.nextCursor ? (
          <Paragraph>
            <Link href={`/console/tenders?cursor=${enc(page.nextCursor)}`}>{m.nextPage}</Link>
          </Paragraph>
        ) : null}
      </>
    ),
  };
}

export async function tenderOf(ctx: PageContext) {
  return ctx.api.get<InternalTenderResponse>(`/v1/tenders/${enc(ctx.params.tenderId!)}`);
}

const notFound = (ctx: PageContext): HtmlResult => ({
  title: inLang(officer, ctx.lang).tendersTitle,
  status: 404,
  body: (
    <>
      <Heading level={1}>{inLang(officer, ctx.lang).tendersTitle}</Heading>
      <Paragraph>
        {ctx.lang === "nl" ? "Deze aanbesteding bestaat niet." : "This tender does not exist."}
      </Paragraph>
    </>
  ),
});

type Bids = Extract<BidListResponse, { pricesSealed: boolean }>;

function BidsOfLot({
  ctx,
  tender,
  lot,
  bids,
}: {
  ctx: PageContext;
  tender: InternalTenderResponse;
  lot: InternalTenderResponse["lots"][number];
  bids: OfficerBidResponse[];
}) {
  const m = inLang(officer, ctx.lang);
  const hasCriteria = (lot.awardModel.criteria ?? []).length > 0;
  const scoring = hasCriteria && (lot.status === "opened" || lot.status === "evaluated");
  const several = tender.lots.length > 1;
  return (
    <section aria-labelledby={`lot-${lot.id}`}>
      <Heading level={2}>
        <span id={`lot-${lot.id}`}>{several ? m.lot(lot.id, lot.title) : m.bidsCaption}</span>
      </Heading>
      {several && lot.status ? <PhaseBadge phase={lot.status} lang={ctx.lang} /> : null}
      <Table
        caption={several ? `${m.bidsCaption}: ${m.lot(lot.id, lot.title)}` : m.bidsCaption}
        head={[m.bid, m.price, m.committeeScores, ""]}
        numeric={[1]}
        rows={bids.map((b) => [
          b.bidId,
          b.content.price ? formatMoney(centsOf(b.content.price.amount), ctx.lang) : m.sealed,
          b.committeeScores ? m.scored : hasCriteria ? m.notScored : "–",
          scoring ? (
            <Link href={`${lotPath(tender.id, lot.id)}/bids/${enc(b.bidId)}/scores`}>
              {m.scoreBid(b.bidId)}
            </Link>
          ) : (
            ""
          ),
        ])}
      />
      <ButtonGroup>
        {lot.status === "opened" || lot.status === "evaluated" ? (
          <Form
            action={`${lotPath(tender.id, lot.id)}/evaluate`}
            csrf={ctx.session!.csrf}
            label={m.evaluate}
            idempotencyKey={randomUUID()}
          >
            <Button>{lot.evaluation ? m.evaluateAgain : m.evaluate}</Button>
          </Form>
        ) : null}
        {lot.evaluation ? (
          <ButtonLink href={`${lotPath(tender.id, lot.id)}/evaluation`}>{m.viewEvaluation}</ButtonLink>
        ) : null}
      </ButtonGroup>
    </section>
  );
}

/** One tender as its phase asks: edit and publish a draft, the sealed count, opening, then bids per lot. */
export async function tenderPage(
  ctx: PageContext,
  extra?: { problem?: Problem; warnings?: string[]; status?: number },
): Promise<PageResult> {
  const m = inLang(officer, ctx.lang);
  const answer = await tenderOf(ctx);
  if (!answer.ok) return notFound(ctx);
  const tender = answer.body;
  const bids =
    tender.phase === "draft" || tender.phase === "cancelled"
      ? undefined
      : await ctx.api.get<BidListResponse>(`/v1/tenders/${enc(tender.id)}/bids`);
  const list = bids?.ok ? bids.body : undefined;
  const title = `${tender.reference}: ${tender.title}`;
  return {
    title,
    status: extra?.status,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Notice ctx={ctx} />
        <ProblemAlert problem={extra?.problem} />
        {extra?.warnings?.length ? (
          <Alert kind="warning">
            <Paragraph>{m.publishWarnings}</Paragraph>
            <ul class="utrecht-unordered-list">
              {extra.warnings.map((w) => (
                <li class="utrecht-unordered-list__item">{w}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <DataList
          items={[
            { term: m.phase, value: <PhaseBadge phase={tender.phase} lang={ctx.lang} /> },
            { term: m.reference, value: tender.reference },
            { term: m.deadline, value: formatDateTime(tender.submissionDeadline, ctx.lang) },
            { term: m.value, value: formatMoney(centsOf(tender.estimatedValue.amount), ctx.lang) },
            { term: m.contractType, value: m.contractTypes(tender.contractType) },
            { term: m.method, value: m.methods(tender.awardModel.method) },
            { term: m.procedureOf, value: m.procedures(tender.procedure) },
            {
              term: m.standstillOf,
              value: m.standstillDaysText(tender.standstillDays, tender.algemeneTermijnenwet),
            },
          ]}
        />
        {tender.phase === "draft" ? (
          <ButtonGroup>
            <ButtonLink href={`${tenderPath(tender.id)}/edit`}>{m.edit}</ButtonLink>
            <Form action={`${tenderPath(tender.id)}/publish`} csrf={ctx.session!.csrf} label={m.publish}>
              <input type="hidden" name="version" value={String(tender.version)} />
              <Button>{m.publish}</Button>
            </Form>
          </ButtonGroup>
        ) : null}
        {list?.sealed ? <Paragraph>{m.bidCountSealed(list.count)}</Paragraph> : null}
        {tender.phase === "closed" ? (
          <Form
            action={`${tenderPath(tender.id)}/open`}
            csrf={ctx.session!.csrf}
            label={m.open}
            idempotencyKey={randomUUID()}
          >
            <Button>{m.open}</Button>
          </Form>
        ) : null}
        {list && !list.sealed && "pricesSealed" in list
          ? tender.lots.map((lot) => (
              <BidsOfLot
                ctx={ctx}
                tender={tender}
                lot={lot}
                bids={(list as Bids).items.filter((b) => b.lotId === lot.id)}
              />
            ))
          : null}
        {tender.cancellation ? (
          <Alert kind="warning">{m.cancelledBecause(tender.cancellation.reason)}</Alert>
        ) : null}
        <ButtonGroup>
          {tender.phase !== "awarded" && tender.phase !== "cancelled" ? (
            <ButtonLink href={`${tenderPath(tender.id)}/cancel`}>{m.cancelTender}</ButtonLink>
          ) : null}
          <ButtonLink href="/console/tenders">{m.allTenders}</ButtonLink>
        </ButtonGroup>
      </>
    ),
  };
}

/** A step's POST: the API call, then back to the tender with a notice, or the tender with the refusal. */
async function step(
  ctx: PageContext,
  call: () => Promise<{ ok: boolean; problem?: Problem }>,
  notice: string,
  to?: string,
) {
  const answer = await call();
  if (answer.ok) return redirectTo(to ?? tenderPath(ctx.params.tenderId!), notice);
  return tenderPage(ctx, { problem: answer.problem, status: answer.problem!.status === 409 ? 409 : 422 });
}

export const tenderPages: ConsolePage[] = [
  { method: "GET", path: "/console/tenders", access: OFFICER, handle: listPage },
  { method: "GET", path: "/console/tenders/{tenderId}", access: OFFICER, handle: (ctx) => tenderPage(ctx) },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/open",
    access: OFFICER,
    handle: (ctx) =>
      step(
        ctx,
        () => ctx.api.send("POST", `/v1/tenders/${enc(ctx.params.tenderId!)}/open`, undefined, keyOf(ctx)),
        "opened",
      ),
  },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/lots/{lotId}/evaluate",
    access: OFFICER,
    handle: (ctx) =>
      step(
        ctx,
        () =>
          ctx.api.send(
            "POST",
            `/v1/tenders/${enc(ctx.params.tenderId!)}/lots/${enc(ctx.params.lotId!)}/evaluation`,
            undefined,
            keyOf(ctx),
          ),
        "evaluated",
        `${lotPath(ctx.params.tenderId!, ctx.params.lotId!)}/evaluation`,
      ),
  },
];

export type { OfficerMessages };
