import { canonicalJson, sha256 } from "../digest.js";
import { parseInstant } from "../dates.js";
import { type FieldError, InvalidInput, RuleViolation } from "../errors.js";
import {
  add,
  cmp,
  div,
  format,
  make,
  mul,
  neg,
  type Ratio,
  ratio,
  roundHalfAwayFromZero,
  sub,
  sum,
} from "../exact.js";
import {
  type Cents,
  centsFromAmount,
  eurosOf,
  formatEuros,
  formatPercentOneDecimal,
  roundEurosToCents,
  sumCents,
  toMoney,
} from "../money.js";
import type { Catalogue } from "../sroi/catalogue.js";
import { type CorrectedPrice, centsOrError, correctPrice, type ResolvedCorrections } from "./corrections.js";
import { isRelative, type PriceField, type PricePoints, type PriceScale, pricePoints } from "./formulas.js";
import { checkScoringCaps, MAX_REVERSALS_LISTED } from "./limits.js";
import { validateAwardModel } from "./model.js";
import { type Points, points4, round4, ZERO } from "./points.js";
import { scaleShare, type QualityResult, scoreQuality } from "./quality.js";
import { type RankItem, rank } from "./ranking.js";
import { type SocialReturnScore, scoreSocialReturn } from "./social-return.js";
import { type CertificateTable, type Co2Price, type FactorSet, resolveTableRef } from "./tables.js";
import type {
  AwardModel,
  Bid,
  Breakdown,
  RankedBid,
  RemovalEffect,
  Robustness,
  ScoringInput,
  ScoringResult,
  TableUse,
  Warning,
  ValueSensitivity,
  WeightChange,
  WeightSensitivity,
} from "./types.js";

/**
 * Bumped whenever a rule, a rounding or the output shape changes; stored with every result.
 * 2.0.0: leave-one-out (robustness.bidRemoval) gives the reversals found, no longer whole rankings.
 */
export const ENGINE_VERSION = "impact-scoring/2.0.0";

export const DEFAULT_ABNORMALLY_LOW = { belowMeanPercent: 40, belowNextPercent: 30 } as const;

/** Reference tables as data, passed in by the caller (seed data, the store, a test). */
export interface ReferenceTables {
  certificateTables?: CertificateTable[];
  factorSets?: FactorSet[];
  co2Prices?: Co2Price[];
  catalogues?: Catalogue[];
}

export interface ResolvedModel {
  /** The model with every table reference pinned to a version (what a published tender freezes). */
  model: AwardModel;
  corrections: ResolvedCorrections;
  catalogue: Catalogue | null;
  tables: TableUse[];
}

const INLINE_SOURCE = "the tender's award model (buyer's own table)";

/**
 * Validates the model and resolves its table references (a missing version = the newest; with
 * `asOf` (YYYY-MM-DD), the newest in force on that date). Throws InvalidInput with every problem and its path.
 */
export function resolveAwardModel(
  model: AwardModel,
  tables: ReferenceTables,
  { prefix = "awardModel", asOf }: { prefix?: string; asOf?: string | undefined } = {},
): ResolvedModel {
  const errors = validateAwardModel(model, prefix);
  if (errors.length > 0) throw new InvalidInput(errors);
  const pinned: AwardModel = structuredClone(model);
  const uses: TableUse[] = [];
  const corrections: ResolvedCorrections = { lcc: model.corrections?.lcc === true };
  let catalogue: Catalogue | null = null;
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof InvalidInput) errors.push(...error.errors);
      else throw error;
    }
  };

  const cert = model.corrections?.certificate;
  if (cert) {
    if ("discountPercentByLevel" in cert) {
      corrections.certificate = {
        id: `inline:${cert.scheme}`,
        version: "award-model",
        scheme: cert.scheme,
        discountPercentByLevel: cert.discountPercentByLevel,
        source: INLINE_SOURCE,
      };
      uses.push({
        kind: "certificate-discount",
        id: `inline:${cert.scheme}`,
        version: "award-model",
        source: INLINE_SOURCE,
      });
    } else {
      attempt(() => {
        const table = resolveTableRef(
          tables.certificateTables ?? [],
          cert,
          `${prefix}.corrections.certificate`,
          "certificate table",
          asOf,
        );
        corrections.certificate = table;
        pinned.corrections!.certificate = { tableId: table.id, version: table.version };
        uses.push({
          kind: "certificate-discount",
          id: table.id,
          version: table.version,
          source: table.source,
        });
      });
    }
  }
  if (model.corrections?.mki) corrections.mki = { valuationFactor: model.corrections.mki.valuationFactor };
  const tp = model.corrections?.truePrice;
  if (tp) {
    attempt(() => {
      const set = resolveTableRef(
        tables.factorSets ?? [],
        { tableId: tp.factorSetId, version: tp.version },
        `${prefix}.corrections.truePrice.factorSetId`,
        "true-price factor set",
        asOf,
      );
      pinned.corrections!.truePrice!.version = set.version;
      uses.push({ kind: "true-price-factors", id: set.id, version: set.version, source: set.source });
      let co2: Co2Price | undefined;
      if (tp.co2Price) {
        co2 = resolveTableRef(
          tables.co2Prices ?? [],
          tp.co2Price,
          `${prefix}.corrections.truePrice.co2Price`,
          "CO2 price",
          asOf,
        );
        pinned.corrections!.truePrice!.co2Price = { tableId: co2.id, version: co2.version };
        uses.push({ kind: "co2-price", id: co2.id, version: co2.version, source: co2.source });
      }
      if (tp.categories) {
        tp.categories.forEach((category, i) => {
          if (!set.factors.some((f) => f.category === category)) {
            errors.push({
              path: `${prefix}.corrections.truePrice.categories.${i}`,
              message: `no factor of category "${category}" in ${set.id} ${set.version}`,
            });
          }
        });
      }
      corrections.truePrice = {
        set,
        weight: tp.weight ?? 1,
        ...(tp.categories ? { categories: tp.categories } : {}),
        ...(co2 ? { co2Price: co2 } : {}),
      };
    });
  }
  const sr = model.socialReturn;
  if (sr) {
    attempt(() => {
      const found = resolveTableRef(
        tables.catalogues ?? [],
        { tableId: sr.catalogue.id, version: sr.catalogue.version },
        `${prefix}.socialReturn.catalogue`,
        "building-block catalogue",
        asOf,
      );
      catalogue = found;
      pinned.socialReturn!.catalogue = { id: found.id, version: found.version };
      uses.push({ kind: "sroi-catalogue", id: found.id, version: found.version, source: found.source });
    });
  }
  if (errors.length > 0) throw new InvalidInput(errors);
  return { model: pinned, corrections, catalogue, tables: uses };
}

/** One bid's figures that do not depend on other bids. */
interface BidEval {
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

function evaluateBid(
  model: AwardModel,
  resolved: ResolvedModel,
  bid: Bid,
  path: string,
  errors: FieldError[],
): BidEval | null {
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
  const corrected = correctPrice(resolved.corrections, bid, priceCents, path, errors);
  const quality = scoreQuality(model.method, model.criteria ?? [], bid.qualityScores, path, errors);
  const socialReturn =
    model.socialReturn && resolved.catalogue
      ? scoreSocialReturn(model.socialReturn, resolved.catalogue, bid, priceCents, path, errors)
      : null;
  if (errors.length > before) return null;
  const reasons = [...quality.reasons, ...(socialReturn?.reasons ?? [])];
  const qualityPoints = sum([
    ...quality.points.values(),
    ...(socialReturn?.points ? [socialReturn.points] : []),
  ]);
  const qualityValueCents = sumCents([...quality.valueCents.values()], "the quality value");
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

function priceScaleOf(model: AwardModel): PriceScale | null {
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

interface SetScore {
  items: RankItem[];
  pricePoints: Map<string, PricePoints>;
  totals: Map<string, Points>;
}

/** Scores a set of compliant bids against each other (Pmin/Pmax come from this set only). */
function scoreSet(model: AwardModel, scale: PriceScale | null, evals: readonly BidEval[]): SetScore {
  const pricePointsById = new Map<string, PricePoints>();
  const totals = new Map<string, Points>();
  let field: PriceField | null = null;
  if (scale && evals.length > 0) {
    const prices = evals.map((e) => e.corrected.correctedCents);
    field = { pmin: Math.min(...prices), pmax: Math.max(...prices) };
  }
  const items = evals.map((e): RankItem => {
    const base = { bidId: e.bid.id, price: e.priceCents, submittedAt: e.submittedAt };
    switch (model.method) {
      case "lowest-price":
        return { ...base, primary: make(BigInt(e.priceCents)), quality: null };
      case "lowest-cost":
        return { ...base, primary: make(BigInt(e.corrected.correctedCents)), quality: null };
      case "award-on-value":
        return {
          ...base,
          primary: make(BigInt(e.fictitiousCents!)),
          quality: make(BigInt(e.qualityValueCents)),
        };
      default: {
        const pp = pricePoints(scale!, field!, e.corrected.correctedCents);
        const total = add(pp.points, e.qualityPoints);
        pricePointsById.set(e.bid.id, pp);
        totals.set(e.bid.id, total);
        return { ...base, primary: neg(round4(total)), quality: round4(e.qualityPoints) };
      }
    }
  });
  return { items, pricePoints: pricePointsById, totals };
}

function breakdownOf(model: AwardModel, e: BidEval, pp: PricePoints | undefined): Breakdown {
  const deductions: Breakdown["valueDeductions"] = [];
  if (model.method === "award-on-value") {
    for (const line of e.quality.lines) {
      const valueCents = e.quality.valueCents.get(line.criterionId);
      if (valueCents === undefined) continue;
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

function abnormallyLow(model: AwardModel, compliant: readonly BidEval[]): Warning[] {
  const belowMean = model.abnormallyLow?.belowMeanPercent ?? DEFAULT_ABNORMALLY_LOW.belowMeanPercent;
  const belowNext = model.abnormallyLow?.belowNextPercent ?? DEFAULT_ABNORMALLY_LOW.belowNextPercent;
  const warnings: Warning[] = [];
  if (compliant.length < 2) return warnings;
  for (const e of compliant) {
    const others = compliant.filter((o) => o !== e).map((o) => o.priceCents);
    const mean = div(sum(others), others.length);
    const reasons: string[] = [];
    // P ≤ mean × (100 − x) / 100
    if (cmp(e.priceCents, div(mul(mean, sub(100, ratio(belowMean))), 100)) <= 0 && cmp(mean, 0) > 0) {
      reasons.push(
        `${formatPercentOneDecimal(sub(mean, e.priceCents), mean)} % below the mean of the other compliant bids (${formatEuros(Number(roundHalfAwayFromZero(mean)))}; threshold ${format(belowMean)} %)`,
      );
    }
    const higher = others.filter((p) => p >= e.priceCents);
    if (higher.length > 0) {
      const next = Math.min(...higher);
      if (next > 0 && cmp(e.priceCents, div(mul(next, sub(100, ratio(belowNext))), 100)) <= 0) {
        reasons.push(
          `${formatPercentOneDecimal(next - e.priceCents, next)} % below the next bid (${formatEuros(next)}; threshold ${format(belowNext)} %)`,
        );
      }
    }
    if (reasons.length > 0) {
      warnings.push({
        code: "abnormally-low",
        bidId: e.bid.id,
        message: `Bid ${e.bid.id} (${formatEuros(e.priceCents)}) may be abnormally low: ${reasons.join("; ")}. Ask the bidder to explain the price (Directive 2014/24/EU art. 69); this is no ground for automatic rejection.`,
      });
    }
  }
  return warnings;
}

interface Dimension {
  id: string;
  weight: Ratio;
  /** The bid's share of the dimension's maximum; a bid's standing is Σ weight × share (+ a fixed part). */
  share: (e: BidEval) => Ratio;
}

type Crossing = { delta: Ratio; bidId: string } | null;

/**
 * For one dimension, the smallest increase and decrease of its weight (others fixed) at which another
 * bid draws level with the winner. `standing` is higher-is-better and linear in the weight.
 */
function crossings(
  dim: Dimension,
  winner: BidEval,
  others: readonly BidEval[],
  standing: (e: BidEval) => Ratio,
): { up: Crossing; down: Crossing } {
  let up: Crossing = null;
  let down: Crossing = null;
  const sw = dim.share(winner);
  for (const other of others) {
    const gap = sub(standing(winner), standing(other));
    const ds = sub(dim.share(other), sw);
    const better = (cur: Crossing, delta: Ratio) =>
      cur === null || cmp(delta, cur.delta) < 0 || (cmp(delta, cur.delta) === 0 && other.bid.id < cur.bidId);
    if (ds.n > 0n) {
      const delta = div(gap, ds);
      if (better(up, delta)) up = { delta, bidId: other.bid.id };
    } else if (ds.n < 0n) {
      const delta = div(gap, neg(ds));
      if (cmp(delta, dim.weight) <= 0 && better(down, delta)) down = { delta, bidId: other.bid.id };
    }
  }
  return { up, down };
}

function weightSensitivity(
  model: AwardModel,
  compliant: readonly BidEval[],
  set: SetScore,
  winnerId: string,
): WeightSensitivity[] {
  const dims: Dimension[] = [];
  const priceMax = model.price!.maxPoints;
  dims.push({
    id: "price",
    weight: ratio(priceMax),
    share: (e) => div(set.pricePoints.get(e.bid.id)!.points, priceMax),
  });
  for (const criterion of model.criteria ?? []) {
    dims.push({
      id: criterion.id,
      weight: ratio(criterion.maxPoints ?? 0),
      share: (e) => scaleShare(criterion, e.bid.qualityScores![criterion.id]!),
    });
  }
  if (model.socialReturn?.mode === "points") {
    dims.push({
      id: "social-return",
      weight: ratio(model.socialReturn.maxPoints ?? 0),
      share: (e) => e.socialReturn?.share ?? ZERO,
    });
  }
  const winner = compliant.find((e) => e.bid.id === winnerId)!;
  const others = compliant.filter((e) => e !== winner);
  return dims.map((dim) => {
    const { up, down } = crossings(dim, winner, others, (e) => set.totals.get(e.bid.id)!);
    const change = (x: Crossing, sign: 1 | -1): WeightChange | null =>
      x === null
        ? null
        : {
            by: points4(mul(x.delta, sign)),
            newMaxPoints: points4(add(dim.weight, mul(x.delta, sign))),
            newWinner: x.bidId,
          };
    return {
      criterionId: dim.id,
      maxPoints: points4(dim.weight),
      increase: change(up, 1),
      decrease: change(down, -1),
    };
  });
}

/**
 * Award on value: per criterion, the smallest change of its euro value (others fixed) at which another
 * bid's fictitious price draws level with the winner's (continuous, before rounding to cents).
 */
function valueSensitivity(
  model: AwardModel,
  compliant: readonly BidEval[],
  winnerId: string,
): ValueSensitivity[] {
  const winner = compliant.find((e) => e.bid.id === winnerId)!;
  const others = compliant.filter((e) => e !== winner);
  const standing = (e: BidEval) => neg(eurosOf(e.fictitiousCents!));
  return (model.criteria ?? []).map((criterion) => {
    const dim: Dimension = {
      id: criterion.id,
      weight: eurosOf(centsFromAmount(criterion.maxValue!.amount)),
      share: (e) => scaleShare(criterion, e.bid.qualityScores![criterion.id]!),
    };
    const { up, down } = crossings(dim, winner, others, standing);
    const change = (x: Crossing, sign: 1 | -1) =>
      x === null
        ? null
        : {
            by: toMoney(roundEurosToCents(mul(x.delta, sign))),
            newMaxValue: toMoney(roundEurosToCents(add(dim.weight, mul(x.delta, sign)))),
            newWinner: x.bidId,
          };
    return {
      criterionId: criterion.id,
      maxValue: criterion.maxValue!,
      increase: change(up, 1),
      decrease: change(down, -1),
    };
  });
}

function bidRemoval(
  model: AwardModel,
  scale: PriceScale,
  compliant: readonly BidEval[],
  ranks: Map<string, number>,
): RemovalEffect[] {
  const byId = [...compliant].sort((a, b) => (a.bid.id < b.bid.id ? -1 : 1));
  // Price points depend on the field (Pmin, Pmax) only: removing a bid that leaves both as they are
  // changes no other bid's score, so no pair can swap — only the bids that set the field are re-ranked.
  const prices = byId.map((e) => e.corrected.correctedCents);
  const [lo, hi] = [Math.min(...prices), Math.max(...prices)];
  const alone = (price: number) => prices.filter((p) => p === price).length === 1;
  const movesField = (e: BidEval) =>
    (e.corrected.correctedCents === lo && alone(lo)) || (e.corrected.correctedCents === hi && alone(hi));
  return byId.map((removed) => {
    if (!movesField(removed)) return { removedBidId: removed.bid.id, reversalCount: 0, reversals: [] };
    const rest = byId.filter((e) => e !== removed);
    const ranked = rank(scoreSet(model, scale, rest).items, model.tieBreakers ?? []);
    const now = new Map(ranked.order.map((o) => [o.bidId, o.rank]));
    // Only what changed: a pair count can reach n²/2, so the first few pairs are listed with the full count.
    const reversals: RemovalEffect["reversals"] = [];
    let reversalCount = 0;
    for (const x of ranked.order) {
      for (const y of ranked.order) {
        if (ranks.get(x.bidId)! < ranks.get(y.bidId)! && now.get(y.bidId)! < now.get(x.bidId)!) {
          reversalCount += 1;
          if (reversals.length < MAX_REVERSALS_LISTED)
            reversals.push({ nowAhead: y.bidId, nowBehind: x.bidId });
        }
      }
    }
    return { removedBidId: removed.bid.id, reversalCount, reversals };
  });
}

/**
 * Scores bids under an award model (domain.md §4). Pure: the same input and tables give the same
 * output, byte for byte, whatever the order of the bids.
 * Throws InvalidInput (400) for a malformed model or bid, RuleViolation (422) when a rule refuses
 * the input (more bids or criteria than the caps in limits.ts, a corrected price ≤ 0 under a
 * relative formula).
 */
export function scoreBids(input: ScoringInput, tables: ReferenceTables): ScoringResult {
  checkScoringCaps(input.bids.length, input.awardModel.criteria?.length ?? 0);
  const resolved = resolveAwardModel(input.awardModel, tables);
  const model = resolved.model;
  const errors: FieldError[] = [];

  const seen = new Map<string, number>();
  input.bids.forEach((bid, i) => {
    if (seen.has(bid.id)) errors.push({ path: `bids.${i}.id`, message: `duplicate bid id "${bid.id}"` });
    seen.set(bid.id, i);
  });
  if (errors.length > 0) throw new InvalidInput(errors);
  const indexed = input.bids.map((bid, i) => ({ bid, i })).sort((a, b) => (a.bid.id < b.bid.id ? -1 : 1));
  const evals = indexed.map(({ bid, i }) => evaluateBid(model, resolved, bid, `bids.${i}`, errors));
  if (errors.length > 0) throw new InvalidInput(errors);
  const all = evals as BidEval[];
  const compliant = all.filter((e) => e.reasons.length === 0);
  const excluded = all.filter((e) => e.reasons.length > 0);

  const scale = priceScaleOf(model);
  if (scale && isRelative(scale.formula)) {
    const bad = compliant.filter((e) => e.corrected.correctedCents <= 0);
    if (bad.length > 0) {
      throw new RuleViolation(
        "corrected-price-not-positive",
        `The ${scale.formula} formula divides by or takes the logarithm of the corrected price, which must be above zero.`,
        bad.map((e) => ({
          path: `bids.${seen.get(e.bid.id)}.price`,
          message: `corrected price ${formatEuros(e.corrected.correctedCents)} is not above zero`,
        })),
      );
    }
  }

  const set = scoreSet(model, scale, compliant);
  const ranked = rank(set.items, model.tieBreakers ?? []);
  const ranks = new Map(ranked.order.map((o) => [o.bidId, o.rank]));
  const evalById = new Map(all.map((e) => [e.bid.id, e]));

  // Warnings.
  const warnings: Warning[] = [];
  if (scale && isRelative(scale.formula)) {
    warnings.push({
      code: "relative-price-formula",
      message: `The price formula ${scale.formula} is relative: a bid's price points depend on the other bids, so adding or removing a bid can reverse the order of two others (rank reversal). Consider absolute-linear with bounds fixed in the tender.`,
    });
  }
  const qualityMax =
    (model.criteria ?? []).reduce((acc, c) => acc + (c.maxPoints ?? 0), 0) +
    (model.socialReturn?.mode === "points" ? (model.socialReturn.maxPoints ?? 0) : 0);
  if (scale && qualityMax > 0 && (scale.formula === "relative-lowest" || scale.formula === "log")) {
    let spread = "";
    if (compliant.length >= 2) {
      const pts = [...set.pricePoints.values()].map((p) => p.points);
      const hi = pts.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
      const lo = pts.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
      spread = ` Here the price points span ${formatPercentOneDecimal(sub(hi, lo), ratio(scale.maxPoints))} % of the price scale.`;
    }
    warnings.push({
      code: "scale-length-mismatch",
      message: `Price and quality scales differ in length (Telgen): quality runs from 0 to its maximum, but ${scale.formula} gives the worst price ${scale.formula === "log" ? "0 points only at A × Pmin" : "more than 0 points"}, so price weighs less than its published weight.${spread}`,
    });
  }
  const lowWarnings = abnormallyLow(model, compliant);
  warnings.push(...lowWarnings);
  for (const tie of ranked.ties.filter((t) => t.drawingOfLotsNeeded)) {
    warnings.push({
      code: "drawing-of-lots-needed",
      message: `Bids ${tie.bidIds.join(", ")} share rank ${tie.sharedRank} and no tie-breaker separates them: a drawing of lots is needed (ARW 2016 art. 2.63.3).`,
    });
  }
  if (all.length > 0 && compliant.length === 0) {
    warnings.push({ code: "no-compliant-bid", message: "No bid is compliant; there is no ranking." });
  }
  const flagged = new Set(lowWarnings.map((w) => w.bidId!));

  // Robustness.
  const notes: string[] = [];
  let removal: RemovalEffect[] | null = null;
  let sensitivity: WeightSensitivity[] | null = null;
  if (scale && isRelative(scale.formula)) {
    removal = bidRemoval(model, scale, compliant, ranks);
  } else if (scale) {
    notes.push("The price formula is absolute: removing a bid does not change the others' scores.");
  }
  let values: ValueSensitivity[] | null = null;
  if (scale && compliant.length >= 2) {
    sensitivity = weightSensitivity(model, compliant, set, ranked.order[0]!.bidId);
    notes.push(
      "Weight sensitivity: the change of one criterion's maximum points (others fixed) at which another bid draws level with the winner; beyond it that bid wins.",
    );
  } else if (
    model.method === "award-on-value" &&
    compliant.length >= 2 &&
    (model.criteria ?? []).length > 0
  ) {
    values = valueSensitivity(model, compliant, ranked.order[0]!.bidId);
    notes.push(
      "Value sensitivity: the change of one criterion's euro value (others fixed) at which another bid's fictitious price draws level with the winner's; beyond it that bid wins.",
    );
  } else if (scale || model.method === "award-on-value") {
    notes.push("Weight sensitivity needs at least two compliant bids.");
  }
  const robustness: Robustness = {
    bidRemoval: removal,
    weightSensitivity: sensitivity,
    valueSensitivity: values,
    notes,
  };

  const entry = (e: BidEval, r: number | null): RankedBid => {
    const ok = e.reasons.length === 0;
    const total = set.totals.get(e.bid.id);
    return {
      bidId: e.bid.id,
      rank: r,
      compliant: ok,
      reasons: e.reasons,
      totalScore: ok && total !== undefined ? points4(total) : null,
      evaluatedPrice: ok ? toMoney(evaluatedCents(model, e)) : null,
      breakdown: breakdownOf(model, e, set.pricePoints.get(e.bid.id)),
      flags: [
        ...(flagged.has(e.bid.id) ? ["abnormally-low"] : []),
        ...(ranked.ties.some((t) => t.drawingOfLotsNeeded && t.bidIds.includes(e.bid.id))
          ? ["drawing-of-lots"]
          : []),
      ],
    };
  };

  const canonicalInput = { awardModel: model, bids: indexed.map((x) => x.bid) };
  return {
    engineVersion: ENGINE_VERSION,
    inputDigest: sha256(canonicalJson(canonicalInput)),
    method: model.method,
    tables: resolved.tables,
    ranking: [
      ...ranked.order.map((o) => entry(evalById.get(o.bidId)!, o.rank)),
      ...excluded.map((e) => entry(e, null)),
    ],
    ties: ranked.ties,
    warnings,
    robustness,
  };
}
