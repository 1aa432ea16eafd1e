import type * as z from "zod";
import { policyBodySchema } from "../../schemas/sroi.js";
import type { PolicyResponse } from "../../schemas/responses/sroi.js";
import { parseDecimal } from "../forms.js";
import { centsOf, formatDate, formatMoney, formatNumber, type Lang } from "../i18n.js";
import type { AuditorMessages } from "./messages.js";
import { fieldOfPath } from "./rules-shared.js";

export type PolicyBody = z.input<typeof policyBodySchema>;
type PolicyKey = keyof z.output<typeof policyBodySchema>;
const POLICY_KEYS = Object.keys(policyBodySchema.shape) as PolicyKey[];

/** A published version as the body that would publish it again (without what the API adds). */
export function bodyOf(policy: PolicyResponse): PolicyBody {
  const { id: _id, regionId: _r, version: _v, publishedAt: _p, publishedBy: _b, ...body } = policy;
  return body as PolicyBody;
}

/** The fields the form edits; everything else is carried over from the version it starts from. */
export const TEXT_FIELDS = [
  "percent",
  "threshold",
  "cap",
  "atRiskBehindPercent",
  "reviewDays",
  "recoveryDays",
  "retentionMonths",
] as const;
const MONEY_FIELDS = new Set(["threshold", "cap"]);
export const FREQUENCIES = ["monthly", "quarterly", "half-yearly", "yearly"] as const;
export const VALUATION_DATES = ["activity-start", "award-date"] as const;

/** The form's values for a body (numbers in the visitor's notation). */
export function formValuesOf(body: Partial<PolicyBody>, lang: Lang): Record<string, string> {
  const number = (n: unknown) => (typeof n === "number" ? formatNumber(n, lang) : "");
  const money = (v: unknown) =>
    v && typeof v === "object" && "amount" in v ? number((v as { amount: number }).amount) : "";
  return {
    catalogueId: body.catalogueId ?? "",
    effectiveFrom: body.effectiveFrom ?? "",
    percent: number(body.percent),
    threshold: money(body.threshold),
    thresholdInclusive: String(body.thresholdInclusive ?? false),
    cap: money(body.cap),
    atRiskBehindPercent: number(body.atRiskBehindPercent),
    reviewDays: number(body.reviewDays),
    recoveryDays: number(body.recoveryDays),
    retentionMonths: number(body.retentionMonths),
    reportingFrequency: body.reportingFrequency ?? "quarterly",
    valuationDate: body.valuationDate ?? "activity-start",
    allowPooling: String(body.allowPooling ?? false),
    note: body.note ?? "",
  };
}

/**
 * The body a submitted form asks for: the base version with the form's fields on top. A number
 * that is no number goes as typed, so the schema names the field.
 */
export function bodyFromForm(
  base: Partial<PolicyBody>,
  form: URLSearchParams,
  lang: Lang,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...base };
  const text = (name: string) => (form.get(name) ?? "").trim();
  for (const name of TEXT_FIELDS) {
    const typed = text(name);
    const value = parseDecimal(typed, lang);
    const parsed = value === undefined || Number.isNaN(value) ? (typed === "" ? null : typed) : value;
    if (MONEY_FIELDS.has(name))
      body[name] =
        parsed === null && name === "cap" ? null : { amount: parsed ?? undefined, currency: "EUR" };
    else body[name] = parsed ?? undefined;
  }
  body.catalogueId = text("catalogueId");
  body.effectiveFrom = text("effectiveFrom") || null;
  body.thresholdInclusive = form.get("thresholdInclusive") === "true";
  body.allowPooling = form.get("allowPooling") === "true";
  body.reportingFrequency = text("reportingFrequency");
  body.valuationDate = text("valuationDate");
  const note = (form.get("note") ?? "").trim();
  if (note) body.note = note;
  else delete body.note;
  return body;
}

/** The body checked as the API will check it, its errors by form field. */
export function validate(body: Record<string, unknown>) {
  const result = policyBodySchema.safeParse(body);
  if (result.success) return { ok: true as const, body: result.data };
  return {
    ok: false as const,
    errors: result.error.issues.map((i) => ({
      field: fieldOfPath(i.path.map(String).join("."), "catalogueId"),
      message: i.message,
    })),
  };
}

/** One setting's value in words, for the preview's table. */
export function describe(key: PolicyKey, value: unknown, m: AuditorMessages, lang: Lang): string {
  if (value === null || value === undefined) return key === "effectiveFrom" ? m.fromStart : m.none;
  if (typeof value === "boolean") return value ? m.yes : m.no;
  if (key === "effectiveFrom" && typeof value === "string") return formatDate(value, lang);
  if (key === "reportingFrequency")
    return m[`frequency.${value as (typeof FREQUENCIES)[number]}`] ?? String(value);
  if (key === "valuationDate")
    return m[`valuationDate.${value as (typeof VALUATION_DATES)[number]}`] ?? String(value);
  if (typeof value === "object" && "amount" in (value as object))
    return formatMoney(centsOf((value as { amount: number }).amount), lang);
  if (key === "percent" || key === "atRiskBehindPercent") return `${formatNumber(value as number, lang)} %`;
  if (typeof value === "number") return formatNumber(value, lang);
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The settings a new version changes against the base: what the preview shows before publishing. */
export function policyChanges(
  base: Partial<PolicyBody> | undefined,
  next: Record<string, unknown>,
): { key: PolicyKey; before: unknown; after: unknown }[] {
  const canonical = (v: unknown) => JSON.stringify(v ?? null);
  return POLICY_KEYS.filter((key) => canonical(base?.[key]) !== canonical(next[key])).map((key) => ({
    key,
    before: base?.[key],
    after: next[key],
  }));
}

export const settingLabel = (key: PolicyKey, m: AuditorMessages): string =>
  ((m as Record<string, unknown>)[`policy.${key}`] as string | undefined) ?? key;
