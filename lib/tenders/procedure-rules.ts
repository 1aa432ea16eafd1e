/**
 * A tender's procedure and standstill against the law: the EU threshold in force on the publication
 * date (today for a draft), the procedure's fit, and the statutory minimum standstill above it.
 */
import { amsterdamDate } from "../domain/amsterdam-time.js";
import { RuleViolation } from "../domain/errors.js";
import { centsFromMoney, formatEuros } from "../domain/money.js";
import { type ProcedureFit, type ProcedureWarning, procedureFit } from "../domain/procurement/procedure.js";
import { MINIMUM_STANDSTILL_DAYS, STANDSTILL_SOURCE } from "../domain/procurement/standstill.js";
import type { Tender } from "./tenders.js";

type Rated = Pick<Tender, "procedure" | "estimatedValue" | "contractType">;

/** The date whose thresholds apply: the Amsterdam date of publication, or `now`'s for a draft. */
export const thresholdDate = (tender: Pick<Tender, "published">, now: Date): string =>
  amsterdamDate(tender.published ? new Date(tender.published.at) : now);

export const fitOf = (tender: Rated, date: string): ProcedureFit =>
  procedureFit(tender.procedure, centsFromMoney(tender.estimatedValue), tender.contractType, date);

/** Above the EU threshold the standstill is at least the statutory minimum: 422 standstill-too-short. */
export function refuseShortStandstill(
  tender: Rated & Pick<Tender, "standstillDays">,
  date: string,
  path: string,
) {
  const { eu } = fitOf(tender, date);
  if (!eu.above || tender.standstillDays >= MINIMUM_STANDSTILL_DAYS) return;
  throw new RuleViolation(
    "standstill-too-short",
    `Above the EU threshold (EUR ${formatEuros(eu.thresholdCents)}, ${eu.version}) the standstill is at least ` +
      `${MINIMUM_STANDSTILL_DAYS} calendar days (${STANDSTILL_SOURCE}).`,
    [{ path, message: `at least ${MINIMUM_STANDSTILL_DAYS} above the EU threshold` }],
  );
}

/** Publish refuses a national or private procedure above the EU threshold (422 procedure-above-threshold). */
export function refuseUnfitProcedure(tender: Rated, date: string): void {
  const { refusal } = fitOf(tender, date);
  if (!refusal) return;
  throw new RuleViolation(refusal.code, `${refusal.message} (${refusal.source})`, [
    { path: "procedure", message: "a European procedure is required above the EU threshold" },
  ]);
}

/** What publishing a tender warns about: a procedure above the practice thresholds (never a refusal). */
export const publicationWarnings = (
  tender: Rated & Pick<Tender, "published">,
  now: Date,
): ProcedureWarning[] => fitOf(tender, thresholdDate(tender, now)).warnings;
