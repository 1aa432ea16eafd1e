import { z } from "zod";
import { isIsoDate, isIsoDateTime } from "../domain/dates.js";
import type { RuleViolation } from "../domain/errors.js";
import { centsFromAmount } from "../domain/money.js";

/** Money on the wire: euros with at most 2 decimals, EUR only for now. */
export const moneySchema = z
  .object({
    amount: z
      .number()
      .finite()
      .refine(
        (amount) => {
          try {
            centsFromAmount(amount);
            return true;
          } catch {
            return false;
          }
        },
        { message: "at most 2 decimals" },
      ),
    currency: z.literal("EUR"),
  })
  .strict();

export const nonNegativeMoneySchema = moneySchema.refine((m) => m.amount >= 0, {
  message: "must not be negative",
  path: ["amount"],
});

/** Human-chosen ids (regions, organisations): lowercase slugs, stable in URLs. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, "lowercase letters, digits and hyphens, 3-64 characters");

export const kvkSchema = z.string().regex(/^\d{8}$/, "a KvK number has exactly 8 digits");

/**
 * An array of at most `max` items where more is a rule refusing the request (422 with the
 * violation's code, e.g. too-many-bids), not malformed input. The length is checked before any item
 * is parsed, so an oversized array costs no more than the cap.
 */
export function cappedArray<T extends z.ZodType>(
  item: T,
  max: number,
  violation: (count: number) => RuleViolation,
) {
  return z
    .array(z.unknown())
    .superRefine((items, ctx) => {
      if (items.length <= max) return;
      const refused = violation(items.length);
      ctx.addIssue({
        code: "custom",
        message: refused.errors[0]?.message ?? refused.message,
        params: { rule: refused.code, detail: refused.message },
      });
    })
    .pipe(z.array(item).max(max));
}

/** A record of at most `maxEntries` keys (records take any key, so their size needs its own bound). */
export const boundedRecord = <K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K,
  value: V,
  maxEntries: number,
) =>
  z
    .record(key, value)
    .refine((record) => Object.keys(record).length <= maxEntries, `at most ${maxEntries} entries`);

/** ?limit=&cursor= on every list endpoint (architecture.md: default 50, max 500). */
export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

/** Dates and instants: zod's format (for the OpenAPI document) and the domain's field-by-field check. */
export const isoDateSchema = z.iso
  .date({ abort: true })
  .refine(isIsoDate, "not a date that exists (yyyy-mm-dd)");
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, abort: true })
  .refine(isIsoDateTime, "not a date-time that exists (with an offset or Z)");
