/**
 * Months and reporting periods of the regional reports. An entry's `period` is a reporting-period
 * label — a year (`2026`), a half (`2026-H1`), a quarter (`2026-Q3`) or a month (`2026-07`) — and it
 * counts in the month in which its label ends.
 */

const LABEL = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** The last month (`YYYY-MM`) of a reporting-period label; RangeError for anything else. */
export function lastMonthOfLabel(label: string): string {
  const match = LABEL.exec(label);
  if (!match)
    throw new RangeError(`not a reporting-period label (2026, 2026-H1, 2026-Q3, 2026-07): ${label}`);
  const [, year, half, quarter, month] = match;
  const last = half ? Number(half) * 6 : quarter ? Number(quarter) * 3 : month ? Number(month) : 12;
  return `${year}-${String(last).padStart(2, "0")}`;
}
