/**
 * Submission deadlines are set in Dutch time (Europe/Amsterdam, CET/CEST) and stored as UTC
 * instants. Pure functions on the platform's time-zone data (Intl); no clock.
 */
import { parseInstant, parseWallClock } from "./dates.js";

export const TIME_ZONE = "Europe/Amsterdam";

/** Made on first use: loading the time-zone data costs ~15 ms, which a function pays only if it needs it. */
let formatter: Intl.DateTimeFormat | undefined;
const amsterdamFormatter = (): Intl.DateTimeFormat =>
  (formatter ??= new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }));

/** The wall-clock time in Amsterdam at `instant`: "2026-03-29T14:00:00". */
export function toAmsterdamLocal(instant: Date | number): string {
  const parts = Object.fromEntries(
    amsterdamFormatter()
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  // Intl writes years before 1000 with fewer digits; the ISO form has four.
  return `${parts.year!.padStart(4, "0")}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The Amsterdam calendar date at `instant` (award dates, contract dates). */
export const amsterdamDate = (instant: Date | number): string => toAmsterdamLocal(instant).slice(0, 10);

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Amsterdam's offset from UTC at `instant`, in ms (3600000 in winter, 7200000 in summer). */
function offsetAt(instant: number): number {
  const local = toAmsterdamLocal(instant);
  const m = LOCAL.exec(local)!;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A deadline as given: Amsterdam wall-clock time ("2026-03-01T12:00") or an instant with an offset
 * ("2026-03-01T12:00:00+01:00", "…Z"). Throws RangeError for malformed input, for dates and times
 * that do not exist (30 February, 24:00) and for wall-clock times that do not exist in Amsterdam
 * (the hour skipped when summer time starts).
 */
export function parseDeadline(value: string): Date {
  if (/(?:Z|[+-]\d{2}:\d{2})$/.test(value)) return parseInstant(value);
  if (!LOCAL.test(value)) {
    throw new RangeError("a date-time like 2026-03-01T12:00 (Amsterdam time) or with an offset");
  }
  const { asUtc, text: wanted } = parseWallClock(value);
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  if (toAmsterdamLocal(instant) !== wanted) {
    throw new RangeError(`${value} does not exist in Amsterdam time (summer time starts)`);
  }
  return new Date(instant);
}

/** 24 hours in ms (not a calendar day in Amsterdam: see addAmsterdamDays). */
export const DAY_MS = 86_400_000;

/**
 * `instant` moved forward by `days` calendar days in Amsterdam: the same wall-clock time (and
 * milliseconds) on the later date, so a period across a summer-time change keeps its hour. A
 * wall-clock time that does not exist on that date (the hour skipped when summer time starts)
 * falls back to adding `days` × 24 hours.
 */
export function addAmsterdamDays(instant: Date, days: number): Date {
  const m = LOCAL.exec(toAmsterdamLocal(instant))!;
  const local = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]! + days, +m[4]!, +m[5]!, +(m[6] ?? 0)));
  const millis = ((instant.getTime() % 1000) + 1000) % 1000;
  try {
    return new Date(parseDeadline(local.toISOString().slice(0, 19)).getTime() + millis);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return new Date(instant.getTime() + days * DAY_MS);
  }
}
