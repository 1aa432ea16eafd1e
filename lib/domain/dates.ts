/**
 * ISO 8601 dates and instants, checked field by field. JavaScript's Date rolls impossible values
 * over (2027-02-30 becomes 2 March, 24:00 the next day); every date and date-time the service reads
 * goes through these instead. Pure, no clock.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A calendar date (yyyy-mm-dd) that exists: 2028-02-29 yes, 2027-02-29 no. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // The leap-year rule repeats every 400 years; Date.UTC reads years 0-99 as 19xx, so shift them.
  const daysInMonth = new Date(Date.UTC(year < 100 ? year + 400 : year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const validTime = (hour: string, minute: string, second = "00") =>
  Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;

/** A date-time with an offset or Z ("2026-03-01T12:00:00+01:00"); RangeError unless every field exists. */
export function parseInstant(value: string): Date {
  const m = INSTANT.exec(value);
  if (!m) throw new RangeError("a date-time with an offset, like 2026-03-01T12:00:00+01:00");
  const [, date, hour, minute, second, sign, offsetHours, offsetMinutes] = m;
  const validOffset = sign === undefined || (Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59);
  if (!isIsoDate(date!) || !validTime(hour!, minute!, second) || !validOffset) {
    throw new RangeError("not a valid date-time");
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError("not a valid date-time");
  return instant;
}

export function isIsoDateTime(value: string): boolean {
  try {
    parseInstant(value);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock time without an offset ("2026-03-01T12:00", seconds optional), as if it were UTC. */
export function parseWallClock(value: string): { asUtc: number; text: string } {
  const m = WALL_CLOCK.exec(value);
  if (!m) throw new RangeError("a date-time like 2026-03-01T12:00");
  const [, date, hour, minute, second] = m;
  if (!isIsoDate(date!) || !validTime(hour!, minute!, second)) throw new RangeError("not a valid date-time");
  const text = `${date}T${hour}:${minute}:${second ?? "00"}`;
  return { asUtc: Date.parse(`${text}Z`), text };
}
