/** Read-back schemas of parts that several stored items share. */
import * as z from "zod";

/** Money as stored: euros on the wire's `{ amount, currency }`. */
export const storedMoney = z.looseObject({ amount: z.number(), currency: z.literal("EUR") });

/**
 * A nested document the domain types in full (an award model, a bid's content, a scoring result):
 * checked to be an object with the fields named, read as is (never copied, so nothing is dropped).
 */
export const domainObject = <T>(...fields: string[]) =>
  z.custom<T>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      fields.every((field) => field in value),
    `expected an object with ${fields.join(", ") || "fields"}`,
  );

/** A reviewer's decision on a submitted item (an entry, a base amount). */
export const storedReview = z.looseObject({
  decision: z.enum(["accept", "reject"]),
  reason: z.string(),
  at: z.string(),
  by: z.string(),
  role: z.string(),
  orgId: z.string(),
});
