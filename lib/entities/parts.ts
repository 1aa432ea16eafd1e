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
