import type { Problem } from "./api.js";
import type { Lang } from "./i18n.js";

/** A form shown again after the API refused it: what was typed, and each error by field name. */
export interface FormState {
  values: Record<string, string>;
  errors: { field: string; message: string }[];
  /** The problem's own words when it names no field (a rule refusing the whole request). */
  detail?: string | undefined;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: [] });

/**
 * The API's problem+json as a form's errors: `body.lots.0.title` becomes field `lots.0.title`
 * (`fieldOf` maps API paths to form names where they differ). Errors without a field, and the
 * problem's detail, go to the summary at the top.
 */
export function formStateOf(
  problem: Problem,
  form: URLSearchParams,
  fieldOf: (apiPath: string) => string = (path) => path,
): FormState {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (!name.startsWith("_")) values[name] = value;
  const errors = (problem.errors ?? []).map((e) => ({
    field: fieldOf(e.path.replace(/^(body|query)\.?/, "")),
    message: e.message,
  }));
  return { values, errors, detail: problem.detail ?? problem.title };
}

export const errorOf = (state: FormState, field: string): string | undefined =>
  state.errors.find((e) => e.field === field)?.message;

/** A field of a form shown again: its name, what was typed in it and its error, to spread into the field. */
export const bound = (state: FormState, name: string) => ({
  name,
  value: state.values[name],
  error: errorOf(state, name),
});

/**
 * A number as typed in either language: `1.234,56` or `1234,56` (nl), `1,234.56` or `1234.56` (en).
 * A single separator followed by one or two digits is read as the other language's decimal mark
 * (`1234.56` typed on a Dutch page); group separators must group by three, so `1,5` on an English
 * page is 1.5, never 15. Undefined for an empty field; NaN for text that is no number (the API then
 * names the field).
 */
export function parseDecimal(text: string | null | undefined, lang: Lang): number | undefined {
  const trimmed = (text ?? "").trim().replace(/[\s\u00a0€]/g, "");
  if (!trimmed) return undefined;
  const [group, decimal] = lang === "nl" ? [".", ","] : [",", "."];
  const swapped = new RegExp(`^-?\\d+\\${group}\\d{1,2}$`).test(trimmed);
  const [g, d] = swapped ? [decimal, group] : [group, decimal];
  const match = new RegExp(`^(-?)(\\d{1,3}(?:\\${g}\\d{3})+|\\d+)(?:\\${d}(\\d+))?$`).exec(trimmed);
  if (!match) return Number.NaN;
  const [, sign, whole, fraction] = match;
  return Number(`${sign}${whole!.split(g).join("")}${fraction ? `.${fraction}` : ""}`);
}
