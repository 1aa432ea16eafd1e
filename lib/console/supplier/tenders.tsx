import { randomUUID } from "node:crypto";
import { render } from "preact-render-to-string";
import { bidIdFor } from "../../domain/lots.js";
import { PSO_LEVELS } from "../../domain/sroi/pso.js";
import type { BidResponse, TenderResponse } from "../../schemas/responses/tenders.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  ErrorSummary,
  Fieldset,
  Form,
  Heading,
  Link,
  PageScript,
  Paragraph,
  SelectField,
  StatusBadge,
  Table,
  TextField,
} from "../components.js";
import { type FormState, emptyForm, errorOf, formStateOf, parseDecimal } from "../forms.js";
import {
  centsOf,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  inLang,
  type Lang,
} from "../i18n.js";
import { common } from "../messages.js";
import { type HtmlResult, type PageContext, type PageResult, redirectTo } from "../page.js";
import {
  blockChoices,
  certificateScheme,
  type Lot,
  offerCatalogue,
  organisationNames,
  ownBids,
  publishedTenders,
  seg,
  formStatus,
} from "./data.js";
import { supplier } from "./messages.js";
import { bidBody, fieldOfPath, LINE_FIELDS, MAX_LINES, MIN_LINES, parseOffer, rowCount } from "./offer.js";
import { OfferValue, type OfferValuation, valuateOffer } from "./valuation.js";

const tenderPath = (tenderId: string) => `/console/supplier/tenders/${seg(tenderId)}`;

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

/** What the bid page needs: the tender, the chosen lot, its catalogue and the supplier's bid on it. */
interface BidContext {
  tender: TenderResponse;
  buyer: string;
  lot: Lot;
  catalogue: CatalogueResponse | undefined;
  scheme: string | undefined;
  bid: BidResponse | undefined;
}

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

const priceCentsOf = (text: string | null, lang: Lang) => {
  const price = parseDecimal(text, lang);
  return price === undefined || Number.isNaN(price) || price <= 0 ? undefined : centsOf(price);
};

const labelsOf = (catalogue: CatalogueResponse | undefined) =>
  new Map(blockChoices(catalogue).map((c) => [c.value, c.label]));

function notFound(ctx: PageContext): HtmlResult {
  const m = inLang(common, ctx.lang);
  return {
    status: 404,
    title: m.notFoundTitle,
    body: (
      <>
        <Heading level={1}>{m.notFoundTitle}</Heading>
        <Paragraph>{m.notFoundText}</Paragraph>
      </>
    ),
  };
}

function socialReturnText(lot: Lot, lang: Lang): string {
  const m = inLang(supplier, lang);
  const sr = lot.awardModel.socialReturn;
  if (!sr) return m.socialReturnNone;
  if (sr.mode === "minimum" && sr.percentOfPrice !== undefined)
    return m.socialReturnMinimum(formatPercent(sr.percentOfPrice / 100, lang));
  return m.socialReturnAwarded;
}

function renderBidPage(
  ctx: PageContext,
  { tender, buyer, lot, catalogue, scheme, bid }: BidContext,
  state: FormState,
  valuation: OfferValuation,
  rows: number,
): HtmlResult {
  const m = inLang(supplier, ctx.lang);
  const c = inLang(common, ctx.lang);
  const lang = ctx.lang;
  const v = (name: string) => state.values[name];
  const err = (name: string) => errorOf(state, name);
  const open = tender.phase === "published";
  const blocks = blockChoices(catalogue);
  const lineCount = Math.min(MAX_LINES, Math.max(MIN_LINES, rows));
  const notice = ctx.query.get("notice");
  return {
    title: m.tenderOpen(tender.reference),
    body: (
      <>
        <Heading level={1}>{m.tenderOpen(tender.reference)}</Heading>
        {notice ? <Alert kind="ok">{notice}</Alert> : null}
        <ErrorSummary title={c.errorSummaryTitle} errors={state.errors} detail={state.detail} />
        <Heading level={2}>{m.tenderDetails}</Heading>
        <DataList
          items={[
            { term: m.colTitle, value: tender.title },
            { term: m.termBuyer, value: buyer },
            { term: m.termCpv, value: tender.cpvCode },
            { term: m.termValue, value: formatMoney(centsOf(lot.estimatedValue.amount), lang) },
            {
              term: m.termPeriod,
              value: m.periodText(
                formatDate(tender.contractPeriod.startDate, lang),
                formatDate(tender.contractPeriod.endDate, lang),
              ),
            },
            { term: m.termDeadline, value: formatDateTime(tender.submissionDeadline, lang) },
            { term: m.termSocialReturn, value: socialReturnText(lot, lang) },
          ]}
        />
        {tender.lots.length > 1 ? (
          <ul class="utrecht-unordered-list">
            {tender.lots.map((l) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`${tenderPath(tender.id)}?lot=${seg(l.id)}`} current={l.id === lot.id}>
                  {`${m.fieldLot} ${l.id}: ${l.title}`}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {!open ? (
          <Alert kind="warning">{m.tenderClosed}</Alert>
        ) : (
          <>
            <Heading level={2}>
              {tender.lots.length > 1 ? `${m.bidFormTitle}: ${m.fieldLot} ${lot.id}` : m.bidFormTitle}
            </Heading>
            {bid ? <Paragraph>{m.bidReplaceIntro(formatDateTime(bid.updatedAt, lang))}</Paragraph> : null}
            <form
              class="utrecht-form"
              method="post"
              action={`${tenderPath(tender.id)}/bid`}
              novalidate
              data-offer-value={`${tenderPath(tender.id)}/offer-value`}
              aria-label={m.bidFormTitle}
            >
              <input type="hidden" name="_csrf" value={ctx.session!.csrf} />
              <input type="hidden" name="_idempotency" value={ctx.form.get("_idempotency") ?? randomUUID()} />
              <input type="hidden" name="lotId" value={lot.id} />
              {bid || state.values.bidVersion ? (
                <input
                  type="hidden"
                  name="bidVersion"
                  value={state.values.bidVersion ?? String(bid!.version)}
                />
              ) : null}
              <TextField
                name="price"
                label={m.fieldPrice}
                description={m.fieldPriceHint}
                inputMode="decimal"
                value={v("price")}
                error={err("price")}
                required
              />
              <SelectField
                name="psoLevel"
                label={m.fieldPso}
                value={v("psoLevel")}
                error={err("psoLevel")}
                options={[
                  { value: "", label: m.fieldPsoNone },
                  ...PSO_LEVELS.map((l) => ({ value: l, label: l })),
                ]}
              />
              <TextField
                name="psoCertificateValidUntil"
                label={m.fieldPsoValid}
                description={m.fieldPsoValidHint}
                type="date"
                value={v("psoCertificateValidUntil")}
                error={err("psoCertificateValidUntil")}
              />
              {scheme ? (
                <>
                  <input type="hidden" name="certificateScheme" value={scheme} />
                  <TextField
                    name="certificateLevel"
                    label={m.fieldCertificate(scheme)}
                    description={m.fieldCertificateHint}
                    inputMode="numeric"
                    value={v("certificateLevel")}
                    error={err("certificateLevel")}
                  />
                </>
              ) : null}
              {lot.awardModel.corrections?.mki ? (
                <TextField
                  name="mki"
                  label={m.fieldMki}
                  inputMode="decimal"
                  value={v("mki")}
                  error={err("mki")}
                />
              ) : null}
              {catalogue ? (
                <Fieldset legend={m.offerLegend}>
                  <Paragraph>{m.offerIntro}</Paragraph>
                  {Array.from({ length: lineCount }, (_, row) => (
                    <Fieldset legend={m.offerLine(row + 1)}>
                      <SelectField
                        name={`lines.${row}.blockId`}
                        label={m.fieldBlock}
                        value={v(`lines.${row}.blockId`)}
                        error={err(`lines.${row}.blockId`)}
                        options={[{ value: "", label: m.fieldBlockNone }, ...blocks]}
                      />
                      {LINE_FIELDS.map((field) => (
                        <TextField
                          name={`lines.${row}.${field}`}
                          label={
                            {
                              fte: m.fieldFte,
                              months: m.fieldMonths,
                              hours: m.fieldHours,
                              units: m.fieldUnits,
                            }[field]
                          }
                          inputMode="decimal"
                          value={v(`lines.${row}.${field}`)}
                          error={err(`lines.${row}.${field}`)}
                        />
                      ))}
                    </Fieldset>
                  ))}
                  <ButtonGroup>
                    <Button kind="secondary" name="_action" value="add-line">
                      {m.addLine}
                    </Button>
                    <Button kind="secondary" name="_action" value="valuate">
                      {m.valuate}
                    </Button>
                  </ButtonGroup>
                  <PageScript name="offer-value" />
                  <div id="offer-value" class="ip-offer-value" aria-live="polite">
                    <OfferValue
                      lang={lang}
                      result={valuation}
                      priceCents={priceCentsOf(v("price") ?? null, lang)}
                      blockLabels={labelsOf(catalogue)}
                    />
                  </div>
                </Fieldset>
              ) : null}
              <ButtonGroup>
                <Button name="_action" value="submit">
                  {bid ? m.replaceBid : m.submitBid}
                </Button>
              </ButtonGroup>
            </form>
            {bid ? (
              <Form
                action={`${tenderPath(tender.id)}/withdraw`}
                csrf={ctx.session!.csrf}
                label={m.withdrawTitle}
              >
                <input type="hidden" name="lotId" value={lot.id} />
                <Heading level={2}>{m.withdrawTitle}</Heading>
                <Paragraph>{m.withdrawIntro}</Paragraph>
                <Button kind="danger">{m.withdrawBid}</Button>
              </Form>
            ) : null}
          </>
        )}
      </>
    ),
  };
}
