/**
 * Months between two dates (see lib/domain/sroi/README.md, Valuation): whole calendar months plus
 * the remaining days as a fraction of the month they fall in.
 *
 * Convention (decided here, tested in test/unit/sroi/months.test.ts):
 * - Both dates are ISO calendar dates (yyyy-mm-dd) and the END DATE IS INCLUSIVE: an employment
 *   reported from 2024-01-01 to 2024-01-31 is exactly 1 month, 2024-01-01 to 2024-12-31 exactly 12.
 * - Every day weighs 1 / (number of days of its own calendar month). A whole calendar month therefore
 *   counts exactly 1, and the days left at either end count as a fraction of the month they fall in
 *   (15-31 January = 17/31). A period that runs into two partial months counts each part against its
 *   own month (20 Feb - 5 Mar 2024 = 10/29 + 5/31).
 * - Consequence: the measure is additive: splitting a period into two adjacent periods never changes
 *   the total, so entries reported month by month add up to the same months as one long entry.
 * The result is an exact Ratio; every such value is a whole multiple of 1/MONTH_TICKS.
 */
import { add, cmp, type Ratio, make, min, ratio, sub } from "../exact.js";
import { isIsoDate } from "../dates.js";

/** lcm(28, 29, 30, 31): every months-between-dates value is a whole number of these ticks. */
export const MONTH_TICKS = 377580n;

const DAY_MS = 86_400_000;

function parts(date: string, path: string): { y: number; m: number; d: number } {
  if (!isIsoDate(date)) throw new RangeError(`${path}: not an ISO date (yyyy-mm-dd): ${date}`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

export const daysInMonth = (year: number, month1: number): number =>
  new Date(Date.UTC(year, month1, 0)).getUTCDate();

/** Day number (days since 1970-01-01) of an ISO date. */
export function dayNumber(date: string): number {
  const { y, m, d } = parts(date, "date");
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Months from `start` to `end`, both inclusive. Throws RangeError when end is before start. */
export function monthsBetween(start: string, end: string): Ratio {
  const s = parts(start, "start");
  const e = parts(end, "end");
  if (end < start) throw new RangeError("end date is before start date");
  let total = make(0n);
  let y = s.y;
  let m = s.m;
  for (;;) {
    const dim = daysInMonth(y, m);
    const first = y === s.y && m === s.m ? s.d : 1;
    const last = y === e.y && m === e.m ? e.d : dim;
    total = add(total, make(BigInt(last - first + 1), BigInt(dim)));
    if (y === e.y && m === e.m) return total;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/** How months are counted between two dates: a region's policy names one (`monthCounting`). */
export const MONTH_COUNTING = ["calendar-fraction", "anniversary"] as const;
export type MonthCounting = (typeof MONTH_COUNTING)[number];
/** The rule of policies that name none (every policy stored before the option existed). */
export const DEFAULT_MONTH_COUNTING: MonthCounting = "calendar-fraction";

/** The ISO date `k` calendar months after (y, m, d), the day clamped to the length of its month. */
function anniversary(y: number, m: number, d: number, k: number): number {
  const index = y * 12 + (m - 1) + k;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return Date.UTC(year, month - 1, Math.min(d, daysInMonth(year, month))) / DAY_MS;
}

/**
 * Anniversary months from `start` to `end`, both inclusive (see lib/domain/sroi/README.md, Month
 * counting): a month runs from a day to the day before the same day of the next month, so 15 January to
 * 14 February is exactly 1. The k-th anniversary of the start is the same day k months on, clamped to the
 * month's last day (31 January → 29 February → 31 March). Whole months = the anniversaries reached by
 * the day after the end; the days after the last one count as a fraction of the anniversary month they
 * fall in (its length, 28 to 31 days). Unlike calendar-fraction it is not additive: each period counts
 * from its own start date.
 */
export function anniversaryMonthsBetween(start: string, end: string): Ratio {
  const s = parts(start, "start");
  parts(end, "end");
  if (end < start) throw new RangeError("end date is before start date");
  const after = dayNumber(end) + 1;
  // A first guess from the calendar, corrected by at most one month either way.
  const e = parts(end, "end");
  let whole = Math.max(0, (e.y - s.y) * 12 + (e.m - s.m) - 1);
  while (anniversary(s.y, s.m, s.d, whole + 1) <= after) whole += 1;
  while (whole > 0 && anniversary(s.y, s.m, s.d, whole) > after) whole -= 1;
  const from = anniversary(s.y, s.m, s.d, whole);
  const length = anniversary(s.y, s.m, s.d, whole + 1) - from;
  return add(make(BigInt(whole)), make(BigInt(after - from), BigInt(length)));
}

/** Months from `start` to `end` (both inclusive) by the named rule. */
export const countMonths = (rule: MonthCounting, start: string, end: string): Ratio =>
  rule === "anniversary" ? anniversaryMonthsBetween(start, end) : monthsBetween(start, end);

/** Whether two inclusive date ranges share at least one day. */
export const periodsOverlap = (aStart: string, aEnd: string, bStart: string, bEnd: string): boolean =>
  aStart <= bEnd && bStart <= aEnd;

/** Exact months → integer ticks (for atomic ADD counters). Throws when not a whole number of ticks. */
export function monthsToTicks(months: Ratio): bigint {
  const scaled = make(months.n * MONTH_TICKS, months.d);
  if (scaled.d !== 1n) throw new RangeError("months are not a whole number of ticks");
  return scaled.n;
}

export const ticksToMonths = (ticks: bigint | number): Ratio => make(BigInt(ticks), MONTH_TICKS);

/**
 * Counting maximum per candidate (see lib/domain/sroi/README.md, Counting maximum): given the months
 * of this candidate in this block that came before (`before`), how many of `months` still count
 * under `maxMonths` (null = no limit).
 * Counted = min(before + months, max) - min(before, max), never negative. Applied to a cumulative
 * counter in order, the counted months of all entries add up to min(Σ months, max).
 */
export function allocateCountedMonths(
  maxMonths: number | null | undefined,
  before: Ratio,
  months: Ratio,
): Ratio {
  if (maxMonths === null || maxMonths === undefined) return months;
  const cap = ratio(maxMonths);
  const counted = sub(min(add(before, months), cap), min(before, cap));
  return cmp(counted, 0) < 0 ? make(0n) : counted;
}

/** Parses "165/31", "-3/4", "1.5" or "12" into an exact Ratio (the stored form of months). */
export function parseRatio(text: string): Ratio {
  const slash = /^([+-]?\d+)\/(\d+)$/.exec(text.trim());
  if (slash) return make(BigInt(slash[1]!), BigInt(slash[2]!));
  return ratio(text);
}

/** Exact, lossless text form of a Ratio (inverse of parseRatio). */
export const ratioText = (r: Ratio): string => (r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`);
