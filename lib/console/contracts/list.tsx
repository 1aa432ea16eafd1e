import type * as z from "zod";
import { BALANCE_STATUSES } from "../../domain/sroi/balance.js";
import type { contractListResponse } from "../../schemas/responses/contracts.js";
import { Alert, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, SelectField } from "../form-fields.js";
import { inLang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { BalanceBar, BalanceStatus, BarLegend, money, statusLabel } from "./balance.js";
import { apiFailure } from "./failure.js";
import { contractMessages } from "./messages.js";

type ContractList = z.output<typeof contractListResponse>;

export const contractPath = (contractId: string) => `/console/contracts/${encodeURIComponent(contractId)}`;

/** GET /console/contracts: the contracts the user's role sees, each with its balance (one API call per page). */
export async function contractList(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(contractMessages, ctx.lang);
  const role = ctx.session!.role;
  const status = BALANCE_STATUSES.find((s) => s === ctx.query.get("status"));
  const cursor = ctx.query.get("cursor") ?? undefined;
  const query = new URLSearchParams({ limit: "50" });
  if (status) query.set("status", status);
  if (cursor) query.set("cursor", cursor);
  const answer = await ctx.api.get<ContractList>(`/v1/contracts?${query}`);
  if (!answer.ok) return apiFailure(ctx, answer.problem);
  const { items, nextCursor } = answer.body;

  const intro =
    role === "supplier" ? m.listIntroSupplier : role === "auditor" ? m.listIntroAuditor : m.listIntroOfficer;
  const showBuyer = role !== "officer";
  const showSupplier = role !== "supplier";
  const head = [
    m.colContract,
    ...(showBuyer ? [m.colBuyer] : []),
    ...(showSupplier ? [m.colSupplier] : []),
    m.colObligation,
    m.colCredited,
    m.colPending,
    m.colProgress,
    m.colStatus,
  ];
  const firstMoney = 1 + Number(showBuyer) + Number(showSupplier);
  const rows = items.map((c) => [
    <>
      <Link href={contractPath(c.id)}>{c.reference}</Link>
      <br />
      {c.title}
    </>,
    ...(showBuyer ? [c.buyerId] : []),
    ...(showSupplier ? [c.supplierId] : []),
    money(c.balance.obligation, ctx.lang),
    money(c.balance.credited, ctx.lang),
    money(c.balance.pending, ctx.lang),
    <BalanceBar balance={c.balance} lang={ctx.lang} m={m} />,
    <BalanceStatus status={c.balance.status} m={m} />,
  ]);
  const next = new URLSearchParams();
  if (status) next.set("status", status);
  if (nextCursor) next.set("cursor", nextCursor);

  return {
    title: m.listTitle,
    body: (
      <>
        <Heading level={1}>{m.listTitle}</Heading>
        <Paragraph>{intro}</Paragraph>
        <form class="utrecht-form ip-filter" method="get" action="/console/contracts">
          <SelectField
            name="status"
            label={m.filterLabel}
            value={status ?? ""}
            options={[
              { value: "", label: m.filterAll },
              ...BALANCE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, m) })),
            ]}
          />
          <Button kind="secondary">{m.filterButton}</Button>
        </form>
        {status ? <Paragraph>{m.filteredNote}</Paragraph> : null}
        {items.length ? (
          <>
            <BarLegend m={m} />
            <Table
              caption={m.listCaption}
              head={head}
              rows={rows}
              numeric={[firstMoney, firstMoney + 1, firstMoney + 2]}
            />
          </>
        ) : (
          <Alert>{m.noContracts}</Alert>
        )}
        <Paging
          m={m}
          first={cursor ? `/console/contracts${status ? `?status=${status}` : ""}` : undefined}
          next={nextCursor ? `/console/contracts?${next}` : undefined}
        />
      </>
    ),
  };
}

/** Links to the next page (the API's opaque cursor) and back to the first. */
export function Paging({
  m,
  next,
  first,
}: {
  m: { nextPage: string; firstPage: string };
  next: string | undefined;
  first: string | undefined;
}) {
  if (!next && !first) return null;
  return (
    <Paragraph>
      {first ? <Link href={first}>{m.firstPage}</Link> : null}
      {first && next ? " · " : null}
      {next ? <Link href={next}>{m.nextPage}</Link> : null}
    </Paragraph>
  );
}
