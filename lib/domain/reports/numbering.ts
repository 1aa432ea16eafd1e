/** Report numbers: `<REGION>-<YYYY>-<NNNN>`, one series per region and Amsterdam calendar year. */
import { amsterdamDate } from "../amsterdam-time.js";

/** The Amsterdam year of an issue instant: 31 December 23:30 UTC is already next year there. */
export const issueYear = (issuedAt: Date): number => Number(amsterdamDate(issuedAt).slice(0, 4));

/** The number of the `sequence`th report of a region's year; four digits at least. */
export function reportNumber(regionId: string, year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`No report number ${sequence}`);
  return `${regionId.toUpperCase()}-${year}-${String(sequence).padStart(4, "0")}`;
}
