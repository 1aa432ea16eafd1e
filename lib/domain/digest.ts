import { createHash } from "node:crypto";

/** Keys as JSON strings: the same few recur in every item, and quoting them is the costly part. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 4096;

function quoted(key: string): string {
  const known = quotedKeys.get(key);
  if (known !== undefined) return known;
  const text = JSON.stringify(key);
  if (quotedKeys.size >= QUOTED_KEYS_KEPT) quotedKeys.clear();
  quotedKeys.set(key, text);
  return text;
}

/** Canonical JSON: sorted keys, no whitespace; the basis of every digest. */
export function canonicalJson(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const record = value as Record<string, unknown>;
  // Keys in code-unit order (the default sort); undefined values are left out, as JSON does.
  let out = "";
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out === "" ? "" : ","}${quoted(key)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export const digestOf = (value: unknown): string => sha256(canonicalJson(value));
