import { render } from "preact-render-to-string";
import { bidIdFor } from "../../domain/lots.js";
import type { BidResponse, TenderResponse } from "../../schemas/responses/tenders.js";
import { type FormState, emptyForm, formStateOf } from "../forms.js";
import { formatNumber, inLang, type Lang } from "../i18n.js";
import { type PageContext, type PageResult, redirectTo } from "../page.js";
import { type BidContext, labelsOf, priceCentsOf, renderBidPage } from "./bid-form.js";
import {
  certificateScheme,
  formStatus,
  offerCatalogue,
  organisationNames,
  ownBids,
  seg,
  tenderPath,
} from "./data.js";
import { supplier } from "./messages.js";
import { notFound } from "./not-found.js";
import { bidBody, fieldOfPath, LINE_FIELDS, parseOffer, rowCount } from "./offer.js";
import { OfferValue, valuateOffer } from "./valuation.js";

/** Bidding on a tender: the bid page, submitting or replacing a bid, its live value and withdrawing it. */

async function loadBidContext(ctx: PageContext): Promise<BidContext | undefined> {
  const answer = await ctx.api.get<TenderResponse>(`/v1/tenders/${seg(ctx.params.tenderId!)}`);
  if (!answer.ok) return undefined;
  const tender = answer.body;
  const lotId = ctx.form.get("lotId") ?? ctx.query.get("lot") ?? tender.lots[0]?.id;
  const lot = tender.lots.find((l) => l.id === lotId) ?? tender.lots[0]!;
  const [catalogue, scheme, bids, names] = await Promise.all([
    offerCatalogue(ctx, tender, lot),
    certificateScheme(ctx, lot),
    ownBids(ctx, tender.id),
    organisationNames(ctx, [tender.buyerId]),
  ]);
  const bid = bids.find((b) => b.lotId === lot.id && b.status === "submitted");
  return { tender, buyer: names.get(tender.buyerId) ?? tender.buyerId, lot, catalogue, scheme, bid };
}

/** The form's values from a stored bid, as the supplier would type them in its language. */
function valuesOfBid(bid: BidResponse, lang: Lang): Record<string, string> {
  const values: Record<string, string> = {
    price: formatNumber(bid.content.price.amount, lang),
    psoLevel: bid.content.psoLevel ?? "",
    psoCertificateValidUntil: bid.content.psoCertificateValidUntil ?? "",
  };
  const [level] = Object.values(bid.content.certificates ?? {});
  if (level !== undefined) values.certificateLevel = String(level);
  if (bid.content.mki) values.mki = formatNumber(bid.content.mki.amount, lang);
  (bid.content.socialReturnOffer ?? []).forEach((line, row) => {
    values[`lines.${row}.blockId`] = line.blockId;
    for (const field of LINE_FIELDS)
      if (line[field] !== undefined) values[`lines.${row}.${field}`] = formatNumber(line[field]!, lang, 4);
  });
  return values;
}

const valuesForm = (values: Record<string, string>) => new URLSearchParams(values);

export async function bidPage(ctx: PageContext): Promise<PageResult> {
  const loaded = await loadBidContext(ctx);
  if (!loaded) return notFound(ctx);
  const values = loaded.bid ? valuesOfBid(loaded.bid, ctx.lang) : {};
  const offer = parseOffer(valuesForm(values), ctx.lang);
  const valuation = await valuateOffer(ctx, loaded.catalogue, offer);
  return renderBidPage(ctx, loaded, emptyForm(values), valuation, rowCount(valuesForm(values)));
}

/** The bid form posted: add a line, value the offer, or submit (or change) the bid. */
export async function bidPost(ctx: PageContext): Promise<PageResult> {
  const loaded = await loadBidContext(ctx);
  if (!loaded) return notFound(ctx);
  const action = ctx.form.get("_action");
  const offer = parseOffer(ctx.form, ctx.lang);
  const rows = rowCount(ctx.form) + (action === "add-line" ? 1 : 0);
  const values = Object.fromEntries([...ctx.form].filter(([name]) => !name.startsWith("_")));
  if (action !== "submit") {
    const valuation = await valuateOffer(ctx, loaded.catalogue, offer);
    return renderBidPage(ctx, loaded, emptyForm(values), valuation, rows);
  }
  const body = bidBody(ctx.form, ctx.lang, offer);
  const tenderId = loaded.tender.id;
  // The version the form was rendered from: a change of that bid (stale → 409); none, a new bid, whose
  // idempotency key makes a double submit answer the same bid.
  const version = Number(ctx.form.get("bidVersion")) || undefined;
  const bidId = loaded.bid?.bidId ?? bidIdFor(ctx.session!.org, loaded.lot.id);
  const answer = version
    ? await ctx.api.send<BidResponse>("PUT", `/v1/tenders/${seg(tenderId)}/bids/${seg(bidId)}`, {
        ...body,
        version,
      })
    : await ctx.api.send<BidResponse>(
        "POST",
        `/v1/tenders/${seg(tenderId)}/bids`,
        { ...body, ...(loaded.tender.lots.length > 1 ? { lotId: loaded.lot.id } : {}) },
        { idempotencyKey: ctx.form.get("_idempotency") ?? undefined },
      );
  const m = inLang(supplier, ctx.lang);
  if (answer.ok)
    return redirectTo(
      `${tenderPath(tenderId)}${loaded.tender.lots.length > 1 ? `?lot=${seg(loaded.lot.id)}` : ""}`,
      version ? m.bidReplacedNotice : m.bidSubmittedNotice,
    );
  const state = formStateOf(answer.problem, ctx.form, (path) => fieldOfPath(path, offer.rows));
  const valuation = await valuateOffer(ctx, loaded.catalogue, offer);
  return {
    ...renderBidPage(ctx, loaded, state, valuation, rows),
    status: formStatus(answer.problem),
  };
}

/** For the script: the offer's value as an HTML fragment, rendered exactly as on the page. */
export async function offerValuePost(ctx: PageContext): Promise<PageResult> {
  const loaded = await loadBidContext(ctx);
  if (!loaded) return notFound(ctx);
  const offer = parseOffer(ctx.form, ctx.lang);
  const valuation = await valuateOffer(ctx, loaded.catalogue, offer);
  const html = render(
    <OfferValue
      lang={ctx.lang}
      result={valuation}
      priceCents={priceCentsOf(ctx.form.get("price"), ctx.lang)}
      blockLabels={labelsOf(loaded.catalogue)}
    />,
  );
  return { file: { bytes: Buffer.from(html, "utf8"), contentType: "text/html; charset=utf-8" } };
}

export async function withdrawPost(ctx: PageContext): Promise<PageResult> {
  const loaded = await loadBidContext(ctx);
  if (!loaded?.bid) return notFound(ctx);
  const answer = await ctx.api.send(
    "DELETE",
    `/v1/tenders/${seg(loaded.tender.id)}/bids/${seg(loaded.bid.bidId)}`,
  );
  if (!answer.ok) {
    const state: FormState = {
      values: valuesOfBid(loaded.bid, ctx.lang),
      errors: [],
      detail: answer.problem.detail ?? answer.problem.title,
    };
    const offer = parseOffer(valuesForm(state.values), ctx.lang);
    return {
      ...renderBidPage(
        ctx,
        loaded,
        state,
        await valuateOffer(ctx, loaded.catalogue, offer),
        offer.rows.length,
      ),
      status: formStatus(answer.problem),
    };
  }
  return redirectTo(tenderPath(loaded.tender.id), inLang(supplier, ctx.lang).bidWithdrawnNotice);
}
