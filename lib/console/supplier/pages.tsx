import type * as z from "zod";
import type { contractListResponse } from "../../schemas/responses/contracts.js";
import { ButtonLink, Heading, Link, Paragraph, StatusBadge, Table } from "../components.js";
import { centsOf, formatDateTime, formatMoney, formatPercent, inLang, type Lang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, NavItem, PageContext } from "../page.js";
import {
  bodyOf,
  organisationNames,
  ownBids,
  publishedTenders,
  seg,
  tenderPath,
  contractPath,
} from "./data.js";
import { supplier } from "./messages.js";
import { entryPage, entryPost } from "./entry.js";
import { realisationPage } from "./realisation.js";
import { statementPage } from "./statement.js";
import { bidPage, bidPost, offerValuePost, withdrawPost } from "./bid.js";
import { tendersPage } from "./tenders.js";
import { uploadPage, uploadPost } from "./upload.js";

const SUPPLIER = ["supplier"] as const;
const page = (method: "GET" | "POST", path: string, handle: ConsolePage["handle"]): ConsolePage => ({
  method,
  path,
  access: SUPPLIER,
  handle,
});

/** The supplier's pages under /console/supplier/. */
export const supplierPages: ConsolePage[] = [
  page("GET", "/console/supplier/tenders", tendersPage),
  page("GET", "/console/supplier/tenders/{tenderId}", bidPage),
  page("POST", "/console/supplier/tenders/{tenderId}/bid", bidPost),
  page("POST", "/console/supplier/tenders/{tenderId}/offer-value", offerValuePost),
  page("POST", "/console/supplier/tenders/{tenderId}/withdraw", withdrawPost),
  page("GET", "/console/supplier/bids", bidsPage),
  page("GET", "/console/supplier/contracts/{contractId}", realisationPage),
  page("GET", "/console/supplier/contracts/{contractId}/entries/new", entryPage),
  page("POST", "/console/supplier/contracts/{contractId}/entries/new", entryPost),
  page("GET", "/console/supplier/contracts/{contractId}/entries/upload", uploadPage),
  page("POST", "/console/supplier/contracts/{contractId}/entries/upload", uploadPost),
  page("GET", "/console/supplier/statement", statementPage),
];

/** The supplier's links in the header. */
export const supplierNav: NavItem[] = [
  {
    href: "/console/supplier/tenders",
    label: { nl: supplier.nl.navTenders, en: supplier.en.navTenders },
    roles: SUPPLIER,
  },
  {
    href: "/console/supplier/bids",
    label: { nl: supplier.nl.navBids, en: supplier.en.navBids },
    roles: SUPPLIER,
  },
  {
    href: "/console/supplier/statement",
    label: { nl: supplier.nl.navStatement, en: supplier.en.navStatement },
    roles: SUPPLIER,
  },
];

type ContractListResponse = z.output<typeof contractListResponse>;
type ContractRow = ContractListResponse["items"][number];

/** The supplier's contracts with their balance and a link to report realisation on each. */
export function ContractsTable({
  lang,
  contracts,
  buyers,
}: {
  lang: Lang;
  contracts: readonly ContractRow[];
  buyers: ReadonlyMap<string, string>;
}) {
  const m = inLang(supplier, lang);
  return (
    <Table
      caption={m.contractsCaption}
      head={[m.colReference, m.colBuyer, m.colObligation, m.colRealised, m.colStatus, m.colAction]}
      numeric={[2, 3]}
      rows={contracts.map((c) => [
        c.reference,
        buyers.get(c.buyerId) ?? c.buyerId,
        formatMoney(centsOf(c.balance.obligation.amount), lang),
        `${formatMoney(centsOf(c.balance.credited.amount), lang)}${
          c.balance.fulfilmentPercent === null
            ? ""
            : ` (${formatPercent(c.balance.fulfilmentPercent / 100, lang)})`
        }`,
        <StatusBadge
          kind={c.balance.status === "behind" || c.balance.status === "shortfall" ? "warning" : "neutral"}
        >
          {m.balanceStatus(c.balance.status)}
        </StatusBadge>,
        <Link href={contractPath(c.id)}>{m.reportRealisation(c.reference)}</Link>,
      ])}
    />
  );
}

/** The supplier's overview at /console/: open tenders, its bids, its contracts. */
export async function supplierHome(ctx: PageContext): Promise<HtmlResult> {
  const c = inLang(common, ctx.lang);
  const m = inLang(supplier, ctx.lang);
  const [tenders, contracts, me] = await Promise.all([
    publishedTenders(ctx),
    ctx.api.get<ContractListResponse>("/v1/contracts?limit=100"),
    organisationNames(ctx, [ctx.session!.org]),
  ]);
  const open = tenders.filter((t) => t.phase === "published").length;
  const items = bodyOf(contracts, "contracts").items;
  const buyers = await organisationNames(
    ctx,
    items.map((i) => i.buyerId),
  );
  return {
    title: c.homeTitle,
    body: (
      <>
        <Heading level={1}>{c.homeTitle}</Heading>
        <Paragraph lead>{m.homeIntro(me.get(ctx.session!.org) ?? ctx.session!.org)}</Paragraph>
        <Heading level={2}>{m.tendersTitle}</Heading>
        <Paragraph>{m.homeOpenTenders(open)}</Paragraph>
        <Paragraph>
          <Link href="/console/supplier/tenders">{m.homeTendersLink}</Link>
          {" · "}
          <Link href="/console/supplier/bids">{m.homeBidsLink}</Link>
        </Paragraph>
        <Heading level={2}>{m.homeContracts}</Heading>
        {items.length ? (
          <ContractsTable lang={ctx.lang} contracts={items} buyers={buyers} />
        ) : (
          <Paragraph>{m.homeNoContracts}</Paragraph>
        )}
        <Paragraph>
          <ButtonLink href="/console/supplier/statement">{m.navStatement}</ButtonLink>
        </Paragraph>
      </>
    ),
  };
}

/** The supplier's bids on every published tender it sees, with their status. */
async function bidsPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(supplier, ctx.lang);
  const tenders = await publishedTenders(ctx);
  const bids = await Promise.all(tenders.map((t) => ownBids(ctx, t.id)));
  const rows = tenders.flatMap((t, i) => bids[i]!.map((bid) => ({ tender: t, bid })));
  return {
    title: m.bidsTitle,
    body: (
      <>
        <Heading level={1}>{m.bidsTitle}</Heading>
        <Paragraph>{m.bidsIntro}</Paragraph>
        {rows.length ? (
          <Table
            caption={m.bidsCaption}
            head={[m.colTender, m.colTitle, m.colDeadline, m.colPrice, m.colSubmitted, m.colStatus]}
            numeric={[3]}
            rows={rows.map(({ tender, bid }) => [
              <Link href={`${tenderPath(tender.id)}${bid.lotId === "1" ? "" : `?lot=${seg(bid.lotId)}`}`}>
                {tender.lots.length > 1 ? `${tender.reference} (${bid.lotId})` : tender.reference}
              </Link>,
              tender.title,
              formatDateTime(tender.submissionDeadline, ctx.lang),
              formatMoney(centsOf(bid.content.price.amount), ctx.lang),
              formatDateTime(bid.updatedAt, ctx.lang),
              <StatusBadge kind={bid.status === "submitted" ? "neutral" : "warning"}>
                {bid.status === "submitted" ? m.bidSubmitted : m.bidWithdrawn}
              </StatusBadge>,
            ])}
          />
        ) : (
          <Paragraph>{m.bidsNone}</Paragraph>
        )}
      </>
    ),
  };
}
