import { randomUUID } from "node:crypto";
import { PSO_LEVELS } from "../../domain/sroi/pso.js";
import type { BidResponse, TenderResponse } from "../../schemas/responses/tenders.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import { Alert, ButtonGroup, DataList, Heading, Link, PageScript, Paragraph } from "../components.js";
import { Button, FormErrors, Fieldset, Form, SelectField, TextField } from "../form-fields.js";
import { type FormState, parseDecimal, bound } from "../forms.js";
import {
  centsOf,
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  inLang,
  type Lang,
} from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { blockChoices, type Lot, seg, tenderPath } from "./data.js";
import { supplier } from "./messages.js";
import { LINE_FIELDS, MAX_LINES, MIN_LINES } from "./offer.js";
import { OfferValue, type OfferValuation } from "./valuation.js";

/** The bid page as HTML: the tender's details, the bid form with its valued offer lines, the withdraw form. */

/** What the bid page needs: the tender, the chosen lot, its catalogue and the supplier's bid on it. */
export interface BidContext {
  tender: TenderResponse;
  buyer: string;
  lot: Lot;
  catalogue: CatalogueResponse | undefined;
  scheme: string | undefined;
  bid: BidResponse | undefined;
}

export const priceCentsOf = (text: string | null, lang: Lang) => {
  const price = parseDecimal(text, lang);
  return price === undefined || Number.isNaN(price) || price <= 0 ? undefined : centsOf(price);
};

export const labelsOf = (catalogue: CatalogueResponse | undefined) =>
  new Map(blockChoices(catalogue).map((c) => [c.value, c.label]));

function socialReturnText(lot: Lot, lang: Lang): string {
  const m = inLang(supplier, lang);
  const sr = lot.awardModel.socialReturn;
  if (!sr) return m.socialReturnNone;
  if (sr.mode === "minimum" && sr.percentOfPrice !== undefined)
    return m.socialReturnMinimum(formatPercent(sr.percentOfPrice / 100, lang));
  return m.socialReturnAwarded;
}

export function renderBidPage(
  ctx: PageContext,
  { tender, buyer, lot, catalogue, scheme, bid }: BidContext,
  state: FormState,
  valuation: OfferValuation,
  rows: number,
): HtmlResult {
  const m = inLang(supplier, ctx.lang);
  const lang = ctx.lang;
  const v = (name: string) => state.values[name];
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
        <FormErrors lang={ctx.lang} state={state} />
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
                {...bound(state, "price")}
                label={m.fieldPrice}
                description={m.fieldPriceHint}
                inputMode="decimal"
                required
              />
              <SelectField
                {...bound(state, "psoLevel")}
                label={m.fieldPso}
                options={[
                  { value: "", label: m.fieldPsoNone },
                  ...PSO_LEVELS.map((l) => ({ value: l, label: l })),
                ]}
              />
              <TextField
                {...bound(state, "psoCertificateValidUntil")}
                label={m.fieldPsoValid}
                description={m.fieldPsoValidHint}
                type="date"
              />
              {scheme ? (
                <>
                  <input type="hidden" name="certificateScheme" value={scheme} />
                  <TextField
                    {...bound(state, "certificateLevel")}
                    label={m.fieldCertificate(scheme)}
                    description={m.fieldCertificateHint}
                    inputMode="numeric"
                  />
                </>
              ) : null}
              {lot.awardModel.corrections?.mki ? (
                <TextField {...bound(state, "mki")} label={m.fieldMki} inputMode="decimal" />
              ) : null}
              {catalogue ? (
                <Fieldset legend={m.offerLegend}>
                  <Paragraph>{m.offerIntro}</Paragraph>
                  {Array.from({ length: lineCount }, (_, row) => (
                    <Fieldset legend={m.offerLine(row + 1)}>
                      <SelectField
                        {...bound(state, `lines.${row}.blockId`)}
                        label={m.fieldBlock}
                        options={[{ value: "", label: m.fieldBlockNone }, ...blocks]}
                      />
                      {LINE_FIELDS.map((field) => (
                        <TextField
                          {...bound(state, `lines.${row}.${field}`)}
                          label={
                            {
                              fte: m.fieldFte,
                              months: m.fieldMonths,
                              hours: m.fieldHours,
                              units: m.fieldUnits,
                            }[field]
                          }
                          inputMode="decimal"
                        />
                      ))}
                    </Fieldset>
                  ))}
                  {/* Enter in a field presses the form's first button: valuing the offer changes nothing. */}
                  <ButtonGroup>
                    <Button kind="secondary" name="_action" value="valuate">
                      {m.valuate}
                    </Button>
                    <Button kind="secondary" name="_action" value="add-line">
                      {m.addLine}
                    </Button>
                  </ButtonGroup>
                  <PageScript name="live-region" />
                  <div
                    id="offer-value"
                    class="ip-offer-value"
                    aria-live="polite"
                    data-live-url={`${tenderPath(tender.id)}/offer-value`}
                    data-live-fields="price lines."
                  >
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
