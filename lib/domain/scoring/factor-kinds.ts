import type { TruePriceFactor } from "./tables.js";

/**
 * What a true-price factor is in law (see lib/domain/scoring/README.md, True price: environmental and
 * social costs, exclusion grounds): an environmental externality (a life-cycle cost, Directive
 * 2014/24/EU art. 68), a social one (a surcharge only a price-quality model may choose), or an exclusion
 * ground that is never a cost at all.
 */
export const FACTOR_KINDS = ["environmental", "social"] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

/**
 * The kind of a factor that does not name one (every factor set stored before factors carried a
 * `kind`, such as true-price-monetisation 4.0.2): by its category. The health factors of the True
 * Price set value the health damage of pollutant emissions, an environmental externality under
 * art. 68(1)(b). A category not listed counts as social: only what is known to be environmental may
 * enter a life-cycle cost.
 */
export const CATEGORY_KINDS: Readonly<Record<string, FactorKind>> = {
  environmental: "environmental",
  health: "environmental",
  social: "social",
};

/**
 * Factors that describe an exclusion ground or a contract condition, whether or not the stored set
 * flags them (`exclusionGround: true`): child labour and forced labour.
 */
export const EXCLUSION_GROUND_FACTOR_IDS: ReadonlySet<string> = new Set([
  "child-labour-hazardous",
  "child-labour-non-hazardous",
  "forced-labour",
]);

export const EXCLUSION_GROUND_SOURCE =
  "Aanbestedingswet 2012 art. 2.86/2.87 (exclusion grounds); Directive 2014/24/EU art. 57; ILO core conventions C29, C105 (forced labour), C138, C182 (child labour)";

export const LIFE_CYCLE_COSTING_RULE =
  "life-cycle costing under Directive 2014/24/EU art. 68 covers environmental externalities only";

export const kindOf = (factor: TruePriceFactor): FactorKind =>
  factor.kind ?? CATEGORY_KINDS[factor.category] ?? "social";

export const isExclusionGround = (factor: TruePriceFactor): boolean =>
  factor.exclusionGround === true || EXCLUSION_GROUND_FACTOR_IDS.has(factor.id);

/** The kind of a category in a set: social when any of its factors is social (so none may slip in). */
export const categoryKind = (factors: readonly TruePriceFactor[], category: string): FactorKind =>
  factors.some((f) => f.category === category && kindOf(f) === "social") ? "social" : "environmental";
