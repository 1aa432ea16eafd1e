/**
 * Report periods and reporting-period labels. A report period is whole months `YYYY-MM`, both
 * inclusive. An entry's period is a label (`2026`, `2026-H1`, `2026-Q3`, `2026-07`) and counts in the
 * month the label ends in. Pure, no clock.
 */
import { type FieldError, InvalidInput } from "../errors.js";
import { daysInMonth, periodsOverlap } from "../sroi/months.js";
import type { ReportingFrequency, ReportPeriod } from "./model.js";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const LABEL = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

/** The longest period a report covers: ten years (its previous period is as long again). */
export const MAX_PERIOD_MONTHS = 120;

export const isMonth = (value: string): boolean => MONTH.test(value);

/** Months counted from January of year 0: consecutive months have consecutive indexes. */
export function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthAt(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= 10_000 * 12)
    throw new RangeError("a month outside the years 0000 to 9999");
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}

export const addMonths = (month: string, count: number): string => monthAt(monthIndex(month) + count);

/** Whether `month` lies in the period (both ends inclusive). */
export const monthInPeriod = (month: string, period: ReportPeriod): boolean =>
  period.from <= month && month <= period.to;

/** What is wrong with a period, by field (empty when it is valid). */
export function periodErrors(period: { from: string; to: string }, path = "period"): FieldError[] {
  const errors: FieldError[] = [];
  if (!isMonth(period.from)) errors.push({ path: `${path}.from`, message: "a month, YYYY-MM" });
  if (!isMonth(period.to)) errors.push({ path: `${path}.to`, message: "a month, YYYY-MM" });
  if (errors.length > 0) return errors;
  if (period.from > period.to)
    errors.push({ path: `${path}.to`, message: "on or after the first month (both are inclusive)" });
  else if (periodLength(period) > MAX_PERIOD_MONTHS)
    errors.push({ path: `${path}.to`, message: `at most ${MAX_PERIOD_MONTHS} months after the first` });
  else if (monthIndex(period.from) < periodLength(period))
    errors.push({ path: `${path}.from`, message: "too early to have a previous period" });
  return errors;
}

/** The period, checked; InvalidInput (400) naming the wrong field otherwise. */
export function parsePeriod(period: { from: string; to: string }, path = "period"): ReportPeriod {
  const errors = periodErrors(period, path);
  if (errors.length > 0) throw new InvalidInput(errors);
  return { from: period.from, to: period.to };
}

/** Number of months in the period. */
export const periodLength = (period: ReportPeriod): number =>
  monthIndex(period.to) - monthIndex(period.from) + 1;

/** Every month of the period, in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const first = monthIndex(period.from);
  return Array.from({ length: periodLength(period) }, (_, i) => monthAt(first + i));
}

/** The period of the same length that ends the month before this one starts. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const length = periodLength(period);
  return { from: addMonths(period.from, -length), to: addMonths(period.from, -1) };
}

export const firstDayOf = (period: ReportPeriod): string => `${period.from}-01`;

/** The period's last day (inclusive), `YYYY-MM-DD`. */
export function lastDayOf(period: ReportPeriod): string {
  const index = monthIndex(period.to);
  return `${period.to}-${String(daysInMonth(Math.floor(index / 12), (index % 12) + 1)).padStart(2, "0")}`;
}

/** A calendar date `count` months later, on the same day or the month's last day when it has fewer. */
export function addMonthsToDate(date: string, count: number): string {
  const month = addMonths(date.slice(0, 7), count);
  const index = monthIndex(month);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(Math.floor(index / 12), (index % 12) + 1));
  return `${month}-${String(day).padStart(2, "0")}`;
}

/** The first and last month a reporting-period label covers. */
export function monthsOfLabel(label: string): ReportPeriod {
  const m = LABEL.exec(label);
  if (!m) throw new RangeError(`not a reporting period (2026, 2026-H1, 2026-Q3, 2026-07): ${label}`);
  const year = m[1]!;
  const part = m[2];
  const month = (n: number) => `${year}-${String(n).padStart(2, "0")}`;
  if (part === undefined) return { from: month(1), to: month(12) };
  if (part[0] === "H")
    return part === "H1" ? { from: month(1), to: month(6) } : { from: month(7), to: month(12) };
  if (part[0] === "Q") {
    const q = Number(part.slice(1));
    return { from: month(q * 3 - 2), to: month(q * 3) };
  }
  return { from: month(Number(part)), to: month(Number(part)) };
}

/** The month an entry with this reporting-period label counts in: `2026-H1` → `2026-06`. */
export const lastMonthOfLabel = (label: string): string => monthsOfLabel(label).to;

const MONTHS_PER_LABEL: Record<ReportingFrequency, number> = {
  monthly: 1,
  quarterly: 3,
  "half-yearly": 6,
  yearly: 12,
};

/** The label of the reporting period of `frequency` that ends in `month` (which must be such an end). */
function labelEndingIn(frequency: ReportingFrequency, month: string): string {
  const year = month.slice(0, 4);
  const n = Number(month.slice(5, 7));
  if (frequency === "monthly") return month;
  if (frequency === "quarterly") return `${year}-Q${n / 3}`;
  if (frequency === "half-yearly") return `${year}-H${n / 6}`;
  return year;
}

/** The reporting-period labels of `frequency` whose last month lies in the period, in order. */
export function labelsEndingIn(frequency: ReportingFrequency, period: ReportPeriod): string[] {
  const step = MONTHS_PER_LABEL[frequency];
  return monthsOf(period)
    .filter((month) => Number(month.slice(5, 7)) % step === 0)
    .map((month) => labelEndingIn(frequency, month));
}

export interface EntryDueInput {
  frequency: ReportingFrequency;
  /** The contract's dates, both inclusive. */
  startDate: string;
  endDate: string;
  period: ReportPeriod;
  /** Labels ending after this date (`YYYY-MM-DD`) have not ended yet, so nothing is due for them. */
  asOf: string;
}

/**
 * The reporting periods (labels of the policy's frequency) for which an entry was due in the period:
 * the label ends in the period, on or before `asOf`, and the contract ran on at least one of its days.
 */
export function dueLabels(input: EntryDueInput): string[] {
  return labelsEndingIn(input.frequency, input.period).filter((label) => {
    const span = monthsOfLabel(label);
    const last = lastDayOf(span);
    return last <= input.asOf && periodsOverlap(firstDayOf(span), last, input.startDate, input.endDate);
  });
}

/** Whether at least one entry was due in the period by the policy's reporting frequency. */
export const entryDue = (input: EntryDueInput): boolean => dueLabels(input).length > 0;
