/**
 * BSN refusal. Realisations describe people; a citizen service number must never be stored.
 *
 * Text is first normalised, so that look-alike writing does not hide a number: NFKC (full-width
 * digits, no-break and other spaces), format characters dropped (zero-width spaces and joiners, soft
 * hyphens, direction marks), and every script's decimal digits read as 0-9. In the normalised text a
 * "chain" is digit groups joined by short runs (at most MAX_SEPARATOR characters) of whitespace,
 * punctuation or maths symbols (dots, dashes, slashes, underscores, brackets, bars …): `111 222 333`,
 * `1112.22.333`, `111–222–333` and `1 1 1 2 2 2 3 3 3` are each one chain.
 *
 * A BSN is nine digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11) that form a
 * whole chain, or an unbroken run of nine digits inside a longer chain (`C2 123456782`); other longer
 * chains (a phone number, an IBAN) are other numbers. Not a BSN: dates (`2024-03-12`, `12-3-2024`)
 * and amounts with decimals (`1234567,82`, `1.234.567,82`), which are tokens of their own, so a date
 * or an amount next to another number is not read as nine digits; and a chain written as whole euros
 * (`1.234.567,-`, or after `€`/`EUR`).
 *
 * Structured identifiers (KvK, VAT and invoice numbers, IBANs, CPV codes) are not scanned; keys are.
 * Error messages name the field (a key by its position) and say why, never the number.
 */
import { type FieldError, RuleViolation } from "../errors.js";

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1];

/** The 11-test on exactly nine digits. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * Number(digits[i]);
  return sum % 11 === 0;
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * The value of any script's decimal digit. Unicode encodes each set of decimal digits as ten
 * consecutive code points from 0 to 9 (a stability guarantee), and neighbouring sets are whole sets,
 * so the value is the distance from the start of the stretch of digits, modulo 10.
 */
function digitValue(digit: string): string {
  let value = DIGIT_VALUES.get(digit);
  if (value === undefined) {
    const cp = digit.codePointAt(0)!;
    let start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((cp - start) % 10);
    DIGIT_VALUES.set(digit, value);
  }
  return value;
}
const DIGIT_VALUES = new Map<string, string>();

/** NFKC, format characters removed, every decimal digit as 0-9 (see the module comment). */
export function normaliseForScan(text: string): string {
  return text.normalize("NFKC").replace(FORMAT_CHARACTERS, "").replace(NON_ASCII_DIGIT, digitValue);
}

/** The longest run of separators that still joins two digit groups into one number. */
const MAX_SEPARATOR = 4;
const SEPARATOR = String.raw`[\s\p{P}\p{Sm}]`;
const CHAIN = new RegExp(String.raw`\d+(?:${SEPARATOR}{1,${MAX_SEPARATOR}}\d+)*`, "gu");

/** Dates with one separator and plausible parts: ISO year-month-day and Dutch day-month-year. */
const DATES = [
  /(?<!\d)(19|20|21)\d\d([-/.])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)/g,
  /(?<!\d)(0?[1-9]|[12]\d|3[01])([-/.])(0?[1-9]|1[0-2])\2(19|20|21)\d\d(?!\d)/g,
];

/**
 * An amount with decimals: 1234567,82 · 1.234.567,82 · 1 234 567.8 (thousands in groups of three),
 * not followed by more digits (1234.56.782 is a BSN's written form, not an amount).
 */
const DECIMAL_AMOUNT = /(?<![\d.,])(?:\d{1,3}([ .,'])\d{3}(?:\1\d{3})*|\d+)[.,]\d{1,2}(?![.,]?\d)/g;
const CURRENCY_BEFORE = /(?:€|\bEUR|\beuro?)\s*$/i;
const WHOLE_EUROS_AFTER = /^[.,]-/;

/** Dates and amounts with decimals are tokens of their own: a letter in their place ends any chain. */
function maskDatesAndAmounts(normal: string): string {
  let masked = normal;
  for (const date of DATES) masked = masked.replace(date, "D");
  return masked.replace(DECIMAL_AMOUNT, "A");
}

/** Whether (normalised) text holds a date or an amount with decimals, which are never read as a BSN. */
export const hasDateOrAmount = (text: string): boolean => {
  const normal = normaliseForScan(text);
  return maskDatesAndAmounts(normal) !== normal;
};

/**
 * False when the text cannot hold a BSN, told without normalising it: ASCII text, which normalising
 * leaves as it is, with fewer than nine digits (masking only takes digits away). Most strings of a
 * request (ids, names, codes) are such text; any other character may become digits when normalised.
 */
function mayHoldBsn(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return true;
    if (code >= 0x30 && code <= 0x39 && ++digits === 9) return true;
  }
  return false;
}

/** Whether the text contains something that looks like a valid BSN (in any of the forms above). */
export const containsBsn = (text: string): boolean => mayHoldBsn(text) && scanForBsn(text);

/** containsBsn without its shortcut: normalises and scans any text. */
export function scanForBsn(text: string): boolean {
  const normal = maskDatesAndAmounts(normaliseForScan(text));
  for (const match of normal.matchAll(CHAIN)) {
    const chain = match[0];
    // The whole chain, or one unbroken run of nine digits in it ("C2 123456782").
    const candidates = [chain.replace(/\D/g, ""), ...(chain.match(/\d+/g) ?? [])];
    if (!candidates.some((digits) => digits.length === 9 && passesElevenTest(digits))) continue;
    const end = match.index + chain.length;
    const before = normal.slice(Math.max(0, match.index - 8), match.index);
    // Whole euros: after a currency sign or with ",-".
    if (!CURRENCY_BEFORE.test(before) && !WHOLE_EUROS_AFTER.test(normal.slice(end, end + 2))) return true;
  }
  return false;
}

const VALUE_MESSAGE =
  "contains a number that passes the BSN 11-test; remove it (the number is not repeated here)";
const KEY_MESSAGE =
  "this key contains a number that passes the BSN 11-test; remove it (the number is not repeated here)";

function refusal(hits: FieldError[]): RuleViolation {
  const paths = [...new Set(hits.map((h) => h.path))];
  return new RuleViolation(
    "bsn-refused",
    `${paths.map((h) => `"${h}"`).join(", ")} appear${paths.length === 1 ? "s" : ""} to contain a citizen service number (BSN). ` +
      "Personal identifiers may not be stored: use a pseudonymous candidate reference and leave identifiers out of free text.",
    hits,
  );
}

/**
 * Scans named free-text fields (path → text; undefined/null skipped) and throws
 * RuleViolation("bsn-refused") naming every field that holds a BSN, without repeating it.
 */
export function refuseBsn(fields: Record<string, string | null | undefined>): void {
  const hits = Object.entries(fields)
    .filter(([, text]) => typeof text === "string" && containsBsn(text))
    .map(([path]) => ({ path, message: VALUE_MESSAGE }));
  if (hits.length > 0) throw refusal(hits);
}

/** Structured identifiers are not scanned: KvK, VAT and invoice numbers, IBANs, CPV codes. */
const STRUCTURED_ID = /(kvk|vat|invoiceNumber|iban|cpvCode)$/i;

const join = (path: string, step: string) => (path ? `${path}.${step}` : step);

/** A key holding a BSN is named by its position among the object's keys, so the path never repeats it. */
export const keyStep = (index: number) => `<key ${index}>`;

/**
 * Every BSN in the strings and object keys of a parsed value, each named by its path below `root`.
 * Iterative, so a deeply nested body cannot exhaust the stack; numbers are not text and not scanned.
 */
export function bsnHits(value: unknown, root: string): FieldError[] {
  const hits: FieldError[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop()!;
    if (typeof item === "string") {
      if (containsBsn(item)) hits.push({ path, message: VALUE_MESSAGE });
      continue;
    }
    if (!item || typeof item !== "object") continue;
    const isArray = Array.isArray(item);
    const children: { value: unknown; path: string }[] = [];
    Object.entries(item).forEach(([key, child], index) => {
      let step = key;
      if (!isArray && containsBsn(key)) {
        step = keyStep(index);
        hits.push({ path: join(path, step), message: KEY_MESSAGE });
      }
      if (typeof child === "string" && STRUCTURED_ID.test(key)) return;
      children.push({ value: child, path: join(path, step) });
    });
    // Reversed onto the stack, so hits come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return hits;
}

/** Throws RuleViolation("bsn-refused") for every BSN in the strings and keys of `value` (see bsnHits). */
export function refuseBsnIn(value: unknown, root: string): void {
  const hits = bsnHits(value, root);
  if (hits.length > 0) throw refusal(hits);
}
