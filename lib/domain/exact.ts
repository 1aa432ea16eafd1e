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

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const INT32_MAX = 2 ** 31 - 1;

/**
 * Euclid on non-negative safe integers: exact on doubles, and allocates nothing. `%` on doubles is a
 * library call, so once both fit in 31 bits the loop goes on in int32, where it is one instruction
 * (three times faster over the figures scoring reduces: prices, points, percentages).
 */
export function gcdOfNumbers(p: number, q: number): number {
  while (p > INT32_MAX || q > INT32_MAX) {
    if (q === 0) return p;
    const rest = p % q;
    p = q;
    q = rest;
  }
  let a = p | 0;
  let b = q | 0;
  while (b !== 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  if (x <= SAFE && y <= SAFE) {
    const g = gcdOfNumbers(Number(x), Number(y));
    return g === 1 ? 1n : BigInt(g);
  }
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
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Numbers parsed lately (FTE 0.8, EUR 0.312 per kg, weights): the same few recur in every line. */
const parsedNumbers = new Map<number, Ratio>();
const PARSED_NUMBERS_KEPT = 1024;

/** Parses a number (by its shortest decimal form, so 0.8 is exactly 8/10) or a decimal string. */
export function ratio(value: number | string | bigint | Ratio): Ratio {
  if (typeof value === "object") return value;
  if (typeof value === "bigint") return make(value);
  if (typeof value === "number") {
    // Whole numbers (cents, points, counts) need no parsing: n/1 is already in lowest terms.
    if (Number.isSafeInteger(value)) return { n: BigInt(value), d: 1n };
    const known = parsedNumbers.get(value);
    if (known) return known;
    const parsed = parseDecimal(value);
    if (parsedNumbers.size >= PARSED_NUMBERS_KEPT) parsedNumbers.clear();
    parsedNumbers.set(value, parsed);
    return parsed;
  }
  return parseDecimal(value);
}

function parseDecimal(value: number | string): Ratio {
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
/** Π factors / divisor, reduced once at the end rather than after every step. */
export function product(factors: readonly Ratio[], divisor = 1n): Ratio {
  let n = 1n;
  let d = divisor;
  for (const f of factors) {
    n *= f.n;
    d *= f.d;
  }
  return make(n, d);
}

/** Σ values over the least common denominator, reduced once at the end. */
export const sum = (values: Operand[]): Ratio => {
  let n = 0n;
  let d = 1n;
  for (const value of values) {
    const x = ratio(value).d < 0n ? make(ratio(value).n, ratio(value).d) : ratio(value);
    if (x.d === d) n += x.n;
    else if (d % x.d === 0n) n += x.n * (d / x.d);
    else {
      const lcm = (d / gcd(d, x.d)) * x.d;
      n = n * (lcm / d) + x.n * (lcm / x.d);
      d = lcm;
    }
  }
  return make(n, d);
};

/** Rounds to the nearest integer, halves away from zero. */
export function roundHalfAwayFromZero(a: Operand): bigint {
  const { n, d } = ratio(a);
  const abs = n < 0n ? -n : n;
  const rounded = (2n * abs + d) / (2n * d);
  return n < 0n ? -rounded : rounded;
}

const bitLength = (x: bigint) => (x < 0n ? -x : x).toString(2).length;
const WIDE = 1n << 999n;
const MINUS_WIDE = -WIDE; // a constant: negating a 1000-bit bigint on every call allocates one
const isWide = (x: bigint) => x >= WIDE || x <= MINUS_WIDE;

/** Nearest double; for display and for points, never for money totals. Refuses what no double holds. */
export const toNumber = (a: Operand): number => {
  let { n, d } = ratio(a);
  // Parts whose nearest doubles lie below 2^999 are below it themselves (rounding keeps the order):
  // nothing needs shifting, and the quotient is the one below, found without comparing bigints.
  const x = Number(n);
  const y = Number(d);
  if (Math.abs(x) < 2 ** 999 && Math.abs(y) < 2 ** 999 && y !== 0) return x / y;
  // Both parts beyond a double's range (a ratio of two huge numbers) still have a finite quotient.
  // Only parts of more than 1000 bits need shifting (their bit length is costly to take).
  const excess = isWide(n) || isWide(d) ? Math.max(bitLength(n), bitLength(d)) - 1000 : 0;
  if (excess > 0) [n, d] = [n >> BigInt(excess), d >> BigInt(excess)];
  const value = d === 0n ? Number.POSITIVE_INFINITY : Number(n) / Number(d);
  if (!Number.isFinite(value))
    throw new RuleViolation("out-of-range", "a figure is too large to compute; check the inputs.");
  return value;
};

/** How often 2 and 5 divide d, and whether nothing else does (then n/d is a terminating decimal). */
function factorsOfTen(d: bigint): { twos: number; fives: number; rest: boolean } {
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
  return { twos, fives, rest: rest === 1n };
}

/** The same for a denominator that is a safe integer, on numbers (exact, and without allocating bigints). */
function factorsOfTenSmall(d: number): { twos: number; fives: number; rest: boolean } {
  let rest = d;
  let twos = 0;
  let fives = 0;
  while (rest % 2 === 0) {
    rest /= 2;
    twos++;
  }
  while (rest % 5 === 0) {
    rest /= 5;
    fives++;
  }
  return { twos, fives, rest: rest === 1 };
}

/** Short readable form: integers and terminating decimals as decimals, others as n/d. */
export function format(a: Operand): string {
  const { n, d } = ratio(a);
  if (d === 1n) return n.toString();
  // A bigint converts exactly when it is a safe integer, and to no safe integer otherwise.
  const smallN = Number(n);
  const smallD = Number(d);
  if (Number.isSafeInteger(smallN) && Number.isSafeInteger(smallD) && smallD > 0)
    return formatFraction(smallN, smallD);
  const { twos, fives, rest } = d <= SAFE ? factorsOfTenSmall(Number(d)) : factorsOfTen(d);
  if (!rest) return `${n}/${d}`;
  const places = Math.max(twos, fives);
  const negative = n < 0n;
  const scaled = ((negative ? -n : n) * 10n ** BigInt(places)) / d;
  return withPoint(negative, scaled.toString(), places);
}

/** 10^0 … 10^15, each exactly a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => Number(10n ** BigInt(i)));

/**
 * format() of n/d given as safe integers, d > 0: the same text without a bigint. The digits of a
 * terminating decimal, n × 10^places / d, are a whole number: exact on doubles while the product is a
 * safe integer (then the quotient of a multiple is exact too).
 */
export function formatFraction(n: number, d: number): string {
  if (d === 1) return String(n);
  const { twos, fives, rest } = factorsOfTenSmall(d);
  if (!rest) return `${n}/${d}`;
  const places = Math.max(twos, fives);
  const negative = n < 0;
  const abs = negative ? -n : n;
  const scaled = places < POWERS_OF_TEN.length ? abs * POWERS_OF_TEN[places]! : Number.POSITIVE_INFINITY;
  const digits =
    scaled <= Number.MAX_SAFE_INTEGER
      ? String(scaled / d)
      : ((BigInt(abs) * 10n ** BigInt(places)) / BigInt(d)).toString();
  return withPoint(negative, digits, places);
}

/** Digits with a decimal point before the last `places` of them. */
function withPoint(negative: boolean, digits: string, places: number): string {
  const padded = digits.padStart(places + 1, "0");
  return `${negative ? "-" : ""}${padded.slice(0, -places)}.${padded.slice(-places)}`;
}
