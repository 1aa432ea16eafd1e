import { parseInstant } from "../dates.js";
import type { FieldError } from "../errors.js";
import { make, type Ratio, sum } from "../exact.js";
import { type Cents, centsFromAmount, formatEuros, sumCents, toMoney } from "../money.js";
import {
  type CorrectedPrice,
  centsOrError,
  correctPrice,
  type PreparedCorrections,
  prepareCorrections,
} from "./corrections.js";
import {
  type PriceField,
  type PricePoints,
  type PriceScale,
  pricePoints,
  pricePointsOnly,
} from "./formulas.js";
import { minusRound4, type Points, points4, round4 } from "./points.js";
import { type QualityMemo, type QualityResult, qualityMemo, scoreQuality } from "./quality.js";
import type { RankItem } from "./ranking.js";
import type { ResolvedModel } from "./resolve.js";
import {
  type PreparedSocialReturn,
  prepareSocialReturn,
  type SocialReturnScore,
  scoreSocialReturn,
} from "./social-return.js";
import type { AwardModel, Bid, BidFlag, Breakdown, RankedBid } from "./types.js";

/** One bid's figures that do not depend on other bids. */
export interface BidEval {
  bid: Bid;
  priceCents: Cents;
  submittedAt: number | null;
  corrected: CorrectedPrice;
  quality: QualityResult;
  socialReturn: SocialReturnScore | null;
  reasons: string[];
  /** Σ quality points + social-return points (weighted points). */
  qualityPoints: Points;
  /** Σ quality values in cents (award on value). */
  qualityValueCents: Cents;
  /** C − quality values − social-return credit (award on value). */
  fictitiousCents: Cents | null;
}

/**
 * The rules of one run with what all its bids share worked out once: the corrections' figures, the
 * worth of each score, the social-return rule's figures.
 */
export interface RunRules {
  model: AwardModel;
  corrections: PreparedCorrections;
  quality: QualityMemo;
  socialReturn: PreparedSocialReturn | null;
}

export function prepareRun(resolved: ResolvedModel): RunRules {
  const model = resolved.model;
  return {
    model,
    corrections: prepareCorrections(resolved.corrections),
    quality: qualityMemo(),
    socialReturn:
      model.socialReturn && resolved.catalogue
        ? prepareSocialReturn(model.socialReturn, resolved.catalogue)
        : null,
  };
}

export function evaluateBid(run: RunRules, bid: Bid, path: string, errors: FieldError[]): BidEval | null {
  const model = run.model;
  const before = errors.length;
  const priceCents = centsOrError(bid.price.amount, `${path}.price`, errors);
  if (priceCents !== null && priceCents < 0)
    errors.push({ path: `${path}.price`, message: "must not be negative" });
  let submittedAt: number | null = null;
  if (bid.submittedAt !== undefined) {
    try {
      submittedAt = parseInstant(bid.submittedAt).getTime();
    } catch {
      errors.push({ path: `${path}.submittedAt`, message: "an ISO 8601 date-time with an offset" });
    }
  }
  for (const [scheme, level] of Object.entries(bid.certificates ?? {})) {
    if (!(Number.isInteger(level) && level >= 0)) {
      errors.push({ path: `${path}.certificates.${scheme}`, message: "a level is a whole number ≥ 0" });
    }
  }
  if (priceCents === null || errors.length > before) return null;
  const corrected = correctPrice(run.corrections, bid, priceCents, path, errors);
  const quality = scoreQuality(
    model.method,
    model.criteria ?? [],
    bid.qualityScores,
    path,
    errors,
    run.quality,
  );
  const socialReturn = run.socialReturn
    ? scoreSocialReturn(run.socialReturn, bid, priceCents, path, errors)
    : null;
  if (errors.length > before) return null;
  const reasons = [...corrected.reasons, ...quality.reasons, ...(socialReturn?.reasons ?? [])];
  const qualityPoints = sum([...quality.points, ...(socialReturn?.points ? [socialReturn.points] : [])]);
  const qualityValueCents = sumCents(
    quality.valueCents.filter((v) => v !== null),
    "the quality value",
  );
  const fictitiousCents =
    model.method === "award-on-value"
      ? sumCents(
          [corrected.correctedCents, -qualityValueCents, -(socialReturn?.creditCents ?? 0)],
          "the fictitious price",
        )
      : null;
  return {
    bid,
    priceCents,
    submittedAt,
    corrected,
    quality,
    socialReturn,
    reasons,
    qualityPoints,
    qualityValueCents,
    fictitiousCents,
  };
}

export function priceScaleOf(model: AwardModel): PriceScale | null {
  const price = model.price;
  if (model.method !== "weighted-points" || !price) return null;
  return {
    formula: price.formula,
    maxPoints: price.maxPoints,
    ...(price.bounds
      ? {
          bounds: {
            min: centsFromAmount(price.bounds.min.amount),
            max: centsFromAmount(price.bounds.max.amount),
          },
        }
      : {}),
    ...(price.logBase !== undefined ? { logBase: price.logBase } : {}),
  };
}

export interface SetScore {
  items: RankItem[];
  pricePoints: Map<string, PricePoints>;
  /** Exact total points, not necessarily in lowest terms: only rounded (points4) or compared. */
  totals: Map<string, Points>;
}

/** The lowest and highest corrected price of a set (null for an empty set). */
function fieldOf(evals: readonly BidEval[]): PriceField | null {
  if (evals.length === 0) return null;
  let [pmin, pmax] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const e of evals) {
    pmin = Math.min(pmin, e.corrected.correctedCents);
    pmax = Math.max(pmax, e.corrected.correctedCents);
  }
  return { pmin, pmax };
}

const keyed = (e: BidEval, primary: Ratio, quality: Ratio | null): RankItem => ({
  bidId: e.bid.id,
  primary,
  quality,
  price: e.priceCents,
  submittedAt: e.submittedAt,
});

/** A bid's ranking key: its price, corrected or fictitious price, or minus its rounded total points. */
function rankItem(model: AwardModel, e: BidEval, total: Points | null): RankItem {
  switch (model.method) {
    case "lowest-price":
      return keyed(e, make(BigInt(e.priceCents)), null);
    case "lowest-cost":
      return keyed(e, make(BigInt(e.corrected.correctedCents)), null);
    case "award-on-value":
      return keyed(e, make(BigInt(e.fictitiousCents!)), make(BigInt(e.qualityValueCents)));
    default:
      return keyed(e, minusRound4(total!), round4(e.qualityPoints));
  }
}

/** a + b without reducing (a total is only rounded or compared, and reducing large ones is costly). */
const unreducedSum = (a: Points, b: Points): Points => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });

/** Scores a set of compliant bids against each other (Pmin/Pmax come from this set only). */
export function scoreSet(model: AwardModel, scale: PriceScale | null, evals: readonly BidEval[]): SetScore {
  const pricePointsById = new Map<string, PricePoints>();
  const totals = new Map<string, Points>();
  const field = scale ? fieldOf(evals) : null;
  const items = evals.map((e): RankItem => {
    if (model.method !== "weighted-points") return rankItem(model, e, null);
    const pp = pricePoints(scale!, field!, e.corrected.correctedCents);
    const total = unreducedSum(pp.points, e.qualityPoints);
    pricePointsById.set(e.bid.id, pp);
    totals.set(e.bid.id, total);
    return rankItem(model, e, total);
  });
  return { items, pricePoints: pricePointsById, totals };
}

/**
 * The weighted-points ranking keys of a set without the explanation (to re-rank with a bid left out).
 * `before` holds the bids' keys with every bid present: only the total points can change.
 */
export function rankItems(
  scale: PriceScale,
  evals: readonly BidEval[],
  before: ReadonlyMap<string, RankItem>,
): RankItem[] {
  const field = fieldOf(evals)!;
  return evals.map((e) => {
    const pp = pricePointsOnly(scale, field, e.corrected.correctedCents);
    const total = unreducedSum(pp, e.qualityPoints);
    const item = before.get(e.bid.id)!;
    return {
      bidId: item.bidId,
      primary: minusRound4(total),
      quality: item.quality,
      price: item.price,
      submittedAt: item.submittedAt,
    };
  });
}

function breakdownOf(model: AwardModel, e: BidEval, pp: PricePoints | undefined): Breakdown {
  const deductions: Breakdown["valueDeductions"] = [];
  if (model.method === "award-on-value") {
    for (const [i, line] of e.quality.lines.entries()) {
      const valueCents = e.quality.valueCents[i];
      if (valueCents === null || valueCents === undefined) continue;
      deductions.push({
        kind: "quality-value",
        label: `Quality value: ${line.name}`,
        amount: toMoney(-valueCents),
        formula: line.formula,
      });
    }
    if (e.socialReturn?.creditCents != null) {
      deductions.push({
        kind: "social-return-credit",
        label: "Social-return credit",
        amount: toMoney(-e.socialReturn.creditCents),
        formula: e.socialReturn.breakdown.formula,
      });
    }
  }
  const c = e.corrected;
  const parts = c.lines.map((l) =>
    l.amountCents < 0 ? ` − ${formatEuros(-l.amountCents)}` : ` + ${formatEuros(l.amountCents)}`,
  );
  return {
    price: toMoney(e.priceCents),
    corrections: c.lines,
    correctedPrice: toMoney(c.correctedCents),
    correctedPriceFormula: `${formatEuros(e.priceCents)}${parts.join("")} = ${formatEuros(c.correctedCents)}`,
    pricePoints: pp
      ? {
          formula: model.price!.formula,
          points: points4(pp.points),
          maxPoints: model.price!.maxPoints,
          text: pp.text,
        }
      : null,
    quality: e.quality.lines,
    qualityPoints: model.method === "weighted-points" ? points4(e.qualityPoints) : null,
    socialReturn: e.socialReturn?.breakdown ?? null,
    valueDeductions: deductions,
    fictitiousPrice: e.fictitiousCents === null ? null : toMoney(e.fictitiousCents),
  };
}

function evaluatedCents(model: AwardModel, e: BidEval): Cents {
  switch (model.method) {
    case "lowest-price":
      return e.priceCents;
    case "award-on-value":
      return e.fictitiousCents!;
    default:
      return e.corrected.correctedCents;
  }
}

/** One line of the ranking: a compliant bid with its rank and scores, an excluded one with its reasons. */
export function rankedBid(
  model: AwardModel,
  set: SetScore,
  e: BidEval,
  rank: number | null,
  flags: BidFlag[],
): RankedBid {
  const ok = e.reasons.length === 0;
  const total = set.totals.get(e.bid.id);
  return {
    bidId: e.bid.id,
    rank,
    compliant: ok,
    reasons: e.reasons,
    totalScore: ok && total !== undefined ? points4(total) : null,
    evaluatedPrice: ok ? toMoney(evaluatedCents(model, e)) : null,
    breakdown: breakdownOf(model, e, set.pricePoints.get(e.bid.id)),
    flags,
  };
}
