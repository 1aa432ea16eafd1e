import type { CriterionKind } from "../impact/classify.js";
import type { Money } from "../money.js";
import type { BlockKind } from "../sroi/catalogue.js";

/**
 * The scoring engine's input and output (the rules: lib/domain/scoring/README.md).
 * Amounts are wire money objects (euros, at most 2 decimals); the engine converts them to
 * integer cents once and never uses floats for money. Points may be floats (rounded to 4 decimals).
 */

export const METHODS = ["lowest-price", "lowest-cost", "weighted-points", "award-on-value"] as const;
export type Method = (typeof METHODS)[number];

export const PRICE_FORMULAS = ["relative-lowest", "absolute-linear", "relative-linear", "log"] as const;
export type PriceFormula = (typeof PRICE_FORMULAS)[number];

export const TIE_BREAKERS = ["higher-quality", "lower-price", "earlier-submission"] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export const SOCIAL_RETURN_MODES = ["minimum", "points", "euro-credit"] as const;
export type SocialReturnMode = (typeof SOCIAL_RETURN_MODES)[number];

/** What the buyer is warned about, in the order the engine lists it (warnings.ts). */
export const WARNING_CODES = [
  "relative-price-formula",
  "scale-length-mismatch",
  "abnormally-low",
  "drawing-of-lots-needed",
  "no-compliant-bid",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Flags on a ranked bid: named in an abnormally-low warning, or in a tie only a drawing of lots settles. */
export const BID_FLAGS = ["abnormally-low", "drawing-of-lots"] as const;
export type BidFlag = (typeof BID_FLAGS)[number];

/** A reference to a versioned table; a missing version means the newest. */
export interface TableRef {
  tableId: string;
  version?: string;
}

/** A certificate table written into the award model itself (a buyer's own ladder). */
export interface InlineCertificateTable {
  scheme: string;
  discountPercentByLevel: Record<string, number>;
}

export interface PriceRule {
  formula: PriceFormula;
  maxPoints: number;
  /** absolute-linear only: Pset_min and Pset_max, fixed in the tender. */
  bounds?: { min: Money; max: Money };
  /** log only: the base A (e.g. 1.5, 2, 3), > 1. */
  logBase?: number;
}

export interface QualityScale {
  min: number;
  max: number;
  /** The score worth 0 (default `min`); a score below it is a malus (Negometrix scales such as 10 … −10). */
  zeroAt?: number;
}

export interface Criterion {
  id: string;
  name: string;
  scale: QualityScale;
  /** weighted-points: the criterion's weight as maximum points. */
  maxPoints?: number;
  /** award-on-value: what the top score is worth in euros. */
  maxValue?: Money;
  /** Below this score the bid is not compliant. */
  minimumScore?: number;
  /** What the criterion weighs, for the impact monitor (lib/domain/impact/README.md); default "other". */
  kind?: CriterionKind;
}

export interface Corrections {
  /** Certificate discount (% of the raw price) by a table reference or a table written into the model. */
  certificate?: TableRef | InlineCertificateTable;
  /** MKI × valuation factor is added (Rijkswaterstaat MKI-W). */
  mki?: { valuationFactor: number };
  /** Declared quantities × the factor set × the buyer's weight are added. */
  truePrice?: {
    factorSetId: string;
    version?: string;
    /** The buyer's weighting factor (default 1). */
    weight?: number;
    /** Only factors of these categories count (default: all that the method allows). */
    categories?: string[];
    /**
     * Social factors count too (weighted-points and award-on-value only; default false): without it
     * only the environmental factors apply, as under lowest-cost (Directive 2014/24/EU art. 68).
     */
    socialCosts?: boolean;
    /** Replaces the factor set's climate factor with a CO2 price (EUR per tonne). */
    co2Price?: TableRef;
  };
  /** Life-cycle cost items declared in the bid are added. */
  lcc?: boolean;
}

export interface SocialReturnRule {
  mode: SocialReturnMode;
  catalogue: { id: string; version?: string };
  /** The obligation as a percentage of the bid's own price (minimum mode; the floor of the points scale). */
  percentOfPrice?: number;
  /** points: the offered percentage of the bid price that earns full points. */
  fullPointsAtPercent?: number;
  /** points: the maximum points. */
  maxPoints?: number;
  /** euro-credit: offer value × factor is deducted from the fictitious price. */
  creditFactor?: number;
}

export interface AbnormallyLowRule {
  /** Flag a bid at least this many percent below the mean of the other compliant bids (default 40). */
  belowMeanPercent?: number;
  /** Flag a bid at least this many percent below the next higher compliant bid (default 30). */
  belowNextPercent?: number;
}

export interface AwardModel {
  method: Method;
  price?: PriceRule;
  criteria?: Criterion[];
  corrections?: Corrections;
  socialReturn?: SocialReturnRule;
  tieBreakers?: TieBreaker[];
  abnormallyLow?: AbnormallyLowRule;
}

/** One social-return offer line, as in the valuation endpoint (money on the wire). */
export interface OfferLine {
  blockId: string;
  fte?: number;
  months?: number;
  hours?: number;
  units?: number;
  invoice?: Money;
  bonuses?: string[];
}

export interface Bid {
  id: string;
  price: Money;
  /** ISO 8601 instant; used only by the `earlier-submission` tie-breaker. */
  submittedAt?: string;
  qualityScores?: Record<string, number>;
  /** Committed certificate levels by scheme, e.g. { "co2-ladder": 3 }. */
  certificates?: Record<string, number>;
  /** DuboCalc environmental cost indicator in euros. */
  mki?: Money;
  /** Declared quantities, each in its factor's unit. */
  externalities?: { factorId: string; quantity: number }[];
  lcc?: { label: string; amount: Money }[];
  socialReturnOffer?: OfferLine[];
}

export interface ScoringInput {
  awardModel: AwardModel;
  bids: Bid[];
}

// ---- output ---------------------------------------------------------------------------------

export interface TableUse {
  kind: "certificate-discount" | "true-price-factors" | "co2-price" | "sroi-catalogue";
  id: string;
  version: string;
  source: string;
}

export type CorrectionKind = "certificate-discount" | "mki" | "true-price" | "lcc";

export interface CorrectionLine {
  kind: CorrectionKind;
  /** environmental, social, health, life-cycle or certificate. */
  category: string;
  label: string;
  /** Signed: a discount is negative, a cost positive. */
  amount: Money;
  amountCents: number;
  formula: string;
  table: { id: string; version: string } | null;
  source: string;
  /** True-price lines: whether the factor is an environmental or a social externality (since engine 4.0.0). */
  externality?: "environmental" | "social";
}

export interface QualityLine {
  criterionId: string;
  name: string;
  score: number;
  scale: QualityScale;
  minimumScore: number | null;
  meetsMinimum: boolean;
  /** weighted-points */
  points: number | null;
  maxPoints: number | null;
  /** award-on-value */
  value: Money | null;
  maxValue: Money | null;
  formula: string;
}

export interface SocialReturnBreakdown {
  mode: SocialReturnMode;
  catalogue: { id: string; version: string };
  offerValue: Money;
  offerPercentOfPrice: number;
  required: Money | null;
  meetsMinimum: boolean | null;
  points: number | null;
  credit: Money | null;
  formula: string;
  lines: {
    blockId: string;
    kind: BlockKind;
    targetGroup: string | null;
    value: Money;
    reportedMonths: number | null;
    countedMonths: number | null;
    formula: string;
  }[];
}

export interface ValueDeduction {
  kind: "quality-value" | "social-return-credit";
  label: string;
  amount: Money;
  formula: string;
}

export interface Breakdown {
  price: Money;
  corrections: CorrectionLine[];
  /** C = P − discount + costs. */
  correctedPrice: Money;
  correctedPriceFormula: string;
  pricePoints: { formula: PriceFormula; points: number; maxPoints: number; text: string } | null;
  quality: QualityLine[];
  qualityPoints: number | null;
  socialReturn: SocialReturnBreakdown | null;
  /** award-on-value: quality values and the social-return credit deducted from C. */
  valueDeductions: ValueDeduction[];
  fictitiousPrice: Money | null;
}

export interface RankedBid {
  bidId: string;
  rank: number | null;
  compliant: boolean;
  reasons: string[];
  totalScore: number | null;
  evaluatedPrice: Money | null;
  breakdown: Breakdown;
  flags: BidFlag[];
}

export interface Tie {
  bidIds: string[];
  /** The tie-breaker that separated these bids, or null when a drawing of lots is needed. */
  resolvedBy: TieBreaker | null;
  drawingOfLotsNeeded: boolean;
  /** The rank the bids share when no tie-breaker separates them. */
  sharedRank: number | null;
}

export interface Warning {
  code: WarningCode;
  message: string;
  bidId?: string;
}

/** What leaving one compliant bid out changes in the order of the others (leave-one-out). */
export interface RemovalEffect {
  removedBidId: string;
  /** How many pairs of the other bids swap order when this bid is removed (complete). */
  reversalCount: number;
  /**
   * The first of those pairs (at most MAX_REVERSALS_LISTED), in the order of the ranking without it:
   * `nowAhead` was ranked behind `nowBehind` with every bid present.
   */
  reversals: { nowAhead: string; nowBehind: string }[];
  /** The bids ranked first without it (several when they share the first rank). */
  winners: string[];
  /** Whether those differ from the best-ranked of the other bids with every bid present. */
  winnerChanges: boolean;
  /** The first TOP_PLACES bids without it, best first, with their ranks. */
  top: { bidId: string; rank: number }[];
  /** Whether the order of those first places differs from the other bids' order with every bid present. */
  topChanges: boolean;
  /** The first bid's lead over the second without it, in points (4 decimals); null with fewer than two. */
  margin: number | null;
}

/**
 * Leave-one-out as a summary: every compliant bid is removed in turn, and only the removals that change
 * the order of the others are listed — never a ranking per removed bid.
 */
export interface BidRemoval {
  /** How many removals were tried: one per compliant bid. */
  removalsChecked: number;
  /** The winner's lead over the second bid with every bid present, in points; null with fewer than two. */
  margin: number | null;
  /** The removals that reverse a pair, change the winner or change the first places, by removed bid id. */
  effects: RemovalEffect[];
}

export interface WeightChange {
  /** Change of the maximum points (signed) at which another bid draws level with the winner. */
  by: number;
  newMaxPoints: number;
  newWinner: string;
}

export interface WeightSensitivity {
  criterionId: string;
  maxPoints: number;
  increase: WeightChange | null;
  decrease: WeightChange | null;
}

export interface ValueChange {
  /** Change of the criterion's euro value (signed) at which another bid draws level with the winner. */
  by: Money;
  newMaxValue: Money;
  newWinner: string;
}

export interface ValueSensitivity {
  criterionId: string;
  maxValue: Money;
  increase: ValueChange | null;
  decrease: ValueChange | null;
}

export interface Robustness {
  /** Relative formulas only: which removal of one compliant bid changes the order of the others. */
  bidRemoval: BidRemoval | null;
  /** Weighted points only: per criterion (price included) the smallest weight change that changes the winner. */
  weightSensitivity: WeightSensitivity[] | null;
  /** Award on value only: per criterion the smallest change of its euro value that changes the winner. */
  valueSensitivity: ValueSensitivity[] | null;
  notes: string[];
}

export interface ScoringResult {
  engineVersion: string;
  inputDigest: string;
  method: Method;
  tables: TableUse[];
  ranking: RankedBid[];
  ties: Tie[];
  warnings: Warning[];
  robustness: Robustness;
}
