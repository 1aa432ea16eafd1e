import { cmp, div, format, make, max, min, mul, type Ratio, ratio } from "../exact.js";
import { type Cents, formatEuros } from "../money.js";
import { type Points, points4 } from "./points.js";
import type { PriceFormula } from "./types.js";

/**
 * Price formulas for weighted points (see lib/domain/scoring/README.md, Price formulas), applied to
 * the corrected price C in cents.
 * Every formula returns exact points (the log formula via its float result) and the formula as text.
 */
export interface PriceScale {
  formula: PriceFormula;
  maxPoints: number;
  /** absolute-linear: Pset_min, Pset_max in cents. */
  bounds?: { min: Cents; max: Cents };
  /** log: A > 1. */
  logBase?: number;
}

/** The lowest and highest corrected price among the compliant bids. */
export interface PriceField {
  pmin: Cents;
  pmax: Cents;
}

export interface PricePoints {
  points: Points;
  text: string;
}

const clamp = (value: Ratio, lo: Ratio, hi: Ratio): Ratio => min(max(value, lo), hi);

/** The exact points before and after clamping (they differ only when the formula's value was clamped). */
function computePoints(scale: PriceScale, field: PriceField, price: Cents): { raw: Points; points: Points } {
  const m = scale.maxPoints;
  switch (scale.formula) {
    case "relative-lowest": {
      const points = div(mul(m, field.pmin), price);
      return { raw: points, points };
    }
    case "relative-linear": {
      const points =
        field.pmax === field.pmin ? ratio(m) : div(mul(m, field.pmax - price), field.pmax - field.pmin);
      return { raw: points, points };
    }
    case "absolute-linear": {
      const { min: lo, max: hi } = scale.bounds!;
      const raw = div(mul(m, hi - price), hi - lo);
      return { raw, points: clamp(raw, make(0n), ratio(m)) };
    }
    case "log": {
      if (price === field.pmin) return { raw: ratio(m), points: ratio(m) };
      const value = m * (1 - Math.log(price / field.pmin) / Math.log(scale.logBase!));
      const raw = ratio(value); // the float as the exact ratio of its shortest decimal form
      return { raw, points: clamp(raw, make(0n), ratio(m)) };
    }
  }
}

/** The price points alone (ranking without the explanation, e.g. with one bid left out). */
export const pricePointsOnly = (scale: PriceScale, field: PriceField, price: Cents): Points =>
  computePoints(scale, field, price).points;

/** The price points and the formula as text, with the figures filled in. */
export function pricePoints(scale: PriceScale, field: PriceField, price: Cents): PricePoints {
  const m = scale.maxPoints;
  const { raw, points } = computePoints(scale, field, price);
  const clamped = cmp(raw, points) !== 0;
  switch (scale.formula) {
    case "relative-lowest":
      return {
        points,
        text: `${format(m)} × ${formatEuros(field.pmin)} / ${formatEuros(price)} = ${points4(points)}`,
      };
    case "relative-linear":
      if (field.pmax === field.pmin) {
        return { points, text: `Pmax = Pmin (${formatEuros(field.pmin)}): ${format(m)}` };
      }
      return {
        points,
        text: `${format(m)} × (${formatEuros(field.pmax)} − ${formatEuros(price)}) / (${formatEuros(field.pmax)} − ${formatEuros(field.pmin)}) = ${points4(points)}`,
      };
    case "absolute-linear": {
      const { min: lo, max: hi } = scale.bounds!;
      return {
        points,
        text: `${format(m)} × (${formatEuros(hi)} − ${formatEuros(price)}) / (${formatEuros(hi)} − ${formatEuros(lo)}) = ${points4(points)}${clamped ? ` (clamped to [0, ${format(m)}])` : ""}`,
      };
    }
    case "log": {
      const a = scale.logBase!;
      if (price === field.pmin) {
        return { points, text: `${format(m)} × (1 − log(1) / log(${format(a)})) = ${format(m)}` };
      }
      return {
        points,
        text: `${format(m)} × (1 − log(${formatEuros(price)} / ${formatEuros(field.pmin)}) / log(${format(a)})) = ${points4(points)}${clamped ? " (clamped to 0)" : ""}`,
      };
    }
  }
}

export const isRelative = (formula: PriceFormula): boolean => formula !== "absolute-linear";
