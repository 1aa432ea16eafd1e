/**
 * The value of one checked valuation line: the formula of its block's kind (listed in valuation.ts),
 * computed exactly and rounded once, half away from zero, to whole cents.
 */
import { add, cmp, div, format, mul, type Ratio, ratio } from "../exact.js";
import { type Cents, eurosOf, formatEuros, roundEurosToCents } from "../money.js";
import { withArticle } from "../words.js";
import type { Block } from "./catalogue.js";
import { allocateCountedMonths } from "./months.js";

/** A line's checked quantities; each kind's required ones are present. */
export type Quantities = Partial<Record<"fte" | "months" | "hours" | "units" | "invoiceCents", Ratio>>;

export interface LineValue {
  valueCents: Cents;
  formula: string;
  reported: Ratio | null;
  counted: Ratio | null;
}

/** A kind's exact value in euros, its formula, and (by month) the months reported and counted. */
interface ExactValue {
  euros: Ratio;
  formula: string;
  reported: Ratio | null;
  counted: Ratio | null;
}

function rateOf(block: Block, field: "perYear" | "perMonth" | "perHour" | "perUnit" | "factor"): Ratio {
  const value = block[field];
  if (value === undefined || value === null)
    throw new RangeError(`catalogue data error: block "${block.id}" has no ${field}`);
  return ratio(value);
}

/** Text of a number in a formula; fractions get brackets so "× (165/31)/12" stays readable. */
const show = (r: Ratio): string => {
  const text = format(r);
  return text.includes("/") ? `(${text})` : text;
};

/** Values one checked line (its quantities are present and in range). */
export function valueLine(block: Block, bonuses: Block[], q: Quantities, monthsBefore: Ratio): LineValue {
  const { euros, formula, reported, counted } = exactValue(block, bonuses, q, monthsBefore);
  const valueCents = roundEurosToCents(euros);
  // Rounding is shown when it changed the figure, so the line stays traceable: "… = 1234.5678 → 1234.57".
  const rounded =
    cmp(euros, eurosOf(valueCents)) !== 0 ? ` = ${format(euros)} → ${formatEuros(valueCents)}` : "";
  return { valueCents, formula: formula + rounded, reported, counted };
}

/** The formula of the block's kind, exactly. */
function exactValue(block: Block, bonuses: Block[], q: Quantities, monthsBefore: Ratio): ExactValue {
  const byMonth = (months: Ratio) => ({ reported: months, counted: months });
  const noMonths = { reported: null, counted: null };
  switch (block.kind) {
    case "employment":
      return employmentValue(block, bonuses, q.fte!, q.months!, monthsBefore);
    case "placement": {
      const rate = rateOf(block, "perMonth");
      const months = q.months!;
      return { euros: mul(rate, months), formula: `${show(rate)} × ${show(months)}`, ...byMonth(months) };
    }
    case "apprenticeship": {
      const rate = rateOf(block, "perYear");
      const months = q.months!;
      return {
        euros: div(mul(rate, months), 12),
        formula: `${show(rate)} × ${show(months)}/12`,
        ...byMonth(months),
      };
    }
    case "hours": {
      const rate = rateOf(block, "perHour");
      return { euros: mul(rate, q.hours!), formula: `${show(rate)} × ${show(q.hours!)} h`, ...noMonths };
    }
    case "purchase": {
      const factor = rateOf(block, "factor");
      const invoice = q.invoiceCents!;
      const euros = mul(factor, div(invoice, 100));
      return { euros, formula: `${show(factor)} × ${formatEuros(Number(invoice.n))}`, ...noMonths };
    }
    case "fixed": {
      const rate = rateOf(block, "perUnit");
      return { euros: mul(rate, q.units!), formula: `${show(rate)} × ${show(q.units!)}`, ...noMonths };
    }
    default:
      throw new RangeError(`cannot value ${withArticle(block.kind)} block`);
  }
}

/**
 * (perYear + Σ bonus perYear) × FTE × counted months / 12, where the block's maximum counts a
 * candidate's months across lines (monthsBefore); the formula says when months were not counted.
 */
function employmentValue(
  block: Block,
  bonuses: Block[],
  fte: Ratio,
  reported: Ratio,
  monthsBefore: Ratio,
): ExactValue {
  const base = rateOf(block, "perYear");
  const perYear = bonuses.reduce((acc, b) => add(acc, rateOf(b, "perYear")), base);
  const counted = allocateCountedMonths(block.maxMonths, monthsBefore, reported);
  const euros = div(mul(mul(perYear, fte), counted), 12);
  const rate =
    bonuses.length === 0
      ? show(base)
      : `(${[base, ...bonuses.map((b) => rateOf(b, "perYear"))].map(show).join(" + ")})`;
  let formula = `${rate} × ${show(fte)} × ${show(counted)}/12`;
  if (cmp(counted, reported) !== 0) {
    const already = monthsBefore.n > 0n ? `, ${show(monthsBefore)} counted before` : "";
    formula += ` (${show(reported)} months reported${already}; at most ${block.maxMonths} counted)`;
  }
  return { euros, formula, reported, counted };
}
