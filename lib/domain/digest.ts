import { createHash } from "node:crypto";

/**
 * How an object with these keys (in this order) is written: its keys sorted, each with the text
 * before its value, first (`"key":`) or after another entry (`,"key":`). The same few key lists recur
 * in every item of a large value (10,000 bids), and sorting and quoting them was most of the work.
 */
interface Layout {
  /** The keys as Object.keys gave them, to check a reused layout against. */
  own: readonly string[];
  sorted: readonly string[];
  first: readonly string[];
  next: readonly string[];
}

/** Layouts by their first key (the empty string for no key); a few key lists share one. */
const layouts = new Map<string, Layout[]>();
const LAYOUTS_KEPT = 4096;
/** Key lists kept per first key: bounds the search where many lists begin alike. */
const LISTS_PER_KEY = 16;

function layoutOf(record: object): Layout {
  const own = Object.keys(record);
  const first = own.length === 0 ? "" : own[0]!;
  const candidates = layouts.get(first);
  if (candidates !== undefined) for (const known of candidates) if (sameKeys(known.own, own)) return known;
  // Keys in code-unit order (the default sort).
  const sorted = [...own].sort();
  const layout: Layout = {
    own,
    sorted,
    first: sorted.map((key) => `${JSON.stringify(key)}:`),
    next: sorted.map((key) => `,${JSON.stringify(key)}:`),
  };
  if (candidates === undefined) {
    if (layouts.size >= LAYOUTS_KEPT) layouts.clear();
    layouts.set(first, [layout]);
  } else if (candidates.length < LISTS_PER_KEY) candidates.push(layout);
  return layout;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Canonical JSON: sorted keys, no whitespace; the basis of every digest. */
export function canonicalJson(value: unknown): string {
  // Written as parts joined once: concatenating every part into the text was slower.
  const parts: string[] = [];
  write(value, parts);
  return parts.join("");
}

function write(value: unknown, out: string[]): void {
  if (typeof value === "number") out.push(Number.isFinite(value) ? String(value) : "null");
  else if (value === null || typeof value !== "object") out.push(JSON.stringify(value) ?? "null");
  else if (Array.isArray(value)) writeArray(value, out);
  else writeObject(value as Record<string, unknown>, out);
}

function writeArray(values: readonly unknown[], out: string[]): void {
  out.push("[");
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.push(",");
    // A hole is written as nothing, as joining the mapped array always wrote it.
    if (i in values) write(values[i], out);
  }
  out.push("]");
}

function writeObject(record: Record<string, unknown>, out: string[]): void {
  const { sorted, first, next } = layoutOf(record);
  out.push("{");
  let written = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = record[sorted[i]!];
    // Undefined values are left out, as JSON does.
    if (v === undefined) continue;
    out.push(written++ === 0 ? first[i]! : next[i]!);
    write(v, out);
  }
  out.push("}");
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export const digestOf = (value: unknown): string => sha256(canonicalJson(value));
