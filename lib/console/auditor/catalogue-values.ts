import type * as z from "zod";
import { BLOCK_KINDS, type BlockKind, RATE_FIELD, validateCatalogue } from "../../domain/sroi/catalogue.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import { createCatalogueSchema } from "../../schemas/sroi.js";
import { parseDecimal } from "../forms.js";
import { centsOf, formatMoney, formatNumber, type Lang } from "../i18n.js";
import type { AuditorMessages } from "./messages.js";

export type CatalogueBody = z.output<typeof createCatalogueSchema>;
export type BlockBody = CatalogueBody["blocks"][number];

/** The fields of a block row in the form; the rate is one field whose meaning follows the kind. */
export const ROW_FIELDS = ["id", "kind", "label", "targetGroup", "rate", "maxMonths", "note"] as const;
const RATE_FIELDS = new Set(["perYear", "perMonth", "perHour", "perUnit", "factor"]);
const ROW_NAMES = new Set<string>(ROW_FIELDS);

/** A published version as the body that would publish it again (without what the API adds). */
export function catalogueBodyOf(catalogue: CatalogueResponse): CatalogueBody {
  const { regionId: _r, publishedAt: _p, publishedBy: _b, ...body } = catalogue;
  return body;
}

/** The latest published version of one catalogue. */
export const latestVersion = (versions: readonly CatalogueResponse[]): CatalogueResponse | undefined =>
  versions.reduce<CatalogueResponse | undefined>(
    (a, b) => (!a || b.publishedAt > a.publishedAt ? b : a),
    undefined,
  );

/** A block without absent values: null and undefined both mean "not set" (no maximum, no label). */
function canonical(block: BlockBody): string {
  const entries = Object.entries(block)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export interface BlockChange {
  id: string;
  before?: BlockBody | undefined;
  after?: BlockBody | undefined;
}

/**
 * The blocks a new version adds, changes or removes against the base, by id: what the preview
 * shows before publishing. Added and changed blocks in the new version's order, then removed ones.
 */
export function blockChanges(before: readonly BlockBody[], after: readonly BlockBody[]): BlockChange[] {
  const old = new Map(before.map((b) => [b.id, b]));
  const kept = new Set(after.map((b) => b.id));
  const changes: BlockChange[] = [];
  for (const block of after) {
    const was = old.get(block.id);
    if (!was || canonical(was) !== canonical(block))
      changes.push({ id: block.id, before: was, after: block });
  }
  for (const block of before) if (!kept.has(block.id)) changes.push({ id: block.id, before: block });
  return changes;
}

const number = (n: number | null | undefined, lang: Lang) =>
  typeof n === "number" ? formatNumber(n, lang) : "";

/** The form's values for a body (numbers in the visitor's notation), one row per block. */
export function catalogueFormValues(body: CatalogueBody, lang: Lang): Record<string, string> {
  const values: Record<string, string> = {
    id: body.id,
    version: body.version,
    name: body.name,
    source: body.source,
    effectiveFrom: body.effectiveFrom ?? "",
    incomplete: String(body.incomplete),
    missing: (body.missing ?? []).join("\n"),
    note: body.note ?? "",
  };
  body.blocks.forEach((b, i) => {
    const row = (field: string, value: string) => {
      values[`blocks.${i}.${field}`] = value;
    };
    row("id", b.id);
    row("kind", b.kind);
    row("label", b.label ?? "");
    row("targetGroup", b.targetGroup ?? "");
    row("rate", number(b[RATE_FIELD[b.kind]], lang));
    row("maxMonths", number(b.maxMonths, lang));
    row("note", b.note ?? "");
  });
  return values;
}

/** The row numbers a form's values hold (`blocks.3.id` → 3), in order. */
export function rowsOf(values: Record<string, string>): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^blocks\.(\d+)\./.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * The body a submitted form asks for, and which form row each of its blocks came from. A row marked
 * for removal or left empty is no block; a number that is no number goes as typed, so the schema
 * names the field.
 */
export function catalogueFromForm(
  values: Record<string, string>,
  lang: Lang,
): { body: Record<string, unknown>; rows: number[] } {
  const text = (name: string) => (values[name] ?? "").trim();
  const numeric = (name: string) => {
    const typed = text(name);
    const value = parseDecimal(typed, lang);
    return value === undefined ? undefined : Number.isNaN(value) ? typed : value;
  };
  const blocks: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (const i of rowsOf(values)) {
    const f = (field: string) => `blocks.${i}.${field}`;
    if (values[f("remove")] === "true") continue;
    if (!["id", "label", "targetGroup", "rate", "maxMonths"].some((field) => text(f(field)))) continue;
    const kind = text(f("kind"));
    const block: Record<string, unknown> = { id: text(f("id")), kind };
    for (const field of ["label", "targetGroup", "note"]) if (text(f(field))) block[field] = text(f(field));
    block[RATE_FIELD[kind as BlockKind] ?? "perYear"] = numeric(f("rate"));
    if (text(f("maxMonths"))) block.maxMonths = numeric(f("maxMonths"));
    blocks.push(block);
    rows.push(i);
  }
  const missing = text("missing")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    body: {
      id: text("id"),
      version: text("version"),
      name: text("name"),
      source: text("source"),
      incomplete: values.incomplete === "true",
      ...(missing.length ? { missing } : {}),
      effectiveFrom: text("effectiveFrom") || null,
      blocks,
      ...(text("note") ? { note: text("note") } : {}),
    },
    rows,
  };
}

/**
 * The form field an API or schema path names: `blocks.2.perYear` is the rate of the form row the
 * body's third block came from; anything else its first segment.
 */
export function catalogueFieldOf(path: string, rows: readonly number[]): string {
  const [head, index, field] = path.replace(/^body\.?/, "").split(".");
  if (head !== "blocks" || index === undefined || !/^\d+$/.test(index)) return head || "version";
  const row = rows[Number(index)] ?? Number(index);
  const name = field && RATE_FIELDS.has(field) ? "rate" : field && ROW_NAMES.has(field) ? field : "id";
  return `blocks.${row}.${name}`;
}

/** The body checked as the API will check it (its schema, then the catalogue's own rules), errors by form field. */
export function validateCatalogueBody(body: Record<string, unknown>, rows: readonly number[]) {
  const result = createCatalogueSchema.safeParse(body);
  const errors = result.success
    ? validateCatalogue(result.data)
    : result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  if (result.success && !errors.length) return { ok: true as const, body: result.data };
  return {
    ok: false as const,
    errors: errors.map((e) => ({ field: catalogueFieldOf(e.path, rows), message: e.message })),
  };
}

/** A block's rate in words (`€ 30.000,00 per jaar`). */
export function rateOf(block: BlockBody, m: AuditorMessages, lang: Lang): string {
  const euros = (amount: number) => formatMoney(centsOf(amount), lang);
  return [
    block.perYear !== undefined ? m.perYear(euros(block.perYear)) : "",
    block.perMonth !== undefined ? m.perMonth(euros(block.perMonth)) : "",
    block.perHour !== undefined ? m.perHour(euros(block.perHour)) : "",
    block.perUnit !== undefined ? m.perUnit(euros(block.perUnit)) : "",
    block.factor !== undefined ? m.factor(formatNumber(block.factor, lang)) : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** A block in words for the preview's table: kind, target group, rate, maximum. */
export function describeBlock(block: BlockBody | undefined, m: AuditorMessages, lang: Lang): string {
  if (!block) return "";
  return [
    block.label,
    m[`kind.${block.kind}`] ?? block.kind,
    block.targetGroup,
    rateOf(block, m, lang),
    typeof block.maxMonths === "number" ? `${m.maxMonths} ${formatNumber(block.maxMonths, lang)}` : "",
    block.note,
  ]
    .filter(Boolean)
    .join("; ");
}

export const kindOptions = (m: AuditorMessages) =>
  BLOCK_KINDS.map((kind) => ({ value: kind, label: m[`kind.${kind}`] }));
