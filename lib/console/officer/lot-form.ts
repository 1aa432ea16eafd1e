import type { InternalTenderResponse } from "../../schemas/responses/tenders.js";
import { parseDecimal } from "../forms.js";
import type { Lang } from "../i18n.js";
import { awardModelOf, defined, filled, money, plain, valuesOfModel } from "./tender-form.js";

/**
 * The wizard's lots: rows `lots.<row>.id/title/estimatedValue`, each with the tender's award model
 * unless `lots.<row>.ownModel` is ticked, then its own under `lots.<row>.awardModel`. Rows without a
 * title are skipped; with no lot filled the tender is one lot (the API's default).
 */

type Values = Record<string, string>;

/** How many lot rows the form shows: the filled ones, one empty row more when asked. */
export function lotRows(values: Values, addOne = false): number {
  let last = -1;
  for (const name of Object.keys(values)) {
    const row = /^lots\.(\d+)\.title$/.exec(name);
    if (row && filled(values, name)) last = Math.max(last, Number(row[1]));
  }
  return Math.max(1, last + 1 + (addOne ? 1 : 0));
}

export const ownModel = (values: Values, row: number) => values[`lots.${row}.ownModel`] === "true";

export interface ParsedLots {
  lots?: {
    id: string;
    title: string;
    estimatedValue: ReturnType<typeof money>;
    awardModel: ReturnType<typeof awardModelOf>["awardModel"];
  }[];
  /** The form row of each lot sent, and of each of its criteria. */
  lotRow: number[];
  lotCriterionRow: number[][];
}

export function lotsOf(values: Values, lang: Lang): ParsedLots {
  const lotRow: number[] = [];
  const lotCriterionRow: number[][] = [];
  const lots = [];
  const tenderModel = awardModelOf(values, lang);
  for (let row = 0; row < lotRows(values); row++) {
    const l = `lots.${row}`;
    if (!filled(values, `${l}.title`)) continue;
    const model = ownModel(values, row) ? awardModelOf(values, lang, `${l}.awardModel`) : tenderModel;
    lotRow.push(row);
    lotCriterionRow.push(model.criterionRow);
    lots.push(
      defined({
        id: (values[`${l}.id`] ?? "").trim() || String(row + 1),
        title: (values[`${l}.title`] ?? "").trim(),
        estimatedValue: money(parseDecimal(values[`${l}.estimatedValue`], lang)),
        awardModel: model.awardModel,
      }) as NonNullable<ParsedLots["lots"]>[number],
    );
  }
  return { lots: lots.length ? lots : undefined, lotRow, lotCriterionRow };
}

/** An API path under `lots.<i>` back to the form row (and the lot's own criterion rows). */
export function fieldOfLotPath(parsed: ParsedLots, field: string): string | undefined {
  const lot = /^lots\.(\d+)(.*)$/.exec(field);
  if (!lot) return undefined;
  const i = Number(lot[1]);
  const row = parsed.lotRow[i] ?? i;
  const criterion = /^\.awardModel\.criteria\.(\d+)(.*)$/.exec(lot[2]!);
  if (criterion) {
    const c = parsed.lotCriterionRow[i]?.[Number(criterion[1])] ?? criterion[1];
    return `lots.${row}.awardModel.criteria.${c}${criterion[2]}`;
  }
  return `lots.${row}${lot[2]}`;
}

/** A stored tender's lots as the form's rows (a tender of one lot shows none: it is the tender). */
export function valuesOfLots(tender: InternalTenderResponse, lang: Lang): Values {
  if (tender.lots.length < 2) return {};
  const v: Values = {};
  const same = (a: unknown) => JSON.stringify(a) === JSON.stringify(tender.awardModel);
  tender.lots.forEach((lot, row) => {
    const l = `lots.${row}`;
    v[`${l}.id`] = lot.id;
    v[`${l}.title`] = lot.title;
    v[`${l}.estimatedValue`] = plain(lot.estimatedValue.amount, lang);
    if (!same(lot.awardModel)) {
      v[`${l}.ownModel`] = "true";
      Object.assign(v, valuesOfModel(lot.awardModel, lang, `${l}.awardModel`));
    }
  });
  if (tender.maxLotsPerSupplier !== null) v.maxLotsPerSupplier = String(tender.maxLotsPerSupplier);
  return v;
}
