import { createHash } from "node:crypto";

/** Canonical JSON: sorted keys, no whitespace; the basis of every digest. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const record = value as Record<string, unknown>;
  // Keys in code-unit order (the default sort); undefined values are left out, as JSON does.
  let out = "";
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out === "" ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export const digestOf = (value: unknown): string => sha256(canonicalJson(value));
