import * as z from "zod";
import { isIsoDate, isIsoDateTime } from "../domain/dates.js";
import type { RuleViolation } from "../domain/errors.js";
import { ratio } from "../domain/exact.js";
import { PSO_LEVEL_NAMES, PSO_LEVELS } from "../domain/sroi/pso.js";
import { showNumber } from "../domain/words.js";

/**
 * Every number on the wire has a documented range (README, "Number ranges"): the arithmetic behind it
 * stays exact and far from the limits of integer cents, and a typing error (3e11 hours) is a 400
 * instead of a figure. Each range is in the field's error message and its description (OpenAPI).
 */
export interface NumberRange {
  min: number;
  max: number;
  /** The minimum itself is not allowed (e.g. FTE above 0). */
  exclusiveMin?: boolean;
  int?: boolean;
  /**
   * At most this many decimals (default 6), checked exactly: 0.1 + 0.2 has 17. It also keeps stored
   * numbers within DynamoDB's range (nothing between 0 and 1e-130).
   */
  decimals?: number;
}

/** Exactly: the number's shortest decimal form has at most `places` decimals. */
const hasAtMostDecimals = (value: number, places: number): boolean =>
  Number.isFinite(value) && 10n ** BigInt(places) % ratio(value).d === 0n;

/** A number in a documented range; `what` names it in messages and in the description. */
export function numberIn(what: string, range: NumberRange) {
  const { min, max, exclusiveMin = false, int = false } = range;
  const decimals = int ? undefined : (range.decimals ?? 6);
  const bounds = exclusiveMin
    ? `more than ${showNumber(min)} and at most ${showNumber(max)}`
    : `${showNumber(min)} to ${showNumber(max)}`;
  const message = `${what}: ${bounds}`;
  let schema = z.number({ error: `${what}: a number, ${bounds}` });
  if (int) schema = schema.int(`${what}: a whole number, ${bounds}`);
  schema = (exclusiveMin ? schema.gt(min, message) : schema.min(min, message)).max(max, message);
  const places = decimals === undefined ? "" : `, at most ${decimals} decimal${decimals === 1 ? "" : "s"}`;
  const refined =
    decimals === undefined
      ? schema
      : schema.refine((v) => hasAtMostDecimals(v, decimals), `${what}: at most ${decimals} decimals`);
  return refined.describe(
    `${what[0]!.toUpperCase()}${what.slice(1)}: ${bounds}${int ? ", whole" : ""}${places}.`,
  );
}

/** The largest amount of money on the wire: EUR 10 billion (a contract, a bid, an invoice, a policy cap). */
export const MAX_EUROS = 10_000_000_000;
/** Factors and weights that multiply amounts (MKI valuation, true-price weight, credit, catalogue factor). */
export const MAX_FACTOR = 1_000_000;
/** Points of an award model (a criterion's maximum, the price's maximum). */
export const MAX_POINTS = 100_000;
/** Values of a scoring scale and the scores given on it. */
export const MAX_SCALE = 1_000_000;
/** Months of employment or a contract: 50 years. */
export const MAX_MONTHS = 600;

export const percentSchema = numberIn("a percentage", { min: 0, max: 100 });
export const shareSchema = numberIn("a share", { min: 0, max: 1 });
export const versionNumberSchema = numberIn("a version", { min: 1, max: 1_000_000_000, int: true });
export const monthsSchema = numberIn("months", { min: 0, max: MAX_MONTHS });
export const fteSchema = numberIn("FTE", { min: 0, max: 1, exclusiveMin: true, decimals: 4 });
export const hoursSchema = numberIn("hours", { min: 0, max: 100_000, decimals: 2 });
export const unitsSchema = numberIn("units", { min: 0, max: 1_000_000, decimals: 2 });
/** A Prestatieladder Socialer Ondernemen level by name; the digits of before are refused. */
export const psoLevelSchema = z
  .enum(PSO_LEVELS, { error: `a PSO level by name: one of ${PSO_LEVEL_NAMES} (digits are no longer taken)` })
  .describe(`Prestatieladder Socialer Ondernemen level: one of ${PSO_LEVEL_NAMES}.`);

const amountSchema = (min: number) => numberIn("an amount in euros", { min, max: MAX_EUROS, decimals: 2 });

/** Money on the wire: euros with at most 2 decimals, EUR only for now. */
export const moneySchema = z
  .object({ amount: amountSchema(-MAX_EUROS), currency: z.literal("EUR") })
  .strict();

export const nonNegativeMoneySchema = z
  .object({ amount: amountSchema(0), currency: z.literal("EUR") })
  .strict();

/** Human-chosen ids (regions, organisations): lowercase slugs, stable in URLs. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, "lowercase letters, digits and hyphens, 3-64 characters");

export const kvkSchema = z.string().regex(/^\d{8}$/, "a KvK number has exactly 8 digits");

/**
 * An array of at most `max` items where more is a rule refusing the request (422 with the
 * violation's code, e.g. too-many-bids), not malformed input. The length is checked before any item
 * is parsed, so an oversized array costs no more than the cap. A preprocess rather than a refinement,
 * so the JSON Schema of the input is the array of items (with `maxItems`) and the cap is described.
 */
export function cappedArray<T extends z.ZodType>(
  item: T,
  max: number,
  violation: (count: number) => RuleViolation,
) {
  return z
    .preprocess((items, ctx) => {
      if (!Array.isArray(items) || items.length <= max) return items;
      const refused = violation(items.length);
      ctx.addIssue({
        code: "custom",
        message: refused.errors[0]?.message ?? refused.message,
        params: { rule: refused.code, detail: refused.message },
      });
      return items;
    }, z.array(item).max(max))
    .describe(`At most ${max} items; more is refused with 422 ${violation(max + 1).code}.`);
}

/** A record of at most `maxEntries` keys (records take any key, so their size needs its own bound). */
export const boundedRecord = <K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K,
  value: V,
  maxEntries: number,
) =>
  z
    .record(key, value)
    .refine((record) => Object.keys(record).length <= maxEntries, `at most ${maxEntries} entries`)
    .meta({ maxProperties: maxEntries });

/** ?limit=&cursor= on every list endpoint: default 50, at most 500. */
export const pageQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1, "from 1 to 500")
      .max(500, "from 1 to 500")
      .default(50)
      .describe("Items per page: 1 to 500, default 50."),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

/** A list response: one page of items and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });

/** Dates and instants: zod's format (for the OpenAPI document) and the domain's field-by-field check. */
export const isoDateSchema = z.iso
  .date({ abort: true })
  .refine(isIsoDate, "not a date that exists (yyyy-mm-dd)")
  .describe("A calendar date that exists: yyyy-mm-dd.");
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, abort: true })
  .refine(isIsoDateTime, "not a date-time that exists (with an offset or Z)")
  .describe("An instant that exists: ISO 8601 date and time with an offset or Z.");
