import { type FieldError, InvalidInput } from "../errors.js";
import { cmp, div, format, make, max, min, mul, type Ratio, ratio, sub } from "../exact.js";
import { type Cents, eurosOf, formatEuros, percentOneDecimal, roundEurosToCents, toMoney } from "../money.js";
import type { Catalogue } from "../sroi/catalogue.js";
import { type ValuationLine, valuateExact } from "../sroi/valuation.js";
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

/**
 * The social-return rule of one run with its catalogue, and the figures of its mode that every bid
 * shares, parsed and written once rather than per bid (the model is validated before any bid is scored).
 */
export interface PreparedSocialReturn {
  rule: SocialReturnRule;
  catalogue: Catalogue;
  /** points: the floor percentage, the span to fullPointsAtPercent and the maximum, with their texts. */
  points: {
    floor: Ratio;
    span: Ratio;
    max: Ratio;
    floorText: string;
    fullText: string;
    maxText: string;
  } | null;
}

export function prepareSocialReturn(rule: SocialReturnRule, catalogue: Catalogue): PreparedSocialReturn {
  if (rule.mode !== "points") return { rule, catalogue, points: null };
  const floor = ratio(rule.percentOfPrice ?? 0);
  const full = ratio(rule.fullPointsAtPercent!);
  const max = ratio(rule.maxPoints!);
  return {
    rule,
    catalogue,
    points: {
      floor,
      span: sub(full, floor),
      max,
      floorText: format(floor),
      fullText: format(full),
      maxText: format(max),
    },
  };
}

export function scoreSocialReturn(
  prepared: PreparedSocialReturn,
  bid: Bid,
  priceCents: Cents,
  path: string,
  errors: FieldError[],
): SocialReturnScore | null {
  const offerPath = `${path}.socialReturnOffer`;
  const lines = offerLines(bid, offerPath, errors);
  if (lines === null) return null;
  const valuation = valueOffer(prepared.catalogue, lines, offerPath, errors);
  if (valuation === null) return null;
  const offerCents = valuation.totalCents;
  const percent = offeredPercent(offerCents, priceCents);
  const shownPercent = percent === null ? 0 : percentOneDecimal(offerCents, priceCents);
  const outcome = modeOutcome(prepared, offerCents, priceCents, percent, shownPercent);
  return {
    breakdown: {
      mode: prepared.rule.mode,
      catalogue: valuation.catalogue,
      offerValue: toMoney(offerCents),
      offerPercentOfPrice: shownPercent,
      required: outcome.required === null ? null : toMoney(outcome.required),
      meetsMinimum: outcome.meetsMinimum,
      points: outcome.points === null ? null : points4(outcome.points),
      credit: outcome.creditCents === null ? null : toMoney(outcome.creditCents),
      formula: outcome.formula,
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
    points: outcome.points,
    share: outcome.share,
    creditCents: outcome.creditCents,
    reasons: outcome.reasons,
  };
}

/** The offer as valuation lines, its invoices in cents; null when an invoice is not an amount. */
function offerLines(bid: Bid, offerPath: string, errors: FieldError[]): ValuationLine[] | null {
  const lines: ValuationLine[] = [];
  let moneyOk = true;
  (bid.socialReturnOffer ?? []).forEach((offer, i) => {
    // A line without an invoice is valued as offered (the valuation reads its own fields only).
    if (offer.invoice === undefined) {
      lines.push(offer as ValuationLine);
      return;
    }
    const { invoice, ...rest } = offer;
    const cents = centsOrError(invoice.amount, `${offerPath}.${i}.invoice`, errors);
    if (cents === null) moneyOk = false;
    else lines.push({ ...rest, invoiceCents: cents });
  });
  return moneyOk ? lines : null;
}

/** The shared valuation of the offer; its field errors become the bid's (null when there are any). */
function valueOffer(
  catalogue: Catalogue,
  lines: ValuationLine[],
  offerPath: string,
  errors: FieldError[],
): ReturnType<typeof valuateExact> | null {
  try {
    // The exact valuation: its lines are read field by field into the breakdown.
    return valuateExact(catalogue, lines, offerPath);
  } catch (error) {
    if (error instanceof InvalidInput) {
      errors.push(...error.errors);
      return null;
    }
    throw error;
  }
}

/** What the mode makes of the offer; the figures another mode uses stay null. */
interface ModeOutcome {
  required: Cents | null;
  meetsMinimum: boolean | null;
  points: Points | null;
  /** points mode: the share of maxPoints earned. */
  share: Ratio | null;
  creditCents: Cents | null;
  formula: string;
  reasons: string[];
}

function modeOutcome(
  prepared: PreparedSocialReturn,
  offerCents: Cents,
  priceCents: Cents,
  percent: Ratio | null,
  shownPercent: number,
): ModeOutcome {
  const rule = prepared.rule;
  switch (rule.mode) {
    case "minimum":
      return minimumOutcome(rule, offerCents, priceCents);
    case "points":
      return pointsOutcome(prepared.points!, percent, shownPercent);
    case "euro-credit":
      return creditOutcome(rule, offerCents);
  }
}

/** minimum: the offer must reach percentOfPrice of the bid's own price, or the bid is not compliant. */
function minimumOutcome(rule: SocialReturnRule, offerCents: Cents, priceCents: Cents): ModeOutcome {
  const pct = rule.percentOfPrice ?? 0;
  const required = roundEurosToCents(div(mul(eurosOf(priceCents), ratio(pct)), 100));
  const meetsMinimum = offerCents >= required;
  const formula = `offer ${formatEuros(offerCents)} vs required ${format(pct)} % × ${formatEuros(priceCents)} = ${formatEuros(required)}`;
  const reasons = meetsMinimum
    ? []
    : [
        `social-return offer ${formatEuros(offerCents)} is below the required ${format(pct)} % of the bid price (${formatEuros(required)})`,
      ];
  return { required, meetsMinimum, points: null, share: null, creditCents: null, formula, reasons };
}

const ZERO = make(0n);
const ONE = make(1n);

/** points: linear from the floor percentage to fullPointsAtPercent, clamped to [0, maxPoints]. */
function pointsOutcome(
  p: NonNullable<PreparedSocialReturn["points"]>,
  percent: Ratio | null,
  shownPercent: number,
): ModeOutcome {
  const percentText = percent === null ? "n/a (price 0)" : `${shownPercent.toFixed(1)} %`;
  const raw = percent === null ? ONE : div(sub(percent, p.floor), p.span);
  const share = max(ZERO, min(ONE, raw));
  const points = mul(p.max, share);
  let formula = `${p.maxText} × (${percentText} − ${p.floorText} %) / (${p.fullText} % − ${p.floorText} %) = ${points4(points)}`;
  if (cmp(raw, share) !== 0) formula += ` (clamped to [0, ${p.maxText}])`;
  return { required: null, meetsMinimum: null, points, share, creditCents: null, formula, reasons: [] };
}

/** euro-credit: offer × creditFactor, deducted from the fictitious price. */
function creditOutcome(rule: SocialReturnRule, offerCents: Cents): ModeOutcome {
  const factor = rule.creditFactor ?? 1;
  const creditCents = roundEurosToCents(mul(eurosOf(offerCents), ratio(factor)));
  const formula = `${formatEuros(offerCents)} × credit factor ${format(factor)} = ${formatEuros(creditCents)}`;
  return {
    required: null,
    meetsMinimum: null,
    points: null,
    share: null,
    creditCents,
    formula,
    reasons: [],
  };
}
