import type * as z from "zod";
import type { InternalTenderResponse } from "../../schemas/responses/tenders.js";
import type { awardModelSchema } from "../../schemas/scoring.js";
import { parseDecimal } from "../forms.js";
import type { Lang } from "../i18n.js";
import { fieldOfLotPath, lotsOf, type ParsedLots, valuesOfLots } from "./lot-form.js";

/**
 * The tender wizard's plain form fields and the API bodies they make. Field names follow the API's
 * paths (`awardModel.criteria.0.maxPoints`), so a problem's field errors land on the right field;
 * money fields drop the API's `.amount`, and rows left empty are skipped (their indices mapped back).
 * Nothing is checked here: the API and its scoring engine judge the model.
 */

type AwardModel = z.input<typeof awardModelSchema>;
type Values = Record<string, string>;

/** Sample bids on the what-if: fixed labels, one row each. */
export const SAMPLE_BIDS = ["A", "B", "C", "D"] as const;
export const TIE_BREAKER_CHOICES = ["higher-quality", "lower-price", "earlier-submission"] as const;

export const money = (amount: number | undefined) =>
  amount === undefined ? undefined : { amount, currency: "EUR" as const };

/** Only the keys whose value is defined (an absent field is not sent, so the API's defaults apply). */
export function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const filled = (values: Values, name: string) => (values[name] ?? "").trim() !== "";

/** How many criterion rows the form shows: the highest filled row, one empty row more when asked. */
export function criterionRows(values: Values, addOne = false, p = "awardModel"): number {
  let last = -1;
  for (const name of Object.keys(values)) {
    if (!name.startsWith(`${p}.criteria.`)) continue;
    const row = /^(\d+)\.name$/.exec(name.slice(p.length + 10));
    if (row && filled(values, name)) last = Math.max(last, Number(row[1]));
  }
  return Math.max(2, last + 1 + (addOne ? 1 : 0));
}

export interface ParsedModel {
  awardModel: AwardModel;
  /** The form row of each criterion sent (index in the API's array → form row). */
  criterionRow: number[];
}

/** The award model of the fields under `p` (the tender's, or a lot's `lots.0.awardModel`). */
export function awardModelOf(values: Values, lang: Lang, p = "awardModel"): ParsedModel {
  const text = (name: string) => (values[name] ?? "").trim() || undefined;
  const num = (name: string) => parseDecimal(values[name], lang);
  const criterionRow: number[] = [];
  const criteria = [];
  for (let row = 0; row < criterionRows(values, false, p); row++) {
    const c = `${p}.criteria.${row}`;
    if (!filled(values, `${c}.name`)) continue;
    criterionRow.push(row);
    criteria.push(
      defined({
        id: text(`${c}.id`) ?? `k${row + 1}`,
        name: text(`${c}.name`)!,
        scale: defined({ min: num(`${c}.scale.min`) ?? 0, max: num(`${c}.scale.max`) ?? 10 }),
        maxPoints: num(`${c}.maxPoints`),
        maxValue: money(num(`${c}.maxValue`)),
        minimumScore: num(`${c}.minimumScore`),
      }),
    );
  }
  const formula = text(`${p}.price.formula`);
  const boundsMin = num(`${p}.price.bounds.min`);
  const boundsMax = num(`${p}.price.bounds.max`);
  const price = formula
    ? defined({
        formula,
        maxPoints: num(`${p}.price.maxPoints`),
        bounds:
          boundsMin !== undefined || boundsMax !== undefined
            ? { min: money(boundsMin), max: money(boundsMax) }
            : undefined,
      })
    : undefined;
  const certificate = text(`${p}.corrections.certificate.tableId`);
  const truePrice = text(`${p}.corrections.truePrice.factorSetId`);
  const mki = num(`${p}.corrections.mki.valuationFactor`);
  const lcc = values[`${p}.corrections.lcc`] === "true";
  const corrections =
    certificate || truePrice || mki !== undefined || lcc
      ? defined({
          certificate: certificate ? { tableId: certificate } : undefined,
          truePrice: truePrice ? { factorSetId: truePrice } : undefined,
          mki: mki !== undefined ? { valuationFactor: mki } : undefined,
          lcc: lcc || undefined,
        })
      : undefined;
  const mode = text(`${p}.socialReturn.mode`);
  const socialReturn = mode
    ? defined({
        mode,
        catalogue: { id: text(`${p}.socialReturn.catalogue.id`) ?? "" },
        percentOfPrice: num(`${p}.socialReturn.percentOfPrice`),
        fullPointsAtPercent: num(`${p}.socialReturn.fullPointsAtPercent`),
        maxPoints: num(`${p}.socialReturn.maxPoints`),
        creditFactor: num(`${p}.socialReturn.creditFactor`),
      })
    : undefined;
  const tieBreakers = TIE_BREAKER_CHOICES.filter((t) => values[`${p}.tieBreakers.${t}`] === "true");
  const awardModel = defined({
    method: text(`${p}.method`) ?? "",
    price,
    criteria: criteria.length ? criteria : undefined,
    corrections,
    socialReturn,
    tieBreakers: tieBreakers.length ? tieBreakers : undefined,
  }) as AwardModel;
  return { awardModel, criterionRow };
}

/** The tender's body for POST /v1/tenders (`version` absent) or PATCH (`version` set: cleared fields are sent as null). */
export function tenderBodyOf(values: Values, lang: Lang, version?: number) {
  const text = (name: string) => (values[name] ?? "").trim() || undefined;
  const clear = version === undefined ? undefined : null;
  const flag = (name: string) => (values[name] === undefined ? undefined : values[name] === "true");
  const labourPercent = parseDecimal(values.labourShare, lang);
  const standstill = parseDecimal(values.standstillDays, lang);
  const maxLots = parseDecimal(values.maxLotsPerSupplier, lang);
  const { awardModel, criterionRow } = awardModelOf(values, lang);
  const parsedLots = lotsOf(values, lang);
  // With lots the tender's value is their sum and its model the first lot's: the API refuses both beside `lots`.
  const withLots = parsedLots.lots !== undefined;
  const body = defined({
    reference: text("reference") ?? "",
    title: text("title") ?? "",
    description: version === undefined ? text("description") : (values.description ?? ""),
    cpvCode: text("cpvCode") ?? "",
    estimatedValue: withLots ? undefined : money(parseDecimal(values.estimatedValue, lang)),
    contractType: text("contractType") ?? "",
    labourShare: labourPercent === undefined ? clear : labourPercent / 100,
    contractPeriod: {
      startDate: text("contractPeriod.startDate") ?? "",
      endDate: text("contractPeriod.endDate") ?? "",
    },
    submissionDeadline: text("submissionDeadline") ?? "",
    awardModel: withLots ? undefined : awardModel,
    lots: parsedLots.lots,
    maxLotsPerSupplier: withLots ? (maxLots ?? clear) : undefined,
    procedure: text("procedure"),
    standstillDays: standstill,
    algemeneTermijnenwet: flag("algemeneTermijnenwet"),
    publishBidPrices: values.publishBidPrices === "true",
    pricesSealedUntilQualityScored: values.pricesSealedUntilQualityScored === "true",
    noImpactCriteriaReason: text("noImpactCriteriaReason") ?? clear,
    version,
  });
  return { body, criterionRow, parsedLots };
}

/** The sample bids typed on the what-if, and the form row of each bid sent. */
export function sampleBidsOf(
  values: Values,
  lang: Lang,
  criteria: readonly { id: string }[],
  criterionRow: number[],
) {
  const bids: {
    id: string;
    price: { amount: number; currency: "EUR" };
    qualityScores: Record<string, number>;
  }[] = [];
  const bidRow: number[] = [];
  SAMPLE_BIDS.forEach((label, row) => {
    const b = `whatIf.bids.${row}`;
    if (!filled(values, `${b}.price`)) return;
    bidRow.push(row);
    const qualityScores: Record<string, number> = {};
    criteria.forEach((c, i) => {
      const score = parseDecimal(values[`${b}.scores.${criterionRow[i]}`], lang);
      if (score !== undefined) qualityScores[c.id] = score;
    });
    bids.push({ id: label, price: money(parseDecimal(values[`${b}.price`], lang))!, qualityScores });
  });
  return { bids, bidRow };
}

/**
 * An API error path as the form's field name: compacted rows back to form rows, `.amount` dropped,
 * a sample bid's `bids.0.qualityScores.k1` to its score field.
 */
export function fieldOfPath(
  criterionRow: number[],
  bidRow: number[] = [],
  criteriaIds: string[] = [],
  parsedLots?: ParsedLots,
) {
  return (path: string): string => {
    const field = path.replace(/\.(amount|currency)$/, "");
    const lot = parsedLots && fieldOfLotPath(parsedLots, field);
    if (lot) return lot;
    const criterion = /^awardModel\.criteria\.(\d+)(.*)$/.exec(field);
    if (criterion)
      return `awardModel.criteria.${criterionRow[Number(criterion[1])] ?? criterion[1]}${criterion[2]}`;
    const score = /^bids\.(\d+)\.qualityScores\.(.+)$/.exec(field);
    if (score) {
      const row = criterionRow[criteriaIds.indexOf(score[2]!)] ?? 0;
      return `whatIf.bids.${bidRow[Number(score[1])] ?? score[1]}.scores.${row}`;
    }
    const bid = /^bids\.(\d+)(.*)$/.exec(field);
    if (bid) return `whatIf.bids.${bidRow[Number(bid[1])] ?? bid[1]}${bid[2]}`;
    return field;
  };
}

export const plain = (value: number | undefined | null, lang: Lang): string =>
  value === undefined || value === null
    ? ""
    : lang === "nl"
      ? String(value).replace(".", ",")
      : String(value);

/** A stored tender as the wizard's fields, for editing a draft. */
export function valuesOfTender(tender: InternalTenderResponse, lang: Lang): Values {
  const v: Values = {
    reference: tender.reference,
    title: tender.title,
    description: tender.description ?? "",
    cpvCode: tender.cpvCode,
    estimatedValue: plain(tender.estimatedValue.amount, lang),
    contractType: tender.contractType,
    labourShare: tender.labourShare === null ? "" : plain(Math.round(tender.labourShare * 10000) / 100, lang),
    "contractPeriod.startDate": tender.contractPeriod.startDate,
    "contractPeriod.endDate": tender.contractPeriod.endDate,
    submissionDeadline: tender.submissionDeadlineLocal.slice(0, 16),
    pricesSealedUntilQualityScored: tender.pricesSealedUntilQualityScored ? "true" : "",
    noImpactCriteriaReason: tender.noImpactCriteriaReason ?? "",
    procedure: tender.procedure,
    standstillDays: String(tender.standstillDays),
    algemeneTermijnenwet: tender.algemeneTermijnenwet ? "true" : "false",
    publishBidPrices: tender.publishBidPrices ? "true" : "",
  };
  return { ...v, ...valuesOfModel(tender.awardModel, lang), ...valuesOfLots(tender, lang) };
}

export function valuesOfModel(
  model: InternalTenderResponse["awardModel"],
  lang: Lang,
  p = "awardModel",
): Values {
  const v: Values = { [`${p}.method`]: model.method };
  if (model.price) {
    v[`${p}.price.formula`] = model.price.formula;
    v[`${p}.price.maxPoints`] = plain(model.price.maxPoints, lang);
    v[`${p}.price.bounds.min`] = plain(model.price.bounds?.min.amount, lang);
    v[`${p}.price.bounds.max`] = plain(model.price.bounds?.max.amount, lang);
  }
  (model.criteria ?? []).forEach((c, row) => {
    const k = `${p}.criteria.${row}`;
    v[`${k}.id`] = c.id;
    v[`${k}.name`] = c.name;
    v[`${k}.scale.min`] = plain(c.scale.min, lang);
    v[`${k}.scale.max`] = plain(c.scale.max, lang);
    v[`${k}.maxPoints`] = plain(c.maxPoints, lang);
    v[`${k}.maxValue`] = plain(c.maxValue?.amount, lang);
    v[`${k}.minimumScore`] = plain(c.minimumScore, lang);
  });
  const corrections = model.corrections;
  if (corrections?.certificate && "tableId" in corrections.certificate)
    v[`${p}.corrections.certificate.tableId`] = corrections.certificate.tableId;
  if (corrections?.truePrice) v[`${p}.corrections.truePrice.factorSetId`] = corrections.truePrice.factorSetId;
  if (corrections?.mki)
    v[`${p}.corrections.mki.valuationFactor`] = plain(corrections.mki.valuationFactor, lang);
  if (corrections?.lcc) v[`${p}.corrections.lcc`] = "true";
  const sr = model.socialReturn;
  if (sr) {
    v[`${p}.socialReturn.mode`] = sr.mode;
    v[`${p}.socialReturn.catalogue.id`] = sr.catalogue.id;
    v[`${p}.socialReturn.percentOfPrice`] = plain(sr.percentOfPrice, lang);
    v[`${p}.socialReturn.fullPointsAtPercent`] = plain(sr.fullPointsAtPercent, lang);
    v[`${p}.socialReturn.maxPoints`] = plain(sr.maxPoints, lang);
    v[`${p}.socialReturn.creditFactor`] = plain(sr.creditFactor, lang);
  }
  for (const t of model.tieBreakers ?? []) v[`${p}.tieBreakers.${t}`] = "true";
  return v;
}

/** A new tender's starting point: points on price and quality, ready for the what-if. */
export const NEW_TENDER_VALUES: Values = {
  contractType: "services",
  procedure: "open",
  standstillDays: "20",
  algemeneTermijnenwet: "true",
  "awardModel.method": "weighted-points",
  "awardModel.price.formula": "relative-lowest",
  "awardModel.price.maxPoints": "40",
  "awardModel.criteria.0.scale.min": "0",
  "awardModel.criteria.0.scale.max": "10",
  "awardModel.criteria.1.scale.min": "0",
  "awardModel.criteria.1.scale.max": "10",
  "awardModel.tieBreakers.higher-quality": "true",
  "awardModel.tieBreakers.lower-price": "true",
};

/** The posted form as plain values (hidden `_` fields left out). */
export const valuesOfForm = (form: URLSearchParams): Values => {
  const values: Values = {};
  for (const [name, value] of form) if (!name.startsWith("_")) values[name] = value;
  return values;
};
