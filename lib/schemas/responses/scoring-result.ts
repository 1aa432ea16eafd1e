import * as z from "zod";
import { FACTOR_KINDS } from "../../domain/scoring/factor-kinds.js";
import { BLOCK_KINDS } from "../../domain/sroi/catalogue.js";
import {
  BID_FLAGS,
  METHODS,
  PRICE_FORMULAS,
  type ScoringResult,
  SOCIAL_RETURN_MODES,
  TIE_BREAKERS,
  WARNING_CODES,
} from "../../domain/scoring/types.js";

/**
 * The scoring engine's result on the wire (lib/domain/scoring/types.ts, the rules in
 * lib/domain/scoring/README.md): a simulation's answer, and the body of a tender's evaluation.
 * Amounts are computed, so they are not bounded like the amounts a client sends: a corrected or
 * fictitious price may exceed EUR 10 billion or fall below zero.
 */

/** Money as the API renders it: euros (whole cents) and the currency. */
export const moneyResponse = z.strictObject({ amount: z.number(), currency: z.literal("EUR") });

/** A SHA-256 digest in hex (an evaluation's input digest). */
export const digestResponse = z.string().regex(/^[0-9a-f]{64}$/);

/** The engine that made a result, e.g. "impact-scoring/2.0.0" (stored with every evaluation). */
export const engineVersionResponse = z.string().regex(/^impact-scoring\/\d+\.\d+\.\d+$/);

const rank = z.int().min(1);

export const tableUseResponse = z.strictObject({
  kind: z.enum(["certificate-discount", "true-price-factors", "co2-price", "sroi-catalogue"]),
  id: z.string(),
  version: z.string(),
  source: z.string(),
});

const correctionLine = z.strictObject({
  kind: z.enum(["certificate-discount", "mki", "true-price", "lcc"]),
  /** environmental, social, health, life-cycle, certificate, or a factor set's own category. */
  category: z.string(),
  label: z.string(),
  /** Signed: a discount is negative, a cost positive. */
  amount: moneyResponse,
  amountCents: z.int(),
  formula: z.string(),
  table: z.strictObject({ id: z.string(), version: z.string() }).nullable(),
  source: z.string(),
  /** True-price lines since engine 4.0.0: an environmental or a social externality. */
  externality: z.enum(FACTOR_KINDS).optional(),
});

/** A criterion's score: points (weighted-points) or a euro value (award-on-value). */
export const qualityLineResponse = z.strictObject({
  criterionId: z.string(),
  name: z.string(),
  score: z.number(),
  scale: z.strictObject({ min: z.number(), max: z.number(), zeroAt: z.number().optional() }),
  minimumScore: z.number().nullable(),
  meetsMinimum: z.boolean(),
  /** weighted-points */
  points: z.number().nullable(),
  maxPoints: z.number().nullable(),
  /** award-on-value */
  value: moneyResponse.nullable(),
  maxValue: moneyResponse.nullable(),
  formula: z.string(),
});

const socialReturnBreakdown = z.strictObject({
  mode: z.enum(SOCIAL_RETURN_MODES),
  catalogue: z.strictObject({ id: z.string(), version: z.string() }),
  offerValue: moneyResponse,
  offerPercentOfPrice: z.number(),
  required: moneyResponse.nullable(),
  meetsMinimum: z.boolean().nullable(),
  points: z.number().nullable(),
  credit: moneyResponse.nullable(),
  formula: z.string(),
  lines: z.array(
    z.strictObject({
      blockId: z.string(),
      kind: z.enum(BLOCK_KINDS),
      targetGroup: z.string().nullable(),
      value: moneyResponse,
      reportedMonths: z.number().nullable(),
      countedMonths: z.number().nullable(),
      formula: z.string(),
    }),
  ),
});

const breakdown = z.strictObject({
  price: moneyResponse,
  corrections: z.array(correctionLine),
  correctedPrice: moneyResponse,
  correctedPriceFormula: z.string(),
  pricePoints: z
    .strictObject({
      formula: z.enum(PRICE_FORMULAS),
      points: z.number(),
      maxPoints: z.number(),
      text: z.string(),
    })
    .nullable(),
  quality: z.array(qualityLineResponse),
  qualityPoints: z.number().nullable(),
  socialReturn: socialReturnBreakdown.nullable(),
  valueDeductions: z.array(
    z.strictObject({
      kind: z.enum(["quality-value", "social-return-credit"]),
      label: z.string(),
      amount: moneyResponse,
      formula: z.string(),
    }),
  ),
  fictitiousPrice: moneyResponse.nullable(),
});

/** One line of the ranking: rank, score and price are null for a bid that is not compliant. */
export const rankedBidResponse = z.strictObject({
  bidId: z.string(),
  rank: rank.nullable(),
  compliant: z.boolean(),
  reasons: z.array(z.string()),
  totalScore: z.number().nullable(),
  evaluatedPrice: moneyResponse.nullable(),
  breakdown,
  flags: z.array(z.enum(BID_FLAGS)),
});

const tie = z.strictObject({
  bidIds: z.array(z.string()),
  resolvedBy: z.enum(TIE_BREAKERS).nullable(),
  drawingOfLotsNeeded: z.boolean(),
  sharedRank: rank.nullable(),
});

const warning = z.strictObject({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  /** abnormally-low: the bid it names. */
  bidId: z.string().optional(),
});

const reversal = z.strictObject({ nowAhead: z.string(), nowBehind: z.string() });

/** Engine 2.0.0, per removed bid: how many pairs of the others swap order, and the first few of them. */
export const removalEffectV2Response = z.strictObject({
  removedBidId: z.string(),
  reversalCount: z.int().min(0),
  reversals: z.array(reversal),
});

/** A removal that reverses a pair, changes the winner or the first places (engine 3.0.0). */
const removalEffect = z.strictObject({
  removedBidId: z.string(),
  reversalCount: z.int().min(0),
  reversals: z.array(reversal),
  winners: z.array(z.string()),
  winnerChanges: z.boolean(),
  top: z.array(z.strictObject({ bidId: z.string(), rank: z.int().min(1) })),
  topChanges: z.boolean(),
  margin: z.number().nullable(),
});

/** Leave-one-out as a summary: the removals that change anything, never a ranking per removed bid. */
export const bidRemovalResponse = z.strictObject({
  removalsChecked: z.int().min(0),
  margin: z.number().nullable(),
  effects: z.array(removalEffect),
});

const weightChange = z.strictObject({ by: z.number(), newMaxPoints: z.number(), newWinner: z.string() });
const valueChange = z.strictObject({
  by: moneyResponse,
  newMaxValue: moneyResponse,
  newWinner: z.string(),
});

export const robustnessResponse = z.strictObject({
  bidRemoval: bidRemovalResponse.nullable(),
  weightSensitivity: z
    .array(
      z.strictObject({
        criterionId: z.string(),
        maxPoints: z.number(),
        increase: weightChange.nullable(),
        decrease: weightChange.nullable(),
      }),
    )
    .nullable(),
  valueSensitivity: z
    .array(
      z.strictObject({
        criterionId: z.string(),
        maxValue: moneyResponse,
        increase: valueChange.nullable(),
        decrease: valueChange.nullable(),
      }),
    )
    .nullable(),
  notes: z.array(z.string()),
});

/** What the engine returns for a scoring run. */
export const scoringResultResponse = z.strictObject({
  engineVersion: engineVersionResponse,
  inputDigest: digestResponse,
  method: z.enum(METHODS),
  tables: z.array(tableUseResponse),
  ranking: z.array(rankedBidResponse),
  ties: z.array(tie),
  warnings: z.array(warning),
  robustness: robustnessResponse,
});

export type ScoringResultResponse = z.output<typeof scoringResultResponse>;

/** The engine's result is its wire body as is (checked by the compiler: the shapes must stay aligned). */
export const scoringResultToWire = (result: ScoringResult): ScoringResultResponse => result;
