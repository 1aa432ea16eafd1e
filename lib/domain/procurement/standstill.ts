/**
 * The standstill period between the intended and the final award (Aanbestedingswet 2012 art. 2.127),
 * optionally extended by the Algemene termijnenwet (art. 1 and 3). Pure: the request instant is
 * passed in; Amsterdam dates come from the platform's time-zone data.
 */
import { amsterdamDate, parseDeadline } from "../amsterdam-time.js";
import { addDays } from "../sroi/balance.js";
import data from "./procurement-rules.json" with { type: "json" };
import { holidayOn, isNonWorkingDay, weekdayOf } from "./holidays.js";

/** The statutory minimum above the EU threshold. */
export const MINIMUM_STANDSTILL_DAYS: number = data.standstill.minimumCalendarDays;
export const STANDSTILL_SOURCE: string = data.standstill.source;
export const TERMIJNENWET_SOURCE: string = data.algemeneTermijnenwet.source;

export interface StandstillPeriod {
  /** The first of the calendar days: the Amsterdam day after the request (null without a period). */
  firstDay: string | null;
  /** The last day of the period, after any extension (null without a period). */
  lastDay: string | null;
  /** Set when the Algemene termijnenwet moved the last day: the day the count ended on, and why. */
  extendedFrom: { day: string; reason: string } | null;
  /** The Amsterdam date from which the award may become final: the day after the last day. */
  finalAwardPossibleFrom: string;
  /** The instant the standstill ends: 00:00 Europe/Amsterdam of `finalAwardPossibleFrom`. */
  standstillEndsAt: string;
}

const whyNotLast = (day: string): string =>
  holidayOn(day)?.name ?? (weekdayOf(day) === 0 ? "Sunday" : "Saturday");

/**
 * `days` calendar days from the Amsterdam day after `requestedAt`. With `algemeneTermijnenwet` a last
 * day on a Saturday, Sunday or holiday of the Act moves to the next day that is none of these.
 * Zero days (allowed below the EU threshold): no period, the award may become final at once.
 */
export function standstillPeriod(
  requestedAt: Date,
  days: number,
  algemeneTermijnenwet: boolean,
): StandstillPeriod {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("standstill days: a whole number, 0 or more");
  const requestDay = amsterdamDate(requestedAt);
  if (days === 0) {
    return {
      firstDay: null,
      lastDay: null,
      extendedFrom: null,
      finalAwardPossibleFrom: requestDay,
      standstillEndsAt: requestedAt.toISOString(),
    };
  }
  const counted = addDays(requestDay, days);
  let lastDay = counted;
  if (algemeneTermijnenwet) while (isNonWorkingDay(lastDay)) lastDay = addDays(lastDay, 1);
  const finalAwardPossibleFrom = addDays(lastDay, 1);
  return {
    firstDay: addDays(requestDay, 1),
    lastDay,
    extendedFrom: lastDay === counted ? null : { day: counted, reason: whyNotLast(counted) },
    finalAwardPossibleFrom,
    // Midnight always exists in Amsterdam (summer time changes at 02:00 and 03:00).
    standstillEndsAt: parseDeadline(`${finalAwardPossibleFrom}T00:00`).toISOString(),
  };
}
