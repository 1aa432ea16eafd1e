import type * as z from "zod";
import type { contractListResponse } from "../../schemas/responses/contracts.js";
import { ButtonLink, ButtonGroup, Heading, Link, Paragraph, Table } from "../components.js";
import { centsOf, formatMoney, formatPercent, inLang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { officer } from "./messages.js";
import { listOwnTenders, TenderTable } from "./tenders.js";

/** Contracts whose balance is checked for the overview; more are on the contracts pages. */
const CONTRACTS_CHECKED = 50;
const BEHIND = new Set(["behind", "shortfall"]);
const ACTION_PHASES = ["draft", "closed", "opened", "evaluated", "award-intended"] as const;

/** The officer's overview: what needs action on its tenders, and its contracts behind on social return. */
export async function officerHome(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(officer, ctx.lang);
  const [tenders, contracts] = await Promise.all([
    listOwnTenders(ctx),
    ctx.api.get<z.output<typeof contractListResponse>>(`/v1/contracts?limit=${CONTRACTS_CHECKED}`),
  ]);
  const items = tenders.ok ? tenders.body.items : [];
  const count = (phase: string) => items.filter((t) => t.phase === phase).length;
  const todo = [
    [count("draft"), m.todoDrafts],
    [count("closed"), m.todoToOpen],
    [count("opened"), m.todoToScore],
    [count("evaluated"), m.todoToAward],
    [count("award-intended"), m.todoStandstill],
  ] as const;
  const needing = items.filter((t) => (ACTION_PHASES as readonly string[]).includes(t.phase));
  const contractItems = contracts.ok ? contracts.body.items : [];
  const behind = contractItems
    .filter((c) => BEHIND.has(c.balance.status))
    .map((contract) => ({ contract, balance: contract.balance }));
  return {
    title: m.homeTitle,
    body: (
      <>
        <Heading level={1}>{m.homeTitle}</Heading>
        <Paragraph>{m.homeIntro(ctx.session!.org)}</Paragraph>
        <Heading level={2}>{m.needsAction}</Heading>
        {todo.some(([n]) => n > 0) ? (
          <ul class="utrecht-unordered-list">
            {todo
              .filter(([n]) => n > 0)
              .map(([n, text]) => (
                <li class="utrecht-unordered-list__item">{text(n)}</li>
              ))}
          </ul>
        ) : (
          <Paragraph>{m.nothingToDo}</Paragraph>
        )}
        {needing.length ? <TenderTable tenders={needing} lang={ctx.lang} caption={m.myTenders} /> : null}
        <ButtonGroup>
          <ButtonLink href="/console/tenders/new" primary>
            {m.newTender}
          </ButtonLink>
          <ButtonLink href="/console/tenders">{m.allTenders}</ButtonLink>
        </ButtonGroup>
        <Heading level={2}>{m.myContracts}</Heading>
        {behind.length ? (
          <Table
            caption={m.contractsCaption}
            head={[m.contract, m.fulfilment, m.shortfall, m.balanceStatus]}
            numeric={[1, 2]}
            rows={behind.map(({ contract, balance }) => [
              <Link href={`/console/contracts/${encodeURIComponent(contract.id)}`}>
                {`${contract.reference}: ${contract.title}`}
              </Link>,
              balance.fulfilmentPercent === null
                ? "–"
                : formatPercent(balance.fulfilmentPercent / 100, ctx.lang),
              formatMoney(centsOf(balance.shortfall.amount), ctx.lang),
              m.balanceStatuses(balance.status),
            ])}
          />
        ) : (
          <Paragraph>{m.contractsNoneBehind}</Paragraph>
        )}
      </>
    ),
  };
}
