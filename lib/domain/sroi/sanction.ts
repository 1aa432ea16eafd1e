/**
 * Sustainability promises of a winning bid (CO2-Prestatieladder level, MKI) are verified during the
 * contract. When one is not met, the supplier pays a sanction: factor × the advantage it gained at
 * award (see lib/domain/sroi/README.md, Sustainability sanction). The factor is data (the region's
 * policy, `sanctionFactor`); 1.5 is the default.
 * A partly kept promise (level 3 promised, level 2 reached) forfeits only the advantage it did not earn.
 */
import { InvalidInput } from "../errors.js";
import { cmp, format, mul, ratio } from "../exact.js";
import { type Cents, eurosOf, formatEuros, roundEurosToCents } from "../money.js";

export const DEFAULT_SANCTION_FACTOR = 1.5;

export interface SanctionResult {
  sanctionCents: Cents;
  /** Advantage gained at award that the delivery did not earn. */
  unearnedCents: Cents;
  formula: string;
}

/**
 * advantageCents: the advantage the promise gave at award (e.g. the fictitious discount of the
 * CO2-ladder, or the MKI correction avoided). earnedCents: the part the delivered result would also
 * have given (0 when the promise was not met at all).
 */
export function computeSanction(input: {
  advantageCents: Cents;
  earnedCents?: Cents;
  factor?: number | string;
}): SanctionResult {
  const factor = ratio(input.factor ?? DEFAULT_SANCTION_FACTOR);
  const earned = input.earnedCents ?? 0;
  const errors = [];
  if (!Number.isSafeInteger(input.advantageCents) || input.advantageCents < 0)
    errors.push({ path: "advantage", message: "must be an amount ≥ 0" });
  if (!Number.isSafeInteger(earned) || earned < 0)
    errors.push({ path: "earned", message: "must be an amount ≥ 0" });
  if (cmp(factor, 0) < 0) errors.push({ path: "factor", message: "must be ≥ 0" });
  if (errors.length) throw new InvalidInput(errors);
  const unearned = Math.max(0, input.advantageCents - earned);
  const sanctionCents = roundEurosToCents(mul(factor, eurosOf(unearned)));
  const base =
    earned > 0
      ? `(${formatEuros(input.advantageCents)} − ${formatEuros(earned)})`
      : formatEuros(input.advantageCents);
  return {
    sanctionCents,
    unearnedCents: unearned,
    formula: `${format(factor)} × ${base} = ${formatEuros(sanctionCents)}`,
  };
}
