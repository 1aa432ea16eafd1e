import type * as z from "zod";
import type { valuationLineSchema } from "../../schemas/sroi.js";
import { parseDecimal } from "../forms.js";
import type { Lang } from "../i18n.js";

/**
 * The bid form's fields as the API's bid body, and the API's field paths back as form fields. Offer
 * lines are `lines.<n>.<field>`; a line without a building block is an empty row of the form and is
 * left out (its place is remembered so errors and values land on the row they belong to).
 */

export type OfferLine = z.input<typeof valuationLineSchema>;
export const LINE_FIELDS = ["fte", "months", "hours", "units"] as const;

/** At least this many rows are shown; "add a line" adds one more. */
export const MIN_LINES = 3;
export const MAX_LINES = 50;

export interface ParsedOffer {
  lines: OfferLine[];
  /** The form row of each sent line: `rows[i]` is the row of `lines[i]`. */
  rows: number[];
}

/** How many offer rows the posted form holds (the highest `lines.<n>.` index plus one). */
export function rowCount(form: URLSearchParams): number {
  let count = 0;
  for (const name of form.keys()) {
    const m = /^lines\.(\d+)\./.exec(name);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  return Math.min(count, MAX_LINES);
}

export function parseOffer(form: URLSearchParams, lang: Lang): ParsedOffer {
  const lines: OfferLine[] = [];
  const rows: number[] = [];
  for (let row = 0; row < rowCount(form); row++) {
    const blockId = form.get(`lines.${row}.blockId`)?.trim();
    if (!blockId) continue;
    const line: OfferLine = { blockId };
    for (const field of LINE_FIELDS) {
      const value = parseDecimal(form.get(`lines.${row}.${field}`), lang);
      // NaN goes to the API as null, so it names the field that holds no number.
      if (value !== undefined) line[field] = Number.isNaN(value) ? (null as never) : value;
    }
    lines.push(line);
    rows.push(row);
  }
  return { lines, rows };
}

const euros = (amount: number) => ({ amount, currency: "EUR" as const });
const numberOrNull = (value: number | undefined) =>
  value === undefined ? undefined : Number.isNaN(value) ? (null as never) : value;

/** The bid body the API takes (submit: with the lot; replace: with the version read). */
export function bidBody(form: URLSearchParams, lang: Lang, offer: ParsedOffer): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const price = parseDecimal(form.get("price"), lang);
  // An empty price is sent as null, so the API names the missing field.
  body.price = price === undefined || Number.isNaN(price) ? null : euros(price);
  const pso = form.get("psoLevel");
  if (pso) body.psoLevel = pso;
  const validUntil = form.get("psoCertificateValidUntil")?.trim();
  if (validUntil) body.psoCertificateValidUntil = validUntil;
  const scheme = form.get("certificateScheme");
  const level = parseDecimal(form.get("certificateLevel"), lang);
  if (scheme && level !== undefined) body.certificates = { [scheme]: numberOrNull(level) };
  const mki = parseDecimal(form.get("mki"), lang);
  if (mki !== undefined) body.mki = Number.isNaN(mki) ? null : euros(mki);
  if (offer.lines.length) body.socialReturnOffer = offer.lines;
  return body;
}

/**
 * The form field an API error path names: `socialReturnOffer.1.fte` (or the valuation's `lines.1.fte`)
 * is the row that line came from; money objects are their one field.
 */
export function fieldOfPath(path: string, rows: readonly number[]): string {
  const line = /^(?:socialReturnOffer|lines)\.(\d+)(?:\.(\w+))?/.exec(path);
  if (line) {
    const row = rows[Number(line[1])] ?? Number(line[1]);
    return `lines.${row}.${line[2] ?? "blockId"}`;
  }
  if (path.startsWith("price")) return "price";
  if (path.startsWith("mki")) return "mki";
  if (path.startsWith("certificates")) return "certificateLevel";
  return path;
}
