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

/**
 * A number as typed in either language: `1.234,56` or `1234,56` (nl), `1,234.56` or `1234.56` (en).
 * Undefined for an empty field; NaN for text that is no number (the API then names the field).
 */
export function parseDecimal(text: string | null | undefined, lang: Lang): number | undefined {
  const trimmed = (text ?? "").trim().replace(/\s|€/g, "");
  if (!trimmed) return undefined;
  const [group, decimal] = lang === "nl" ? [".", ","] : [",", "."];
  const hasDecimalMark = trimmed.includes(decimal);
  // "1234.56" typed in Dutch: a single dot followed by other than three digits is a decimal point.
  const normalised =
    lang === "nl" && !hasDecimalMark && /^-?\d+\.\d{1,2}$/.test(trimmed)
      ? trimmed
      : trimmed.split(group).join("").replace(decimal, ".");
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}
