import type { ValuationResponse } from "../../schemas/responses/sroi.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import type { Problem } from "../api.js";
import { Heading, Paragraph, Table } from "../components.js";
import { centsOf, formatMoney, formatPercent, inLang, type Lang } from "../i18n.js";
import type { PageContext } from "../page.js";
import { supplier } from "./messages.js";
import { fieldOfPath, type ParsedOffer } from "./offer.js";

/** An offer valued by the API (POST /v1/sroi/valuate), or the API's reason it cannot be yet. */
export interface OfferValuation {
  offer: ParsedOffer;
  valuation?: ValuationResponse;
  problem?: Problem;
}

/** Values the offer's lines with the catalogue version; nothing to value without lines or a catalogue. */
export async function valuateOffer(
  ctx: PageContext,
  catalogue: CatalogueResponse | undefined,
  offer: ParsedOffer,
): Promise<OfferValuation> {
  if (!catalogue || !offer.lines.length) return { offer };
  const answer = await ctx.api.send<ValuationResponse>("POST", "/v1/sroi/valuate", {
    catalogue: { id: catalogue.id, version: catalogue.version },
    lines: offer.lines,
  });
  return answer.ok ? { offer, valuation: answer.body } : { offer, problem: answer.problem };
}

/**
 * The offer's value per line and in total, as a share of the price when one is given. The same
 * fragment is rendered in the page and answered to the script that refreshes it as the supplier types.
 */
export function OfferValue({
  lang,
  result,
  priceCents,
  blockLabels,
}: {
  lang: Lang;
  result: OfferValuation;
  priceCents: number | undefined;
  blockLabels: ReadonlyMap<string, string>;
}) {
  const m = inLang(supplier, lang);
  const { valuation, problem, offer } = result;
  return (
    <>
      <Heading level={3}>{m.valuationTitle}</Heading>
      {problem ? (
        <>
          <Paragraph>{m.valuationRefused}</Paragraph>
          <ul class="utrecht-unordered-list">
            {(problem.errors?.length
              ? problem.errors
              : [{ path: "", message: problem.detail ?? problem.title }]
            ).map((e) => {
              const field = fieldOfPath(e.path.replace(/^body\./, ""), offer.rows);
              const row = /^lines\.(\d+)\./.exec(field)?.[1];
              return (
                <li class="utrecht-unordered-list__item">
                  {row === undefined ? e.message : `${m.offerLine(Number(row) + 1)}: ${e.message}`}
                </li>
              );
            })}
          </ul>
        </>
      ) : valuation ? (
        <>
          <Table
            caption={m.valuationCaption}
            head={[m.colLine, m.colBlock, m.colFormula, m.colAmount]}
            numeric={[3]}
            rows={[
              ...valuation.lines.map((line, i) => [
                String((offer.rows[i] ?? i) + 1),
                blockLabels.get(line.blockId) ?? line.blockId,
                line.formula,
                formatMoney(centsOf(line.value.amount), lang),
              ]),
              [
                m.valuationTotal,
                "",
                "",
                <strong>{formatMoney(centsOf(valuation.total.amount), lang)}</strong>,
              ],
            ]}
          />
          {priceCents ? (
            <Paragraph>
              {m.valuationOfPrice(formatPercent(centsOf(valuation.total.amount) / priceCents, lang))}
            </Paragraph>
          ) : null}
          <Paragraph>{m.valuationCatalogue(valuation.catalogue.name, valuation.catalogue.version)}</Paragraph>
        </>
      ) : (
        <Paragraph>{m.valuationEmpty}</Paragraph>
      )}
    </>
  );
}
