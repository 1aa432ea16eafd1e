import type { z } from "zod";
import { DataList, Heading, StackedBar, Table } from "../lib/console/components.js";
import { centsOf, formatDate, formatMoney, formatPercent } from "../lib/console/i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../lib/console/page.js";
import type {
  BalanceResponse,
  ContractResponse,
  contractListResponse,
} from "../lib/schemas/responses/contracts.js";

/**
 * Pages for the console benchmark only (bench/console.ts): typical data pages built from the console's
 * components over real API answers, so the bench measures rendering with data whatever the role homes
 * call at the time. Not part of the console.
 */

type ContractList = z.output<typeof contractListResponse>;

const failed = (status: number): HtmlResult => ({
  status,
  title: "failed",
  body: <Heading level={1}>{`API ${status}`}</Heading>,
});

async function contractsTable(ctx: PageContext): Promise<HtmlResult> {
  const answer = await ctx.api.get<ContractList>("/v1/contracts?limit=50");
  if (!answer.ok) return failed(answer.problem.status);
  const money = (m: { amount: number }) => formatMoney(centsOf(m.amount), ctx.lang);
  return {
    title: "Contracts",
    body: (
      <>
        <Heading level={1}>Contracts</Heading>
        <Table
          caption="Contracts and their social return"
          head={["Reference", "Title", "Value", "Obligation", "Realised", "Fulfilment", "Ends"]}
          numeric={[2, 3, 4, 5]}
          rows={answer.body.items.map((c) => [
            c.reference,
            c.title,
            money(c.value),
            money(c.balance.obligation),
            money(c.balance.credited),
            c.balance.fulfilmentPercent === null
              ? ""
              : formatPercent(c.balance.fulfilmentPercent / 100, ctx.lang),
            formatDate(c.endDate, ctx.lang),
          ])}
        />
      </>
    ),
  };
}

async function contractPage(ctx: PageContext): Promise<HtmlResult> {
  const id = encodeURIComponent(ctx.params.contractId!);
  const [contract, balance] = await Promise.all([
    ctx.api.get<ContractResponse>(`/v1/contracts/${id}`),
    ctx.api.get<BalanceResponse>(`/v1/contracts/${id}/balance`),
  ]);
  if (!contract.ok) return failed(contract.problem.status);
  if (!balance.ok) return failed(balance.problem.status);
  const b = balance.body;
  const cents = (m: { amount: number }) => centsOf(m.amount);
  const money = (m: { amount: number }) => formatMoney(cents(m), ctx.lang);
  return {
    title: contract.body.title,
    body: (
      <>
        <Heading level={1}>{contract.body.title}</Heading>
        <DataList
          items={[
            { term: "Reference", value: contract.body.reference },
            { term: "Value", value: money(contract.body.value) },
            { term: "Obligation", value: money(b.obligation) },
            { term: "Realised", value: money(b.credited) },
            { term: "Pending", value: money(b.pending) },
            { term: "Shortfall", value: money(b.shortfall) },
          ]}
        />
        <StackedBar
          label={`${money(b.credited)} of ${money(b.obligation)}`}
          segments={[
            { value: cents(b.credited), kind: "a" },
            { value: cents(b.pending), kind: "b" },
          ]}
          total={Math.max(cents(b.obligation), cents(b.credited) + cents(b.pending))}
        />
        <Table
          caption="By target group"
          head={["Target group", "Realised", "Pending", "Persons"]}
          numeric={[1, 2, 3]}
          rows={b.byTargetGroup.map((g) => [g.targetGroup, money(g.credited), money(g.pending), g.persons])}
        />
      </>
    ),
  };
}

export const benchPages: ConsolePage[] = [
  { method: "GET", path: "/console/bench/contracts", access: ["officer"], handle: contractsTable },
  { method: "GET", path: "/console/bench/contracts/{contractId}", access: ["officer"], handle: contractPage },
];
