import * as z from "zod";
import {
  METHODS,
  PRICE_FORMULAS,
  SOCIAL_RETURN_MODES,
  type ScoringInput,
  TIE_BREAKERS,
} from "../domain/scoring/types.js";
import { FACTOR_KINDS } from "../domain/scoring/factor-kinds.js";
import { CRITERION_KINDS } from "../domain/impact/classify.js";
import { MAX_BIDS, MAX_CRITERIA, tooManyBids, tooManyCriteria } from "../domain/scoring/limits.js";
import {
  boundedRecord,
  cappedArray,
  isoDateSchema,
  isoDateTimeSchema,
  MAX_FACTOR,
  MAX_POINTS,
  MAX_SCALE,
  moneySchema,
  nonNegativeMoneySchema,
  numberIn,
  pageQuerySchema,
  percentSchema,
  psoLevelSchema,
} from "./common.js";
import { PSO_LEVEL_NAMES } from "../domain/sroi/pso.js";
import { valuationLineSchema } from "./sroi.js";

/**
 * The award model and bids on the wire (see lib/domain/scoring/README.md): every amount of money is a money object,
 * unknown fields are refused. Semantic rules (which corrections a method allows, what a formula
 * needs) are checked by the engine (lib/domain/scoring/model.ts) with the same field paths.
 */

const id = z.string().min(1).max(100);
const percent = percentSchema;
const points = numberIn("points", { min: 0, max: MAX_POINTS });
const scaleValue = (what: string) => numberIn(what, { min: -MAX_SCALE, max: MAX_SCALE });
const factor = (what: string) => numberIn(what, { min: 0, max: MAX_FACTOR });

/** A certificate scheme's discount per level ("3": 4 means level 3 gives 4 %). */
const levelTable = boundedRecord(z.string().regex(/^\d{1,3}$/, "a level is a whole number"), percent, 20);

export const tableRefSchema = z.object({ tableId: id, version: id.optional() }).strict();

const inlineCertificateTableSchema = z
  .object({
    scheme: id,
    discountPercentByLevel: levelTable,
  })
  .strict();

export const priceRuleSchema = z
  .object({
    formula: z.enum(PRICE_FORMULAS),
    maxPoints: numberIn("points", { min: 0, max: MAX_POINTS, exclusiveMin: true }),
    bounds: z.object({ min: nonNegativeMoneySchema, max: nonNegativeMoneySchema }).strict().optional(),
    logBase: numberIn("a logarithm base", { min: 1, max: MAX_FACTOR, exclusiveMin: true }).optional(),
  })
  .strict();

export const criterionSchema = z
  .object({
    id,
    name: z.string().min(1).max(200),
    scale: z
      .object({
        min: scaleValue("a scale value"),
        max: scaleValue("a scale value"),
        zeroAt: scaleValue("a scale value").optional(),
      })
      .strict(),
    maxPoints: points.optional(),
    maxValue: nonNegativeMoneySchema.optional(),
    minimumScore: scaleValue("a score").optional(),
    kind: z
      .enum(CRITERION_KINDS)
      .optional()
      .describe("What the criterion weighs, for the impact monitor; unmarked criteria count as other."),
  })
  .strict();

export const correctionsSchema = z
  .object({
    certificate: z.union([tableRefSchema, inlineCertificateTableSchema]).optional(),
    mki: z
      .object({ valuationFactor: factor("an MKI valuation factor") })
      .strict()
      .optional(),
    truePrice: z
      .object({
        factorSetId: id,
        version: id.optional(),
        weight: factor("a weight").optional(),
        categories: z.array(id).min(1).max(20).optional(),
        socialCosts: z.boolean().optional(),
        co2Price: tableRefSchema.optional(),
      })
      .strict()
      .optional(),
    lcc: z.boolean().optional(),
  })
  .strict();

export const socialReturnRuleSchema = z
  .object({
    mode: z.enum(SOCIAL_RETURN_MODES),
    catalogue: z.object({ id, version: id.optional() }).strict(),
    percentOfPrice: percent.optional(),
    fullPointsAtPercent: percent.optional(),
    maxPoints: points.optional(),
    creditFactor: factor("a credit factor").optional(),
  })
  .strict();

export const awardModelSchema = z
  .object({
    method: z.enum(METHODS),
    price: priceRuleSchema.optional(),
    criteria: cappedArray(criterionSchema, MAX_CRITERIA, (n) => tooManyCriteria("", n)).optional(),
    corrections: correctionsSchema.optional(),
    socialReturn: socialReturnRuleSchema.optional(),
    tieBreakers: z.array(z.enum(TIE_BREAKERS)).max(TIE_BREAKERS.length).optional(),
    abnormallyLow: z
      .object({ belowMeanPercent: percent.optional(), belowNextPercent: percent.optional() })
      .strict()
      .optional(),
  })
  .strict();

/** One social-return offer line: the valuation endpoint's line (lib/schemas/sroi.ts), one definition. */
export const offerLineSchema = valuationLineSchema;

/** What a supplier offers, without an id or a submission time (the service sets both on a stored bid). */
export const bidContentSchema = z
  .object({
    price: nonNegativeMoneySchema,
    certificates: boundedRecord(id, numberIn("a certificate level", { min: 0, max: 100, int: true }), 20)
      .refine((c) => !("pso" in c), {
        message: `the PSO level is psoLevel, by name: one of ${PSO_LEVEL_NAMES}`,
        path: ["pso"],
      })
      .optional(),
    /** The supplier's Prestatieladder Socialer Ondernemen level; it becomes the contract's at award. */
    psoLevel: psoLevelSchema.optional(),
    /** Last day the PSO certificate is valid. */
    psoCertificateValidUntil: isoDateSchema.optional(),
    mki: nonNegativeMoneySchema.optional(),
    externalities: z
      .array(z.object({ factorId: id, quantity: numberIn("a quantity", { min: 0, max: 1e12 }) }).strict())
      .max(100)
      .optional(),
    lcc: z
      .array(z.object({ label: z.string().min(1).max(200), amount: moneySchema }).strict())
      .max(100)
      .optional(),
    socialReturnOffer: z.array(offerLineSchema).max(200).optional(),
  })
  .strict();

export const simulatedBidSchema = bidContentSchema
  .extend({
    id,
    submittedAt: isoDateTimeSchema.optional(),
    qualityScores: boundedRecord(id, scaleValue("a score"), MAX_CRITERIA).optional(),
  })
  .strict();

export const simulateRequestSchema = z
  .object({
    awardModel: awardModelSchema,
    bids: cappedArray(simulatedBidSchema, MAX_BIDS, (n) => tooManyBids("", n)),
  })
  .strict();

export type BidContent = z.infer<typeof bidContentSchema>;
export type SimulateRequest = z.infer<typeof simulateRequestSchema>;

/** The parsed body is the engine's input (checked by the compiler: the shapes must stay aligned). */
export const toScoringInput = (body: SimulateRequest): ScoringInput => body;

// ---- reference tables (admins add versions) ------------------------------------------------------

const versionLabel = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "letters, digits, dots, hyphens and underscores, up to 64 characters",
  );
const tableMeta = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, "lowercase letters, digits and hyphens, 3-64 characters"),
  version: versionLabel,
  source: z.string().min(3).max(1000),
  effectiveFrom: isoDateSchema.nullable().optional(),
  note: z.string().max(2000).optional(),
};

export const addReferenceTableSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("certificate-discount"),
      ...tableMeta,
      scheme: id,
      discountPercentByLevel: levelTable,
    })
    .strict(),
  z
    .object({
      kind: z.literal("true-price-factors"),
      ...tableMeta,
      name: z.string().min(1).max(200).optional(),
      factors: z
        .array(
          z
            .object({
              id,
              category: id,
              unit: z.string().min(1).max(50),
              eurPerUnit: numberIn("euros per unit", { min: 0, max: MAX_FACTOR }),
              kind: z.enum(FACTOR_KINDS).optional(),
              exclusionGround: z.boolean().optional(),
            })
            .strict(),
        )
        .min(1)
        .max(200),
    })
    .strict(),
  z
    .object({
      kind: z.literal("co2-price"),
      ...tableMeta,
      eurPerTonne: numberIn("euros per tonne", { min: 0, max: MAX_FACTOR }),
    })
    .strict(),
]);

export const listReferenceTablesQuery = pageQuerySchema.extend({
  kind: z.enum(["certificate-discount", "true-price-factors", "co2-price"]).optional(),
});
