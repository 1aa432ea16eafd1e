/**
 * BSN refusal (domain.md §5.3). Realisations describe people; a citizen service number must never be
 * stored. Free text and candidate references are scanned for a standalone run of 9 digits (not part of
 * a longer run of digits) that passes the BSN 11-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
 * The common written forms with one consistent separator (1234.56.782, 123 456 782, 123-456-782) are
 * scanned too. Structured identifiers (KvK, VAT, invoice numbers) are not passed to this scan.
 * Error messages name the field and say why, never the number.
 */
import { RuleViolation } from "../errors.js";

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1];

/** The 11-test on exactly nine digits. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * Number(digits[i]);
  return sum % 11 === 0;
}

const CANDIDATES = [
  /(?<!\d)\d{9}(?!\d)/g,
  /(?<!\d[ .-]?)\d{4}([ .-])\d{2}\1\d{3}(?![ .-]?\d)/g,
  /(?<!\d[ .-]?)\d{3}([ .-])\d{3}\1\d{3}(?![ .-]?\d)/g,
];

/** Whether the text contains something that looks like a valid BSN. */
export function containsBsn(text: string): boolean {
  for (const pattern of CANDIDATES) {
    for (const match of text.matchAll(pattern)) {
      if (passesElevenTest(match[0].replace(/\D/g, ""))) return true;
    }
  }
  return false;
}

/**
 * Scans named free-text fields (path → text; undefined/null skipped) and throws
 * RuleViolation("bsn-refused") naming every field that holds a BSN, without repeating it.
 */
export function refuseBsn(fields: Record<string, string | null | undefined>): void {
  const hits = Object.entries(fields)
    .filter(([, text]) => typeof text === "string" && containsBsn(text))
    .map(([path]) => path);
  if (hits.length === 0) return;
  throw new RuleViolation(
    "bsn-refused",
    `${hits.map((h) => `"${h}"`).join(", ")} appear${hits.length === 1 ? "s" : ""} to contain a citizen service number (BSN). ` +
      "Personal identifiers may not be stored: use a pseudonymous candidate reference and leave identifiers out of free text.",
    hits.map((path) => ({
      path,
      message: "contains a number that passes the BSN 11-test; remove it (the number is not repeated here)",
    })),
  );
}

/** Structured identifiers are not scanned (domain.md §5.3): KvK, VAT and invoice numbers, IBANs. */
const STRUCTURED_ID = /(kvk|vat|invoiceNumber|iban)$/i;

function collectText(value: unknown, path: string, out: Record<string, string>): void {
  if (typeof value === "string") out[path] = value;
  else if (value && typeof value === "object") {
    // Arrays too: their keys are the indexes.
    for (const [key, item] of Object.entries(value)) {
      if (!STRUCTURED_ID.test(key)) collectText(item, path ? `${path}.${key}` : key, out);
    }
  }
}

/** refuseBsn over every string inside a parsed value, named by its path below `root`. */
export function refuseBsnIn(value: unknown, root: string): void {
  const text: Record<string, string> = {};
  collectText(value, root, text);
  refuseBsn(text);
}
