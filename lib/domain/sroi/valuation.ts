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
import { add, cmp, format, type Ratio, make, ratio, toNumber } from "../exact.js";
import { type Cents, formatEuros, sumCents } from "../money.js";
import type { Block, BlockKind, Catalogue } from "./catalogue.js";
import { allocateCountedMonths } from "./months.js";
import { withArticle } from "../words.js";
import { type LineField, pathOf, QUANTITY_FIELD, validateLine } from "./line-checks.js";
import { type LineValue, lineValue } from "./line-value.js";

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
  /** The rule that counted `months` from dates (a policy's monthCounting): named in the formula. */
  monthsRule?: string;
  /** Where the months counted before come from, when not this contract alone (named in the formula). */
  monthsBeforeScope?: string;
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

/** A catalogue rate, exact, and its text in a formula. */
interface Rate {
  value: Ratio;
  text: string;
}

/** Rates parsed and shown lately: a catalogue has a few dozen, and every line uses one or more. */
const knownRates = new Map<number, Rate>();
const RATES_KEPT = 1024;

function rateOf(block: Block, field: "perYear" | "perMonth" | "perHour" | "perUnit" | "factor"): Rate {
  const value = block[field];
  if (value === undefined || value === null)
    throw new RangeError(`catalogue data error: block "${block.id}" has no ${field}`);
  let rate = knownRates.get(value);
  if (rate === undefined) {
    const exact = ratio(value);
    rate = { value: exact, text: show(exact) };
    if (knownRates.size >= RATES_KEPT) knownRates.clear();
    knownRates.set(value, rate);
  }
  return rate;
}

/** What a line is worth before rounding (Π factors / divisor euros), how that is written, and the months it reports and counts. */
interface Worth {
  factors: Ratio[];
  divisor: bigint;
  formula: string;
  reported: Ratio | null;
  counted: Ratio | null;
}

type Quantities = Partial<Record<LineField, Ratio>>;

/** How a line's months count: the months counted before it, the rule that counted them, and where. */
interface Counting {
  before: Ratio;
  rule: string | undefined;
  scope: string | undefined;
}

/** An employment line: the yearly rate plus its bonuses, × FTE × the months counted (capped) / 12. */
function employmentWorth(block: Block, bonuses: Block[], q: Quantities, counting: Counting): Worth {
  const base = rateOf(block, "perYear");
  const rates = bonuses.length === 0 ? [base] : [base, ...bonuses.map((b) => rateOf(b, "perYear"))];
  const perYear = rates.length === 1 ? base.value : rates.reduce((acc, r) => add(acc, r.value), NONE);
  const fte = q.fte!;
  const reported = q.months!;
  const { before: monthsBefore, rule, scope } = counting;
  const counted = allocateCountedMonths(block.maxMonths, monthsBefore, reported);
  const rate = rates.length === 1 ? base.text : `(${rates.map((r) => r.text).join(" + ")})`;
  let formula = `${rate} × ${show(fte)} × ${show(counted)}/12`;
  // Without a maximum the counted months are the reported ones, the same object.
  if (counted !== reported && cmp(counted, reported) !== 0) {
    const already =
      monthsBefore.n > 0n ? `, ${show(monthsBefore)} counted before${scope ? ` ${scope}` : ""}` : "";
    const capped = `${show(reported)} months reported${already}; at most ${block.maxMonths} counted`;
    formula += rule ? ` (${rule} months; ${capped})` : ` (${capped})`;
  } else if (rule) formula += ` (${rule} months)`;
  return { factors: [perYear, fte, counted], divisor: 12n, formula, reported, counted };
}

/** A line's worth by its block's kind (the table at the top of this file). */
function worthOf(block: Block, bonuses: Block[], q: Quantities, counting: Counting): Worth {
  // The rule that counted the months, in a bracket after the formula (valuations of many lines name none).
  const ruled = counting.rule ? ` (${counting.rule} months)` : "";
  switch (block.kind) {
    case "employment":
      return employmentWorth(block, bonuses, q, counting);
    case "placement": {
      const rate = rateOf(block, "perMonth");
      const months = q.months!;
      const formula = `${rate.text} × ${show(months)}${ruled}`;
      return { factors: [rate.value, months], divisor: 1n, formula, reported: months, counted: months };
    }
    case "apprenticeship": {
      const rate = rateOf(block, "perYear");
      const months = q.months!;
      const formula = `${rate.text} × ${show(months)}/12${ruled}`;
      return { factors: [rate.value, months], divisor: 12n, formula, reported: months, counted: months };
    }
    case "hours": {
      const rate = rateOf(block, "perHour");
      const formula = `${rate.text} × ${show(q.hours!)} h`;
      return { factors: [rate.value, q.hours!], divisor: 1n, formula, reported: null, counted: null };
    }
    case "purchase": {
      const factor = rateOf(block, "factor");
      const invoice = q.invoiceCents!;
      const formula = `${factor.text} × ${formatEuros(Number(invoice.n))}`;
      return { factors: [factor.value, invoice], divisor: 100n, formula, reported: null, counted: null };
    }
    case "fixed": {
      const rate = rateOf(block, "perUnit");
      const formula = `${rate.text} × ${show(q.units!)}`;
      return { factors: [rate.value, q.units!], divisor: 1n, formula, reported: null, counted: null };
    }
    default:
      throw new RangeError(`cannot value ${withArticle(block.kind)} block`);
  }
}

/** Cents stay exact integers only up to 2^53: a larger value would be stored and summed wrongly. */
const tooLarge = (prefix: string, i: number, block: Block): FieldError => ({
  path: pathOf(prefix, i, QUANTITY_FIELD[block.kind as Exclude<BlockKind, "bonus">]),
  code: "out-of-range",
  message: "the value of this quantity is too large to be kept exactly",
});

/** One checked line valued and rounded to cents; a value too large to keep exactly is an error. */
function valuedLine(
  { block, bonuses, q }: NonNullable<ReturnType<typeof validateLine>>,
  counting: Counting,
  prefix: string,
  i: number,
  errors: FieldError[],
): ExactValuedLine {
  let worth: Worth;
  let value: LineValue;
  try {
    worth = worthOf(block, bonuses, q, counting);
    value = lineValue(worth.factors, worth.divisor);
  } catch (error) {
    if (!(error instanceof RuleViolation && error.code === "out-of-range")) throw error;
    errors.push(tooLarge(prefix, i, block));
    worth = { factors: [], divisor: 1n, formula: "", reported: null, counted: null };
    value = { cents: 0, roundedFrom: null };
  }
  const valueCents = value.cents;
  if (!Number.isSafeInteger(valueCents)) errors.push(tooLarge(prefix, i, block));
  const { reported, counted } = worth;
  // Rounding is shown when it changed the figure (the euros were not whole cents), so the line stays
  // traceable: "… = 1234.5678 → 1234.57".
  const formula =
    value.roundedFrom === null
      ? worth.formula
      : `${worth.formula} = ${value.roundedFrom} → ${formatEuros(valueCents)}`;
  return {
    blockId: block.id,
    kind: block.kind,
    targetGroup: block.targetGroup ?? null,
    valueCents,
    reportedMonths: reported === null ? null : toNumber(reported),
    // Without a maximum the counted months are the reported ones: converted once.
    countedMonths: counted === null ? null : counted === reported ? toNumber(reported) : toNumber(counted),
    formula,
    reportedMonthsExact: reported,
    countedMonthsExact: counted,
  };
}

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
  const valued = checked.map((c, i) => {
    const { monthsBefore, monthsRule, monthsBeforeScope } = lines[i]!;
    const counting = { before: monthsBefore ?? NONE, rule: monthsRule, scope: monthsBeforeScope };
    return valuedLine(c!, counting, pathPrefix, i, errors);
  });
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
    // The same fields without the exact months, named rather than spread out (lines are many).
    lines: exact.lines.map((l) => ({
      blockId: l.blockId,
      kind: l.kind,
      targetGroup: l.targetGroup,
      valueCents: l.valueCents,
      reportedMonths: l.reportedMonths,
      countedMonths: l.countedMonths,
      formula: l.formula,
    })),
    totalCents: exact.totalCents,
    catalogue: exact.catalogue,
  };
}
