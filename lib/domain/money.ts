import { RuleViolation } from "./errors.js";
import { format, make, type Ratio, ratio, roundHalfAwayFromZero } from "./exact.js";

/** Money inside the service: whole euro cents as a safe integer. */
export type Cents = number;

/** Money on the wire: euros with at most 2 decimals. */
export interface Money {
  amount: number;
  currency: "EUR";
}

export const CURRENCY = "EUR" as const;

/**
 * Cents are exact as long as they are safe integers (±2^53, about EUR 90 trillion). A figure beyond
 * that (a factor of a million on ten billion euros) is refused as out of range (422), never rounded
 * silently or crashed on.
 */
export function safeCents(cents: bigint | number, what = "an amount"): Cents {
  const value = Number(cents);
  if (!Number.isSafeInteger(value))
    throw new RuleViolation(
      "out-of-range",
      `${what} is outside the range the service computes exactly (at most EUR 90 trillion); check the inputs.`,
    );
  return value;
}

/** Sum of cents, refused as out of range rather than losing precision. */
export const sumCents = (values: readonly Cents[], what?: string): Cents =>
  safeCents(
    values.reduce((acc, v) => acc + BigInt(safeCents(v, what)), 0n),
    what,
  );

/** Below this many euros, the doubles next to an amount lie far closer together than a cent. */
const SMALL_AMOUNT = 1e9;

/** Exact conversion of a wire amount; throws RangeError when it has more than 2 decimals. */
export function centsFromAmount(amount: number | string): Cents {
  if (typeof amount === "number" && Math.abs(amount) < SMALL_AMOUNT) {
    // Every bid and line has an amount: the cents without parsing its text. Below SMALL_AMOUNT only
    // one number of cents can be the double `amount`, so when c / 100 is `amount`, the amount's
    // shortest decimal form (what ratio() parses) is c / 100. Else it is parsed (and refused) below.
    const cents = Math.round(amount * 100);
    if (cents / 100 === amount) return cents === 0 ? 0 : cents; // no -0, as the parsed path gives none
  }
  const euros = ratio(amount);
  const scaled = make(euros.n * 100n, euros.d);
  if (scaled.d !== 1n) throw new RangeError("an amount has at most 2 decimals");
  return safeCents(scaled.n);
}

/**
 * Whether amounts can be summed in any order and any grouping without leaving the exact integers
 * (Σ|amount| ≤ 2^53 − 1): a running total beyond that would be stored and compared wrongly.
 */
export function sumsExactly(amounts: readonly Cents[]): boolean {
  let total = 0n;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) return false;
    total += BigInt(a < 0 ? -a : a);
  }
  return total <= BigInt(Number.MAX_SAFE_INTEGER);
}

export const centsFromMoney = (money: Money): Cents => centsFromAmount(money.amount);

export const toMoney = (cents: Cents): Money => ({ amount: cents / 100, currency: CURRENCY });

/** Euros as an exact ratio, rounded half away from zero to whole cents (lib/domain/scoring/README.md). */
export function roundEurosToCents(euros: Ratio | number | string): Cents {
  const scaled = ratio(euros);
  return safeCents(roundHalfAwayFromZero({ n: scaled.n * 100n, d: scaled.d }));
}

/** Cents as an exact euro ratio, for use in formulas. */
export const eurosOf = (cents: Cents): Ratio => make(BigInt(safeCents(cents)), 100n);

/** "1234.5" → "1234.50": the euro amount as written in formulas and reports. */
export function formatEuros(cents: Cents): string {
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100);
  // The cents by subtraction: exact, where % on a double beyond 2^31 is a library call.
  const rest = abs - euros * 100;
  return `${cents < 0 ? "-" : ""}${euros}${rest < 10 ? ".0" : "."}${rest}`;
}

/** Percentage to 1 decimal, half away from zero. */
export function percentOneDecimal(part: Ratio | number, whole: Ratio | number): number {
  const p = ratio(part);
  const w = ratio(whole);
  if (w.n === 0n) return 0;
  const tenths = roundHalfAwayFromZero({ n: p.n * w.d * 1000n, d: p.d * w.n });
  return Number(tenths) / 10;
}

/** A percentage shown to 1 decimal: "45.0", "5.0". */
export const formatPercentOneDecimal = (part: Ratio | number, whole: Ratio | number): string =>
  percentOneDecimal(part, whole).toFixed(1);

export { format as formatRatio };
