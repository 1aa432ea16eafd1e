import type * as z from "zod";
import { amsterdamDate } from "../../domain/amsterdam-time.js";
import type { contractListResponse } from "../../schemas/responses/contracts.js";
import type { liveFiguresResponse } from "../../schemas/responses/reports.js";
import type { Problem } from "../api.js";
import { ButtonGroup, Heading, Paragraph, StatusBadge, Table } from "../components.js";
import { Button, FormErrors, TextField } from "../form-fields.js";
import { errorOf, formStateOf } from "../forms.js";
import { formatMoney, formatPercent, inLang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { bodyOf, formStatus, seg } from "./data.js";
import { supplier } from "./messages.js";

type Figures = z.output<typeof liveFiguresResponse>;

/**
 * The supplier's statement across buyers: the live figures of its own scope (GET
 * /v1/regions/{regionId}/figures?scope=supplier) in every region it holds contracts in.
 */
export async function statementPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(supplier, ctx.lang);
  const lang = ctx.lang;
  const today = amsterdamDate(ctx.now);
  const from = ctx.query.get("from") ?? `${today.slice(0, 4)}-01`;
  const to = ctx.query.get("to") ?? today.slice(0, 7);
  const contracts = bodyOf(
    await ctx.api.get<z.output<typeof contractListResponse>>("/v1/contracts?limit=500"),
    "contracts",
  ).items;
  const regions = [...new Set(contracts.map((k) => k.regionId))].sort();
  const params = new URLSearchParams({ from, to, scope: "supplier", scopeId: ctx.session!.org });
  const answers = await Promise.all(
    regions.map((r) => ctx.api.get<Figures>(`/v1/regions/${seg(r)}/figures?${params}`)),
  );
  const problem: Problem | undefined =
    answers.find((a) => !a.ok)?.ok === false
      ? (answers.find((a) => !a.ok) as { problem: Problem }).problem
      : undefined;
  const state = problem ? formStateOf(problem, new URLSearchParams({ from, to })) : undefined;
  const figures = answers.flatMap((a) => (a.ok ? [a.body] : []));
  const money = (cents: number) => formatMoney(cents, lang);
  const percent = (p: number | null) => (p === null ? "–" : formatPercent(p / 100, lang));
  return {
    title: m.statementTitle,
    ...(problem ? { status: formStatus(problem) } : {}),
    body: (
      <>
        <Heading level={1}>{m.statementTitle}</Heading>
        {state ? <FormErrors lang={ctx.lang} state={state} /> : null}
        <Paragraph>{m.statementIntro}</Paragraph>
        <form
          class="utrecht-form"
          method="get"
          action="/console/supplier/statement"
          aria-label={m.showStatement}
        >
          <TextField
            name="from"
            label={m.fieldFrom}
            description={m.fieldMonthHint}
            value={from}
            error={state ? errorOf(state, "from") : undefined}
          />
          <TextField
            name="to"
            label={m.fieldTo}
            description={m.fieldMonthHint}
            value={to}
            error={state ? errorOf(state, "to") : undefined}
          />
          <ButtonGroup>
            <Button kind="secondary">{m.showStatement}</Button>
          </ButtonGroup>
        </form>
        {!regions.length ? <Paragraph>{m.statementNone}</Paragraph> : null}
        {figures.map((f) => (
          <>
            <Heading level={2}>{m.statementRegion(f.region.name)}</Heading>
            <Table
              caption={m.statementBuyersCaption(f.region.name)}
              head={[
                m.colBuyer,
                m.colContracts,
                m.colAccepted,
                m.colPending,
                m.colCumulative,
                m.colObligation,
                m.colShortfall,
              ]}
              numeric={[1, 2, 3, 4, 5, 6]}
              rows={f.byMunicipality.map((g) => [
                g.name,
                String(g.contracts),
                money(g.current.acceptedCents),
                money(g.current.pendingCents),
                money(g.current.cumulativeAcceptedCents),
                money(g.current.obligationCents),
                money(g.current.shortfallCents),
              ])}
            />
            <Table
              caption={m.statementContractsCaption(f.region.name)}
              head={[
                m.colReference,
                m.colBuyer,
                m.colAccepted,
                m.colCumulative,
                m.colObligation,
                m.colFulfilment,
                m.colStatus,
              ]}
              numeric={[2, 3, 4, 5]}
              rows={f.contracts.map((k) => [
                k.reference,
                f.byMunicipality.find((g) => g.key === k.municipalityId)?.name ?? k.municipalityId,
                money(k.acceptedCents),
                money(k.cumulativeAcceptedCents),
                money(k.obligationCents),
                percent(k.fulfilmentPercent),
                <StatusBadge kind={k.atRisk ? "warning" : "neutral"}>
                  {m.balanceStatus(k.status)}
                </StatusBadge>,
              ])}
            />
          </>
        ))}
      </>
    ),
  };
}
