/**
 * Number formats of the reports, written out rather than taken from Intl: the same figures give the
 * same text (and so the same PDF bytes) on every Node build, whatever ICU data it carries.
 */
import { MONTH_TICKS } from "../domain/sroi/months.js";
import { FTE_SCALE } from "../contracts/entries/model.js";

export interface NumberStyle {
  /** Between groups of three digits: "." in Dutch, "," in English. */
  group: string;
  decimal: string;
}

export const DUTCH: NumberStyle = { group: ".", decimal: "," };
export const ENGLISH: NumberStyle = { group: ",", decimal: "." };

/** A whole number of `10^-decimals` units as text: fixed(123456789n, 2, DUTCH) = "1.234.567,89". */
export function fixed(units: bigint | number, decimals: number, style: NumberStyle): string {
  const value = BigInt(units);
  const sign = value < 0n ? "-" : "";
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  let grouped = "";
  for (let end = whole.length; end > 0; end -= 3) {
    const part = whole.slice(Math.max(0, end - 3), end);
    grouped = grouped === "" ? part : part + style.group + grouped;
  }
  return sign + grouped + (decimals > 0 ? style.decimal + fraction : "");
}

/** n / d rounded half away from zero to a whole number (d > 0). */
export function roundedQuotient(n: bigint, d: bigint): bigint {
  const q = (n < 0n ? -n : n) * 2n + d;
  const rounded = q / (2n * d);
  return n < 0n ? -rounded : rounded;
}

/** Months from ticks (MONTH_TICKS a month), in hundredths. */
export const monthHundredths = (ticks: number): bigint => roundedQuotient(BigInt(ticks) * 100n, MONTH_TICKS);

/** FTE-months from FTE units (FTE_SCALE × ticks), in hundredths. */
export const fteMonthHundredths = (units: number): bigint =>
  roundedQuotient(BigInt(units) * 100n, FTE_SCALE * MONTH_TICKS);

/** A percentage with one decimal (as the domain gives it) in tenths, exactly. */
export const percentTenths = (percent: number): bigint => BigInt(Math.round(percent * 10));
