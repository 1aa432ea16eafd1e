import type * as z from "zod";
import type { EntryResponse, entryListResponse } from "../../schemas/responses/entries.js";
import {
  Alert,
  ButtonGroup,
  ButtonLink,
  DataList,
  Heading,
  Paragraph,
  StatusBadge,
  Table,
} from "../components.js";
import { centsOf, formatDate, formatMoney, inLang } from "../i18n.js";
import type { PageContext, PageResult } from "../page.js";
import { contractPath, loadContract, organisationNames, seg } from "./data.js";
import { supplier } from "./messages.js";
import { notFound } from "./not-found.js";

/** Reporting realisation on a contract: the supplier's entries and the two ways to report more. */

/** Utrecht's default success badge lacks contrast on the neutral theme: accepted stays neutral, said in words. */
const statusKind = (status: string) =>
  status === "rejected" ? "danger" : status === "submitted" ? "warning" : "neutral";

/** The contract's summary, the supplier's entries and the two ways to report more. */
export async function realisationPage(ctx: PageContext): Promise<PageResult> {
  const contract = await loadContract(ctx);
  if (!contract) return notFound(ctx);
  const m = inLang(supplier, ctx.lang);
  const lang = ctx.lang;
  const [entries, buyers] = await Promise.all([
    ctx.api.get<z.output<typeof entryListResponse>>(`/v1/contracts/${seg(contract.id)}/entries?limit=500`),
    organisationNames(ctx, [contract.buyerId]),
  ]);
  const items = entries.ok ? entries.body.items : [];
  const notice = ctx.query.get("notice");
  return {
    title: m.realisationTitle(contract.reference),
    body: (
      <>
        <Heading level={1}>{m.realisationTitle(contract.reference)}</Heading>
        {notice ? <Alert kind="ok">{notice}</Alert> : null}
        <Paragraph>{m.realisationIntro}</Paragraph>
        <DataList
          items={[
            { term: m.colTitle, value: contract.title },
            { term: m.colBuyer, value: buyers.get(contract.buyerId) ?? contract.buyerId },
            {
              term: m.termPeriod,
              value: m.periodText(formatDate(contract.startDate, lang), formatDate(contract.endDate, lang)),
            },
            { term: m.colObligation, value: formatMoney(centsOf(contract.obligation.amount.amount), lang) },
          ]}
        />
        <ButtonGroup>
          <ButtonLink href={`${contractPath(contract.id)}/entries/new`} primary>
            {m.newEntryLink}
          </ButtonLink>
          <ButtonLink href={`${contractPath(contract.id)}/entries/upload`}>{m.uploadLink}</ButtonLink>
          <ButtonLink href={`/console/contracts/${seg(contract.id)}`}>{m.contractPageLink}</ButtonLink>
        </ButtonGroup>
        {items.length ? (
          <Table
            caption={m.entriesCaption}
            head={[m.colPeriod, m.colBlock, m.colCandidate, m.colDates, m.colAmount, m.colStatus]}
            numeric={[4]}
            rows={items.map((e: EntryResponse) => [
              e.period,
              e.blockId,
              e.candidateRef ?? "",
              `${formatDate(e.startDate, lang)} – ${formatDate(e.endDate, lang)}`,
              formatMoney(centsOf(e.value.amount), lang),
              <StatusBadge kind={statusKind(e.status)}>{m.entryStatus(e.status)}</StatusBadge>,
            ])}
          />
        ) : (
          <Paragraph>{m.entriesNone}</Paragraph>
        )}
      </>
    ),
  };
}
