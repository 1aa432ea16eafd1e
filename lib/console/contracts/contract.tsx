import type * as z from "zod";
import { ENTRY_STATUSES } from "../../domain/sroi/balance.js";
import type {
  BalanceResponse,
  ContractResponse,
  obligationListResponse,
} from "../../schemas/responses/contracts.js";
import type { entryListResponse } from "../../schemas/responses/entries.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import { Alert, DataList, Heading, Paragraph, Table } from "../components.js";
import { Button, SelectField } from "../form-fields.js";
import { formatDate, formatDateTime, formatNumber, inLang, type Lang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import {
  BalanceBar,
  BalanceStatus,
  BarLegend,
  EntryStatusBadge,
  entryStatusLabel,
  money,
  OverdueBadge,
  percent,
} from "./balance.js";
import { apiFailure } from "./failure.js";
import { contractPath, Paging } from "./list.js";
import { type ContractMessages, contractMessages } from "./messages.js";

type ObligationVersion = z.output<typeof obligationListResponse>["items"][number];
type EntryList = z.output<typeof entryListResponse>;
type Entry = EntryList["items"][number];

export const reviewPath = (contractId: string, entryId: string) =>
  `${contractPath(contractId)}/entries/${encodeURIComponent(entryId)}/review`;

/** Block labels from the catalogue the contract was awarded under; a block it lacks shows its id. */
export type BlockNames = (blockId: string) => string;

export async function blockNamesOf(ctx: PageContext, contract: ContractResponse): Promise<BlockNames> {
  const { id, version } = contract.awardCatalogue;
  const answer = await ctx.api.get<CatalogueResponse>(
    `/v1/sroi/catalogues/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`,
  );
  const labels = new Map(
    answer.ok ? answer.body.blocks.flatMap((b) => (b.label ? [[b.id, b.label] as const] : [])) : [],
  );
  return (blockId) => labels.get(blockId) ?? blockId;
}

/**
 * GET /console/contracts/{contractId}: the obligation and how it was computed, the balance with its
 * explanation, months and persons per block, and the entries (paged, by status).
 */
export async function contractPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(contractMessages, ctx.lang);
  const id = encodeURIComponent(ctx.params.contractId!);
  const status = ENTRY_STATUSES.find((s) => s === ctx.query.get("status"));
  const cursor = ctx.query.get("cursor") ?? undefined;
  const entryQuery = new URLSearchParams({ limit: "50" });
  if (status) entryQuery.set("status", status);
  if (cursor) entryQuery.set("cursor", cursor);
  const [contract, balance, obligations, entries] = await Promise.all([
    ctx.api.get<ContractResponse>(`/v1/contracts/${id}`),
    ctx.api.get<BalanceResponse>(`/v1/contracts/${id}/balance`),
    ctx.api.get<z.output<typeof obligationListResponse>>(`/v1/contracts/${id}/obligations`),
    ctx.api.get<EntryList>(`/v1/contracts/${id}/entries?${entryQuery}`),
  ]);
  if (!contract.ok) return apiFailure(ctx, contract.problem);
  if (!balance.ok) return apiFailure(ctx, balance.problem);
  if (!obligations.ok) return apiFailure(ctx, obligations.problem);
  if (!entries.ok) return apiFailure(ctx, entries.problem);
  const c = contract.body;
  const names = await blockNamesOf(ctx, c);
  const reviewer = ctx.session!.role === "officer" || ctx.session!.role === "auditor";
  const self = contractPath(c.id);
  const next = new URLSearchParams();
  if (status) next.set("status", status);
  if (entries.body.nextCursor) next.set("cursor", entries.body.nextCursor);
  const title = `${c.reference} · ${c.title}`;
  return {
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Heading level={2}>{m.detailsTitle}</Heading>
        <ContractDetails c={c} lang={ctx.lang} m={m} />
        <Heading level={2}>{m.obligationTitle}</Heading>
        <Obligation c={c} version={obligations.body.items.at(-1)} lang={ctx.lang} m={m} />
        <Heading level={2}>{m.balanceTitle}</Heading>
        <Balance balance={balance.body} lang={ctx.lang} m={m} />
        <Heading level={2}>{m.monthsTitle}</Heading>
        <Blocks balance={balance.body} names={names} lang={ctx.lang} m={m} />
        <Heading level={2}>{m.entriesTitle}</Heading>
        <form class="utrecht-form ip-filter" method="get" action={self}>
          <SelectField
            name="status"
            label={m.entriesFilter}
            value={status ?? ""}
            options={[
              { value: "", label: m.entriesAll },
              ...ENTRY_STATUSES.map((s) => ({ value: s, label: entryStatusLabel(s, m) })),
            ]}
          />
          <Button kind="secondary">{m.filterButton}</Button>
        </form>
        <Entries entries={entries.body.items} names={names} reviewer={reviewer} lang={ctx.lang} m={m} />
        <Paging
          m={m}
          first={cursor ? `${self}${status ? `?status=${status}` : ""}` : undefined}
          next={entries.body.nextCursor ? `${self}?${next}` : undefined}
        />
      </>
    ),
  };
}

const TYPE: Record<ContractResponse["type"], keyof ContractMessages> = {
  works: "typeWorks",
  services: "typeServices",
  supplies: "typeSupplies",
};

function ContractDetails({ c, lang, m }: { c: ContractResponse; lang: Lang; m: ContractMessages }) {
  const pso = c.psoLevel
    ? c.psoCertificateExpiresDuringContract && c.psoCertificateValidUntil
      ? `${c.psoLevel} (${m.psoExpires(formatDate(c.psoCertificateValidUntil, lang))})`
      : c.psoLevel
    : m.psoNone;
  return (
    <DataList
      items={[
        { term: m.reference, value: c.reference },
        { term: m.buyer, value: c.buyerId },
        { term: m.supplier, value: c.supplierId },
        { term: m.type, value: (m[TYPE[c.type]] as string | undefined) ?? c.type },
        { term: m.value, value: money(c.value, lang) },
        { term: m.period, value: m.periodValue(formatDate(c.startDate, lang), formatDate(c.endDate, lang)) },
        { term: m.awardDate, value: formatDate(c.awardDate, lang) },
        { term: m.policy, value: m.policyValue(c.policy.id, c.policy.version, c.policy.reviewDays) },
        { term: m.catalogue, value: `${c.awardCatalogue.id} ${c.awardCatalogue.version}` },
        { term: m.pso, value: pso },
      ]}
    />
  );
}

const STEP: Record<ObligationVersion["steps"][number]["step"], keyof ContractMessages> = {
  threshold: "stepThreshold",
  duration: "stepDuration",
  type: "stepType",
  percentage: "stepPercentage",
  "pso-discount": "stepPsoDiscount",
  cap: "stepCap",
};

/** The obligation and its steps as the API explained them when it computed the current version. */
function Obligation({
  c,
  version,
  lang,
  m,
}: {
  c: ContractResponse;
  version: ObligationVersion | undefined;
  lang: Lang;
  m: ContractMessages;
}) {
  return (
    <>
      <Paragraph>
        {c.obligation.applies
          ? m.obligationAmount(money(c.obligation.amount, lang), c.obligation.version)
          : m.obligationNotApplicable}{" "}
        {c.commitment ? m.commitment(money(c.commitment.amount, lang)) : null}
      </Paragraph>
      {version ? (
        <>
          <Table
            caption={m.stepsCaption}
            head={[m.colStep, m.colExplanation, m.colAmount]}
            numeric={[2]}
            rows={version.steps.map((s) => [
              m[STEP[s.step]] as string,
              s.detail,
              s.amount ? money(s.amount, lang) : "",
            ])}
          />
          <Paragraph>{m.obligationReason(version.reason, formatDate(version.at, lang))}</Paragraph>
        </>
      ) : null}
    </>
  );
}

/** The balance as a bar, the API's figures in a table, and what they mean in sentences. */
function Balance({ balance: b, lang, m }: { balance: BalanceResponse; lang: Lang; m: ContractMessages }) {
  const pooled = b.pooledIn.amount !== 0 || b.pooledOut.amount !== 0;
  const explanation: string[] = [m.balanceAsOf(formatDateTime(b.asOf, lang))];
  if (b.fulfilmentPercent !== null)
    explanation.push(
      m.explainCredited(
        money(b.credited, lang),
        money(b.obligation, lang),
        percent(b.fulfilmentPercent, lang),
      ),
    );
  explanation.push(m.explainPending(money(b.pending, lang), money(b.rejected, lang)));
  if (pooled) explanation.push(m.explainPooled(money(b.pooledOut, lang), money(b.pooledIn, lang)));
  if (b.obligationToDate) explanation.push(m.explainToDate);
  else if (!b.ended && b.fulfilmentPercent !== null)
    explanation.push(m.explainExpected(percent(b.elapsedPercent, lang), money(b.expectedByNow, lang)));
  if (b.status === "fulfilled") explanation.push(m.explainFulfilled(money(b.overRealisation, lang)));
  else if (b.status === "on-track") explanation.push(m.explainOnTrack);
  else if (b.status === "behind") explanation.push(m.explainBehind);
  else if (b.status === "shortfall") explanation.push(m.explainShortfall(money(b.shortfall, lang)));
  else if (b.settlement)
    explanation.push(
      m.explainSettled(
        m[
          ({ withheld: "outcomeWithheld", invoiced: "outcomeInvoiced", waived: "outcomeWaived" } as const)[
            b.settlement.outcome
          ]
        ],
        formatMoneyCents(b.settlement.shortfallCents, lang),
        b.settlement.reason,
      ),
    );
  const { atEnd, shortfallAtEnd } = b.projection;
  if (!b.ended && atEnd && shortfallAtEnd && b.status !== "fulfilled" && b.status !== "settled")
    explanation.push(
      shortfallAtEnd.amount > 0
        ? m.explainProjection(money(atEnd, lang), money(shortfallAtEnd, lang))
        : m.explainProjectionMet(money(atEnd, lang)),
    );
  if (b.status === "shortfall" && b.recoveryDeadline)
    explanation.push(m.explainRecovery(formatDate(b.recoveryDeadline, lang)));

  const rows: [string, string][] = [
    [m.figObligation, money(b.obligation, lang)],
    [m.figCommitted, money(b.committed, lang)],
    [m.figCredited, money(b.credited, lang)],
    ...(pooled
      ? ([
          [m.figPooledOut, money(b.pooledOut, lang)],
          [m.figPooledIn, money(b.pooledIn, lang)],
        ] as [string, string][])
      : []),
    [m.figPending, money(b.pending, lang)],
    [m.figRejected, money(b.rejected, lang)],
    [m.figShortfall, money(b.shortfall, lang)],
    [m.figOverRealisation, money(b.overRealisation, lang)],
    [m.figExpected, money(b.expectedByNow, lang)],
    ...(b.projection.atEnd
      ? ([[m.figProjection, money(b.projection.atEnd, lang)]] as [string, string][])
      : []),
  ];
  return (
    <>
      {b.totalsVerified ? null : <Alert kind="warning">{m.totalsUnverified}</Alert>}
      <Paragraph>
        <BalanceStatus status={b.status} m={m} />
      </Paragraph>
      <BarLegend m={m} />
      <BalanceBar balance={b} lang={lang} m={m} />
      <div class="ip-explanation">
        {explanation.map((text) => (
          <Paragraph>{text}</Paragraph>
        ))}
      </div>
      <Table caption={m.figuresCaption} head={[m.colFigure, m.colAmount]} numeric={[1]} rows={rows} />
      <Paragraph>
        {m.figEntries}: {m.entriesCount(b.entries.submitted, b.entries.accepted, b.entries.rejected)}
      </Paragraph>
    </>
  );
}

const formatMoneyCents = (cents: number, lang: Lang) => money({ amount: cents / 100 }, lang);

/** Months and persons per block, as the running totals keep them. */
function Blocks({
  balance,
  names,
  lang,
  m,
}: {
  balance: BalanceResponse;
  names: BlockNames;
  lang: Lang;
  m: ContractMessages;
}) {
  if (!balance.byBlock.length) return <Paragraph>{m.noBlocks}</Paragraph>;
  return (
    <>
      <Paragraph>{m.monthsIntro}</Paragraph>
      <Table
        caption={m.blocksCaption}
        head={[
          m.colBlock,
          m.colTargetGroup,
          m.colCredited,
          m.colPending,
          m.colPersons,
          m.colFteYears,
          m.colReportedMonths,
          m.colCountedMonths,
        ]}
        numeric={[2, 3, 4, 5, 6, 7]}
        rows={balance.byBlock.map((b) => [
          names(b.blockId),
          b.targetGroup ?? "",
          money(b.credited, lang),
          money(b.pending, lang),
          formatNumber(b.persons, lang),
          formatNumber(b.fteYears, lang),
          formatNumber(b.reportedMonths, lang),
          formatNumber(b.countedMonths, lang),
        ])}
      />
    </>
  );
}

export const monthsOf = (e: Pick<Entry, "reportedMonths" | "countedMonths">, lang: Lang): string =>
  e.reportedMonths === null
    ? "–"
    : `${formatNumber(e.reportedMonths, lang)} / ${e.countedMonths === null ? "–" : formatNumber(e.countedMonths, lang)}`;

function Entries({
  entries,
  names,
  reviewer,
  lang,
  m,
}: {
  entries: readonly Entry[];
  names: BlockNames;
  reviewer: boolean;
  lang: Lang;
  m: ContractMessages;
}) {
  if (!entries.length) return <Paragraph>{m.noEntries}</Paragraph>;
  return (
    <Table
      caption={m.entriesCaption}
      head={[
        m.colSubmitted,
        m.colBlock,
        m.colPeriod,
        m.colMonths,
        m.colValue,
        m.colStatus,
        ...(reviewer ? [m.colAction] : []),
      ]}
      numeric={[3, 4]}
      rows={entries.map((e) => [
        formatDate(e.submittedAt, lang),
        <>
          {names(e.blockId)}
          {e.candidateRef ? <br /> : null}
          {e.candidateRef ?? ""}
        </>,
        e.period,
        monthsOf(e, lang),
        money(e.value, lang),
        <>
          <EntryStatusBadge status={e.status} m={m} /> {e.overdue ? <OverdueBadge m={m} /> : null}
          {e.review ? (
            <>
              <br />
              {e.review.reason}
            </>
          ) : null}
        </>,
        ...(reviewer
          ? [
              e.status === "submitted" ? (
                <a
                  class="utrecht-link utrecht-link--html-a"
                  href={reviewPath(e.contractId, e.id)}
                  aria-label={m.reviewLinkLabel(e.id)}
                >
                  {m.reviewLink}
                </a>
              ) : (
                ""
              ),
            ]
          : []),
      ])}
    />
  );
}
