import type { BidResponse } from "../../schemas/responses/tenders.js";
import { Heading, Link, Paragraph, StatusBadge, Table } from "../components.js";
import { centsOf, formatDateTime, formatMoney, inLang, type Lang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { organisationNames, ownBids, publishedTenders, tenderPath } from "./data.js";
import { supplier } from "./messages.js";

/** Tenders open to the supplier: published, deadline not passed, the next deadline first. */
export async function tendersPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(supplier, ctx.lang);
  const open = (await publishedTenders(ctx))
    .filter((t) => t.phase === "published")
    .sort((a, b) => a.submissionDeadline.localeCompare(b.submissionDeadline));
  const [names, bids] = await Promise.all([
    organisationNames(
      ctx,
      open.map((t) => t.buyerId),
    ),
    Promise.all(open.map((t) => ownBids(ctx, t.id))),
  ]);
  return {
    title: m.tendersTitle,
    body: (
      <>
        <Heading level={1}>{m.tendersTitle}</Heading>
        <Paragraph>{m.tendersIntro}</Paragraph>
        {open.length ? (
          <Table
            caption={m.tendersCaption}
            head={[m.colReference, m.colTitle, m.colBuyer, m.colDeadline, m.colValue, m.colYourBid]}
            numeric={[4]}
            rows={open.map((t, i) => [
              <Link href={tenderPath(t.id)}>{t.reference}</Link>,
              t.title,
              names.get(t.buyerId) ?? t.buyerId,
              formatDateTime(t.submissionDeadline, ctx.lang),
              formatMoney(centsOf(t.estimatedValue.amount), ctx.lang),
              <BidBadge lang={ctx.lang} bids={bids[i]!} />,
            ])}
          />
        ) : (
          <Paragraph>{m.tendersNone}</Paragraph>
        )}
      </>
    ),
  };
}

export function BidBadge({ lang, bids }: { lang: Lang; bids: readonly BidResponse[] }) {
  const m = inLang(supplier, lang);
  if (!bids.length) return <StatusBadge>{m.bidNone}</StatusBadge>;
  const submitted = bids.some((b) => b.status === "submitted");
  return (
    <StatusBadge kind={submitted ? "neutral" : "warning"}>
      {submitted ? m.bidSubmitted : m.bidWithdrawn}
    </StatusBadge>
  );
}
