/**
 * THE social-return valuation (see lib/domain/sroi/README.md, Valuation). Shared by the scoring
 * engine (a bid's offer) and by realisations (a supplier's entries): one function, one set of rules.
 *
 *   employment     (perYear + Σ bonus perYear) × FTE × min(months, maxMonths) / 12
 *   placement      perMonth × months
 *   apprenticeship perYear × months / 12
 *   hours          perHour × hours
 *   purchase       factor × invoice excl. VAT
 *   fixed          perUnit × units
 *
 * Each line is computed exactly (bigint rationals) and rounded once, half away from zero, to whole
 * cents; the total is the sum of the rounded lines.
 */
import { type FieldError, InvalidInput, RuleViolation } from "../errors.js";
import { add, cmp, format, mul, type Ratio, make, ratio, toNumber } from "../exact.js";
import { type Cents, formatEuros, roundEurosToCents, sumCents } from "../money.js";
import type { Block, BlockKind, Catalogue } from "./catalogue.js";
import { allocateCountedMonths } from "./months.js";
import { withArticle } from "../words.js";
import { type LineField, pathOf, QUANTITY_FIELD, validateLine } from "./line-checks.js";

export interface ValuationLine {
  blockId: string;
  fte?: number;
  months?: number;
  hours?: number;
  units?: number;
  invoiceCents?: Cents;
  bonuses?: string[];
}

export interface ValuedLine {
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  valueCents: Cents;
  reportedMonths: number | null;
  countedMonths: number | null;
  formula: string;
}

export interface Valuation {
  lines: ValuedLine[];
  totalCents: Cents;
  catalogue: { id: string; version: string };
}

/** A line with exact months (from dates) and the candidate's months already counted before it. */
export interface ExactValuationLine extends Omit<ValuationLine, "months"> {
  months?: number | Ratio;
  /** Months of the same candidate in the same block that come before this line (counting maximum). */
  monthsBefore?: Ratio;
}

export interface ExactValuedLine extends ValuedLine {
  reportedMonthsExact: Ratio | null;
  countedMonthsExact: Ratio | null;
}

const NONE = make(0n);

/** Text of a number in a formula; fractions get brackets so "× (165/31)/12" stays readable. */
const show = (r: Ratio): string => {
  const text = format(r);
  return text.includes("/") ? `(${text})` : text;
};

function rateOf(block: Block, field: "perYear" | "perMonth" | "perHour" | "perUnit" | "factor"): Ratio {
  const value = block[field];
  if (value === undefined || value === null)
    throw new RangeError(`catalogue data error: block "${block.id}" has no ${field}`);
  return ratio(value);
}

/** The product of the factors divided by `divisor`, reduced once rather than after every step. */
function product(factors: readonly Ratio[], divisor: bigint): Ratio {
  let n = 1n;
  let d = divisor;
  for (const f of factors) {
    n *= f.n;
    d *= f.d;
  }
  return make(n, d);
}

/** An employment line: the yearly rate plus its bonuses, × FTE × the months counted (capped) / 12. */
function employmentValue(
  block: Block,
  bonuses: Block[],
  q: Partial<Record<LineField, Ratio>>,
  monthsBefore: Ratio,
) {
  const base = rateOf(block, "perYear");
  const perYear = bonuses.reduce((acc, b) => add(acc, rateOf(b, "perYear")), base);
  const fte = q.fte!;
  const reported = q.months!;
  const counted = allocateCountedMonths(block.maxMonths, monthsBefore, reported);
  const euros = product([perYear, fte, counted], 12n);
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

function valueLine(
  block: Block,
  bonuses: Block[],
  q: Partial<Record<LineField, Ratio>>,
  monthsBefore: Ratio,
) {
  let euros: Ratio;
  let formula: string;
  let reported: Ratio | null = null;
  let counted: Ratio | null = null;
  switch (block.kind) {
    case "employment":
      ({ euros, formula, reported, counted } = employmentValue(block, bonuses, q, monthsBefore));
      break;
    case "placement": {
      const rate = rateOf(block, "perMonth");
      reported = counted = q.months!;
      euros = mul(rate, reported);
      formula = `${show(rate)} × ${show(reported)}`;
      break;
    }
    case "apprenticeship": {
      const rate = rateOf(block, "perYear");
      reported = counted = q.months!;
      euros = product([rate, reported], 12n);
      formula = `${show(rate)} × ${show(reported)}/12`;
      break;
    }
    case "hours": {
      const rate = rateOf(block, "perHour");
      euros = mul(rate, q.hours!);
      formula = `${show(rate)} × ${show(q.hours!)} h`;
      break;
    }
    case "purchase": {
      const factor = rateOf(block, "factor");
      const invoice = q.invoiceCents!;
      euros = product([factor, invoice], 100n);
      formula = `${show(factor)} × ${formatEuros(Number(invoice.n))}`;
      break;
    }
    case "fixed": {
      const rate = rateOf(block, "perUnit");
      euros = mul(rate, q.units!);
      formula = `${show(rate)} × ${show(q.units!)}`;
      break;
    }
    default:
      throw new RangeError(`cannot value ${withArticle(block.kind)} block`);
  }
  const valueCents = roundEurosToCents(euros);
  // Rounding is shown when it changed the figure (the euros were not whole cents), so the line stays
  // traceable: "… = 1234.5678 → 1234.57".
  if ((euros.n * 100n) % euros.d !== 0n) formula += ` = ${format(euros)} → ${formatEuros(valueCents)}`;
  return { valueCents, formula, reported, counted };
}

/** Cents stay exact integers only up to 2^53: a larger value would be stored and summed wrongly. */
const tooLarge = (prefix: string, i: number, block: Block): FieldError => ({
  path: pathOf(prefix, i, QUANTITY_FIELD[block.kind as Exclude<BlockKind, "bonus">]),
  code: "out-of-range",
  message: "the value of this quantity is too large to be kept exactly",
});

/** Values exact lines (months may be a Ratio, with the candidate's earlier months for the maximum). */
export function valuateExact(
  catalogue: Catalogue,
  lines: ExactValuationLine[],
  pathPrefix = "lines",
): { lines: ExactValuedLine[]; totalCents: Cents; catalogue: { id: string; version: string } } {
  const errors: FieldError[] = [];
  if (!Array.isArray(lines)) throw new InvalidInput([{ path: pathPrefix, message: "must be a list" }]);
  const checked = lines.map((line, i) => validateLine(catalogue, line, pathPrefix, i, errors));
  if (errors.length > 0) throw new InvalidInput(errors);
  const valued: ExactValuedLine[] = [];
  for (let i = 0; i < checked.length; i++) {
    const { block, bonuses, q } = checked[i]!;
    let r: ReturnType<typeof valueLine>;
    try {
      r = valueLine(block, bonuses, q, lines[i]!.monthsBefore ?? NONE);
    } catch (error) {
      if (!(error instanceof RuleViolation && error.code === "out-of-range")) throw error;
      errors.push(tooLarge(pathPrefix, i, block));
      r = { valueCents: 0, formula: "", reported: null, counted: null };
    }
    if (!Number.isSafeInteger(r.valueCents)) errors.push(tooLarge(pathPrefix, i, block));
    valued.push({
      blockId: block.id,
      kind: block.kind,
      targetGroup: block.targetGroup ?? null,
      valueCents: r.valueCents,
      reportedMonths: r.reported === null ? null : toNumber(r.reported),
      countedMonths: r.counted === null ? null : toNumber(r.counted),
      formula: r.formula,
      reportedMonthsExact: r.reported,
      countedMonthsExact: r.counted,
    });
  }
  if (errors.length > 0) throw new InvalidInput(errors);
  return {
    lines: valued,
    totalCents:
      valued.length === 1
        ? valued[0]!.valueCents
        : sumCents(
            valued.map((l) => l.valueCents),
            "the total value",
          ),
    catalogue: { id: catalogue.id, version: catalogue.version },
  };
}

/**
 * Values a list of lines with one catalogue version. Throws InvalidInput listing every wrong field
 * (paths like `lines.2.fte`): unknown block, a field the kind does not take, a missing field, a bonus
 * id that is not a bonus block, FTE outside (0, 1], negative quantities.
 */
export function valuateLines(catalogue: Catalogue, lines: ValuationLine[], pathPrefix = "lines"): Valuation {
  const exact = valuateExact(catalogue, lines, pathPrefix);
  return {
    lines: exact.lines.map(({ reportedMonthsExact: _r, countedMonthsExact: _c, ...line }) => line),
    totalCents: exact.totalCents,
    catalogue: exact.catalogue,
  };
}
