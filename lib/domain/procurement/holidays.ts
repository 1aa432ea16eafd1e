/**
 * The generally recognised public holidays of the Algemene termijnenwet (art. 3), on ISO dates
 * (yyyy-mm-dd). Good Friday is not one. Pure: computed per year, Easter by the Gregorian computus.
 */
import { addDays } from "../sroi/balance.js";

/** Easter Sunday of `year` (Gregorian calendar; the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

export const isWeekend = (date: string): boolean => {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
};

export interface Holiday {
  date: string;
  name: string;
}

/** The Act's holidays in `year`, in date order. */
export function holidaysOf(year: number): Holiday[] {
  const easter = easterSunday(year);
  const kingsDay = isoDate(year, 4, 27);
  return [
    { date: isoDate(year, 1, 1), name: "Nieuwjaarsdag" },
    { date: addDays(easter, 1), name: "Tweede Paasdag" },
    // Koningsdag moves to Saturday 26 April when 27 April is a Sunday.
    { date: weekdayOf(kingsDay) === 0 ? isoDate(year, 4, 26) : kingsDay, name: "Koningsdag" },
    { date: isoDate(year, 5, 5), name: "Bevrijdingsdag" },
    { date: addDays(easter, 39), name: "Hemelvaartsdag" },
    { date: addDays(easter, 50), name: "Tweede Pinksterdag" },
    { date: isoDate(year, 12, 25), name: "Eerste Kerstdag" },
    { date: isoDate(year, 12, 26), name: "Tweede Kerstdag" },
  ].sort((x, y) => x.date.localeCompare(y.date));
}

/** The holiday on `date`, if it is one. */
export const holidayOn = (date: string): Holiday | undefined =>
  holidaysOf(Number(date.slice(0, 4))).find((h) => h.date === date);

/** A Saturday, a Sunday or a holiday of the Act: a period may not end on it. */
export const isNonWorkingDay = (date: string): boolean => isWeekend(date) || holidayOn(date) !== undefined;
