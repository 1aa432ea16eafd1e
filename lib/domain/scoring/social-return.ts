import { type FieldError, InvalidInput } from "../errors.js";
import { cmp, div, format, make, max, min, mul, type Ratio, ratio, sub } from "../exact.js";
import {
  type Cents,
  eurosOf,
  formatEuros,
  formatPercentOneDecimal,
  percentOneDecimal,
  roundEurosToCents,
  toMoney,
} from "../money.js";
import type { Catalogue } from "../sroi/catalogue.js";
import { type ValuationLine, valuateLines } from "../sroi/valuation.js";
import { centsOrError } from "./corrections.js";
import { type Points, points4 } from "./points.js";
import type { Bid, SocialReturnBreakdown, SocialReturnRule } from "./types.js";

/**
 * Social return in scoring (see lib/domain/scoring/README.md, Social return in scoring): the bid's
 * offer is valued with the region's building-block catalogue by the one shared valuation
 * (lib/domain/sroi/valuation.ts), then
 *  - minimum:     offer < percentOfPrice × the bid's own price → not compliant;
 *  - points:      absolute — 0 at percentOfPrice (default 0 %), full maxPoints at fullPointsAtPercent,
 *                 linear between and clamped, so one bid's points never depend on another's;
 *  - euro-credit: offer × creditFactor is deducted from the fictitious price (award on value).
 */
export interface SocialReturnScore {
  breakdown: SocialReturnBreakdown;
  points: Points | null;
  /** points mode: the share of maxPoints earned, in [0, 1] (weight sensitivity). */
  share: Ratio | null;
  creditCents: Cents | null;
  reasons: string[];
}

/** offer / price × 100 as an exact ratio (a zero price with an offer counts as unbounded: null). */
function offeredPercent(offerCents: Cents, priceCents: Cents): Ratio | null {
  if (priceCents === 0) return offerCents === 0 ? make(0n) : null;
  return div(mul(offerCents, 100), priceCents);
}

export function scoreSocialReturn(
  rule: SocialReturnRule,
  catalogue: Catalogue,
  bid: Bid,
  priceCents: Cents,
  path: string,
  errors: FieldError[],
): SocialReturnScore | null {
  const offerPath = `${path}.socialReturnOffer`;
  const lines: ValuationLine[] = [];
  let moneyOk = true;
  (bid.socialReturnOffer ?? []).forEach((offer, i) => {
    const { invoice, ...rest } = offer;
    const line: ValuationLine = { ...rest };
    if (invoice !== undefined) {
      const cents = centsOrError(invoice.amount, `${offerPath}.${i}.invoice`, errors);
      if (cents === null) moneyOk = false;
      else line.invoiceCents = cents;
    }
    lines.push(line);
  });
  if (!moneyOk) return null;
  let valuation: ReturnType<typeof valuateLines>;
  try {
    valuation = valuateLines(catalogue, lines, offerPath);
  } catch (error) {
    if (error instanceof InvalidInput) {
      errors.push(...error.errors);
      return null;
    }
    throw error;
  }

  const offerCents = valuation.totalCents;
  const percent = offeredPercent(offerCents, priceCents);
  const reasons: string[] = [];
  let required: Cents | null = null;
  let meetsMinimum: boolean | null = null;
  let points: Points | null = null;
  let earned: Ratio | null = null;
  let creditCents: Cents | null = null;
  let formula: string;
  const percentText =
    percent === null ? "n/a (price 0)" : `${formatPercentOneDecimal(offerCents, priceCents)} %`;

  switch (rule.mode) {
    case "minimum": {
      const pct = rule.percentOfPrice ?? 0;
      required = roundEurosToCents(div(mul(eurosOf(priceCents), ratio(pct)), 100));
      meetsMinimum = offerCents >= required;
      formula = `offer ${formatEuros(offerCents)} vs required ${format(pct)} % × ${formatEuros(priceCents)} = ${formatEuros(required)}`;
      if (!meetsMinimum) {
        reasons.push(
          `social-return offer ${formatEuros(offerCents)} is below the required ${format(pct)} % of the bid price (${formatEuros(required)})`,
        );
      }
      break;
    }
    case "points": {
      const floor = ratio(rule.percentOfPrice ?? 0);
      const full = ratio(rule.fullPointsAtPercent!);
      const maxPoints = ratio(rule.maxPoints!);
      const raw = percent === null ? make(1n) : div(sub(percent, floor), sub(full, floor));
      const share = max(make(0n), min(make(1n), raw));
      earned = share;
      points = mul(maxPoints, share);
      formula = `${format(maxPoints)} × (${percentText} − ${format(floor)} %) / (${format(full)} % − ${format(floor)} %) = ${points4(points)}`;
      if (cmp(raw, share) !== 0) formula += ` (clamped to [0, ${format(maxPoints)}])`;
      break;
    }
    case "euro-credit": {
      const factor = rule.creditFactor ?? 1;
      creditCents = roundEurosToCents(mul(eurosOf(offerCents), ratio(factor)));
      formula = `${formatEuros(offerCents)} × credit factor ${format(factor)} = ${formatEuros(creditCents)}`;
      break;
    }
  }

  return {
    breakdown: {
      mode: rule.mode,
      catalogue: valuation.catalogue,
      offerValue: toMoney(offerCents),
      offerPercentOfPrice: percent === null ? 0 : percentOneDecimal(offerCents, priceCents),
      required: required === null ? null : toMoney(required),
      meetsMinimum,
      points: points === null ? null : points4(points),
      credit: creditCents === null ? null : toMoney(creditCents),
      formula,
      lines: valuation.lines.map((l) => ({
        blockId: l.blockId,
        kind: l.kind,
        targetGroup: l.targetGroup,
        value: toMoney(l.valueCents),
        reportedMonths: l.reportedMonths,
        countedMonths: l.countedMonths,
        formula: l.formula,
      })),
    },
    points,
    share: earned,
    creditCents,
    reasons,
  };
}
