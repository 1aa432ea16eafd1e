/**
 * The arithmetic of one valuation line (see valuation.ts): Π factors / divisor euros, rounded once,
 * half away from zero, to whole cents, and the exact euros as text when rounding changed them.
 *
 * Lines are many (a bulk upload, a year of entries) and their figures small: rates, FTE, months in
 * days of a month, hours, invoices. While every figure and every product is a safe integer, doubles
 * multiply, divide a multiple and take a remainder exactly, so a line is valued on doubles without
 * a bigint per step; anything larger is valued on bigints (the same result, tested alike).
 */
import {
  format,
  formatFraction,
  gcdOfNumbers,
  product,
  type Ratio,
  roundHalfAwayFromZero,
} from "../exact.js";
import { type Cents, safeCents } from "../money.js";

export interface LineValue {
  cents: Cents;
  /** The exact euros when they were not whole cents ("176000/31", "12.345"), else null. */
  roundedFrom: string | null;
}

export function lineValue(factors: readonly Ratio[], divisor: bigint): LineValue {
  return onDoubles(factors, divisor) ?? onBigints(factors, divisor);
}

/** The value on doubles, or null when a figure or a product leaves the safe integers. */
function onDoubles(factors: readonly Ratio[], divisor: bigint): LineValue | null {
  let n = 1;
  let d = Number(divisor);
  for (const f of factors) {
    // A bigint converts exactly when it is a safe integer, and to no safe integer otherwise.
    const fn = Number(f.n);
    const fd = Number(f.d);
    if (!(Number.isSafeInteger(fn) && Number.isSafeInteger(fd) && fd > 0)) return null;
    n *= fn;
    d *= fd;
  }
  // A product beyond 2^53 may have been rounded; within it, every step was exact.
  const hundredths = Math.abs(n) * 100;
  if (!(hundredths <= Number.MAX_SAFE_INTEGER && d <= Number.MAX_SAFE_INTEGER)) return null;
  // |n| × 100 = q × d + r: rounded is q, plus one from the half up.
  const r = hundredths % d;
  const q = (hundredths - r) / d + (2 * r >= d ? 1 : 0);
  const cents = n < 0 && q !== 0 ? -q : q; // never -0, as the bigint path gives none
  if (r === 0) return { cents, roundedFrom: null };
  const g = gcdOfNumbers(Math.abs(n), d);
  return { cents, roundedFrom: formatFraction(n / g, d / g) };
}

function onBigints(factors: readonly Ratio[], divisor: bigint): LineValue {
  const euros = product(factors, divisor);
  const cents = safeCents(roundHalfAwayFromZero({ n: euros.n * 100n, d: euros.d }));
  return { cents, roundedFrom: (euros.n * 100n) % euros.d === 0n ? null : format(euros) };
}
