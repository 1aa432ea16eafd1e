/**
 * Exact rational arithmetic on bigint numerator/denominator.
 * Money and quantities (FTE 0.8, months 10/31) are combined without float drift;
 * rounding happens once, explicitly, with `roundHalfAwayFromZero`.
 */
import { RuleViolation } from "./errors.js";

export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
};

export function make(n: bigint, d: bigint = 1n): Ratio {
  if (d === 1n) return { n, d };
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Parses a number (by its shortest decimal form, so 0.8 is exactly 8/10) or a decimal string. */
export function ratio(value: number | string | bigint | Ratio): Ratio {
  if (typeof value === "object") return value;
  if (typeof value === "bigint") return make(value);
  // Whole numbers (cents, points, counts) need no parsing: n/1 is already in lowest terms.
  if (typeof value === "number" && Number.isSafeInteger(value)) return { n: BigInt(value), d: 1n };
  if (typeof value === "number" && !Number.isFinite(value))
    throw new RuleViolation("out-of-range", `${value} is not a finite number; check the inputs.`);
  const match = DECIMAL.exec(String(value).trim());
  if (!match) throw new RangeError(`not a decimal number: ${value}`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  let n = BigInt(whole! + fraction);
  let d = 10n ** BigInt(fraction.length);
  const e = Number(exponent);
  // Numbers' own exponents stay within ±324; a longer one in text would build an enormous bigint.
  if (Math.abs(e) > 400)
    throw new RuleViolation("out-of-range", `${value} is out of range; check the inputs.`);
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return make(sign === "-" ? -n : n, d);
}

type Operand = number | string | bigint | Ratio;

export const add = (a: Operand, b: Operand): Ratio => {
  const x = ratio(a);
  const y = ratio(b);
  return make(x.n * y.d + y.n * x.d, x.d * y.d);
};
export const sub = (a: Operand, b: Operand): Ratio => add(a, neg(b));
export const mul = (a: Operand, b: Operand): Ratio => {
  const x = ratio(a);
  const y = ratio(b);
  return make(x.n * y.n, x.d * y.d);
};
export const div = (a: Operand, b: Operand): Ratio => {
  const x = ratio(a);
  const y = ratio(b);
  return make(x.n * y.d, x.d * y.n);
};
export const neg = (a: Operand): Ratio => {
  const x = ratio(a);
  return make(-x.n, x.d);
};
/** Compares by cross-multiplying (no normalising division): the sign of a − b. */
export const cmp = (a: Operand, b: Operand): -1 | 0 | 1 => {
  const x = ratio(a);
  const y = ratio(b);
  const left = x.n * y.d;
  const right = y.n * x.d;
  const order = left < right ? -1 : left > right ? 1 : 0;
  // Denominators are positive once normalised; a hand-built ratio with a negative one flips the order.
  return x.d < 0n !== y.d < 0n ? (-order as -1 | 0 | 1) : order;
};
export const min = (a: Operand, b: Operand): Ratio => (cmp(a, b) <= 0 ? ratio(a) : ratio(b));
export const max = (a: Operand, b: Operand): Ratio => (cmp(a, b) >= 0 ? ratio(a) : ratio(b));
export const sum = (values: Operand[]): Ratio => values.reduce<Ratio>((acc, v) => add(acc, v), make(0n));

/** Rounds to the nearest integer, halves away from zero. */
export function roundHalfAwayFromZero(a: Operand): bigint {
  const { n, d } = ratio(a);
  const abs = n < 0n ? -n : n;
  const rounded = (2n * abs + d) / (2n * d);
  return n < 0n ? -rounded : rounded;
}

const bitLength = (x: bigint) => (x < 0n ? -x : x).toString(2).length;

/** Nearest double; for display and for points, never for money totals. Refuses what no double holds. */
export const toNumber = (a: Operand): number => {
  let { n, d } = ratio(a);
  // Both parts beyond a double's range (a ratio of two huge numbers) still have a finite quotient.
  const excess = Math.max(bitLength(n), bitLength(d)) - 1000;
  if (excess > 0) [n, d] = [n >> BigInt(excess), d >> BigInt(excess)];
  const value = d === 0n ? Number.POSITIVE_INFINITY : Number(n) / Number(d);
  if (!Number.isFinite(value))
    throw new RuleViolation("out-of-range", "a figure is too large to compute; check the inputs.");
  return value;
};

/** Short readable form: integers and terminating decimals as decimals, others as n/d. */
export function format(a: Operand): string {
  const { n, d } = ratio(a);
  if (d === 1n) return n.toString();
  let rest = d;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return `${n}/${d}`;
  const places = Math.max(twos, fives);
  const scaled = (n * 10n ** BigInt(places)) / d;
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
