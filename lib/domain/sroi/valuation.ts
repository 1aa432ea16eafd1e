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
import { type Block, type BlockKind, type Catalogue, findBlock } from "./catalogue.js";
import { allocateCountedMonths } from "./months.js";
import { withArticle } from "../words.js";

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

type LineField = "fte" | "months" | "hours" | "units" | "invoiceCents" | "bonuses";
const LINE_FIELDS: LineField[] = ["fte", "months", "hours", "units", "invoiceCents", "bonuses"];

/** Which fields each kind takes; every one of them is required, except bonuses. */
export const KIND_FIELDS: Record<
  Exclude<BlockKind, "bonus">,
  { required: LineField[]; optional: LineField[] }
> = {
  employment: { required: ["fte", "months"], optional: ["bonuses"] },
  placement: { required: ["months"], optional: [] },
  apprenticeship: { required: ["months"], optional: [] },
  hours: { required: ["hours"], optional: [] },
  purchase: { required: ["invoiceCents"], optional: [] },
  fixed: { required: ["units"], optional: [] },
};

/** Wire names used in error paths (the HTTP body calls the invoice `invoice`). */
const WIRE_NAME: Record<LineField, string> = {
  fte: "fte",
  months: "months",
  hours: "hours",
  units: "units",
  invoiceCents: "invoice",
  bonuses: "bonuses",
};

/** The field whose size drives a line's value (where an out-of-range value is reported). */
export const QUANTITY_FIELD: Record<Exclude<BlockKind, "bonus">, string> = {
  employment: "fte",
  placement: "months",
  apprenticeship: "months",
  hours: "hours",
  purchase: "invoice",
  fixed: "units",
};

const isRatio = (v: unknown): v is Ratio =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Ratio).n === "bigint" &&
  typeof (v as Ratio).d === "bigint";

const NONE = make(0n);

/** A non-negative finite number or Ratio, or an error message. */
function quantity(value: unknown): Ratio | string {
  if (isRatio(value)) return value.n < 0n ? "must not be negative" : value;
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
  if (value < 0) return "must not be negative";
  return ratio(value);
}

/** Text of a number in a formula; fractions get brackets so "× (165/31)/12" stays readable. */
const show = (r: Ratio): string => {
  const text = format(r);
  return text.includes("/") ? `(${text})` : text;
};

/** A field's path in the request, built only for an error (most lines have none). */
const pathOf = (prefix: string, index: number, field: string) => `${prefix}.${index}.${field}`;

function validateLine(
  catalogue: Catalogue,
  line: ExactValuationLine,
  prefix: string,
  index: number,
  errors: FieldError[],
): { block: Block; bonuses: Block[]; q: Partial<Record<LineField, Ratio>> } | undefined {
  const before = errors.length;
  const block = lineBlock(catalogue, line, prefix, index, errors);
  if (!block) return undefined;
  const q = lineQuantities(block, line, prefix, index, errors);
  if (line.monthsBefore !== undefined && line.monthsBefore.n < 0n)
    errors.push({ path: pathOf(prefix, index, "monthsBefore"), message: "must not be negative" });
  const bonuses =
    line.bonuses !== undefined && block.kind === "employment"
      ? bonusBlocks(catalogue, line.bonuses, prefix, index, errors)
      : [];
  return errors.length === before ? { block, bonuses, q } : undefined;
}

/** The line's block: one of the catalogue's, and not a bonus (bonuses stack on employment lines). */
function lineBlock(
  catalogue: Catalogue,
  line: ExactValuationLine,
  prefix: string,
  index: number,
  errors: FieldError[],
): Block | undefined {
  const block = findBlock(catalogue, line.blockId);
  if (!block) {
    errors.push({
      path: pathOf(prefix, index, "blockId"),
      message: `unknown block "${line.blockId}" in catalogue ${catalogue.id} ${catalogue.version}`,
    });
    return undefined;
  }
  if (block.kind === "bonus") {
    errors.push({
      path: pathOf(prefix, index, "blockId"),
      message: `"${block.id}" is a bonus; it stacks on an employment line (bonuses) and is not a line itself`,
    });
    return undefined;
  }
  return block;
}

/** The quantities the block's kind takes, each checked; a missing required or an unexpected one is an error. */
function lineQuantities(
  block: Block,
  line: ExactValuationLine,
  prefix: string,
  index: number,
  errors: FieldError[],
): Partial<Record<LineField, Ratio>> {
  const spec = KIND_FIELDS[block.kind as Exclude<BlockKind, "bonus">]; // lineBlock refused bonuses
  const q: Partial<Record<LineField, Ratio>> = {};
  for (const field of LINE_FIELDS) {
    const value = line[field];
    if (value === undefined && !spec.required.includes(field)) continue;
    const fail = (message: string) => errors.push({ path: pathOf(prefix, index, WIRE_NAME[field]), message });
    if (value === undefined) {
      if (spec.required.includes(field)) fail(`required for ${withArticle(block.kind)} block`);
      continue;
    }
    if (!spec.required.includes(field) && !spec.optional.includes(field)) {
      fail(`not taken by ${withArticle(block.kind)} block`);
      continue;
    }
    if (field === "bonuses") continue;
    const parsed = checkedQuantity(field, value);
    if (typeof parsed === "string") fail(parsed);
    else q[field] = parsed;
  }
  return q;
}

/** One quantity as an exact ratio, or why it cannot be one. */
function checkedQuantity(field: LineField, value: unknown): Ratio | string {
  if (field === "invoiceCents" && !(typeof value === "number" && Number.isSafeInteger(value)))
    return "must be an amount in whole cents";
  const parsed = quantity(value as Parameters<typeof quantity>[0]);
  if (typeof parsed === "string") return parsed;
  if (field === "fte" && (parsed.n === 0n || cmp(parsed, 1) > 0))
    return "FTE must be greater than 0 and at most 1";
  return parsed;
}

/** An employment line's bonus blocks: known, of kind bonus, each once. */
function bonusBlocks(
  catalogue: Catalogue,
  ids: unknown,
  prefix: string,
  index: number,
  errors: FieldError[],
): Block[] {
  if (!Array.isArray(ids)) {
    errors.push({ path: pathOf(prefix, index, "bonuses"), message: "must be a list of block ids" });
    return [];
  }
  const bonuses: Block[] = [];
  const seen = new Set<string>();
  ids.forEach((id: string, j) => {
    const bonus = findBlock(catalogue, id);
    const fail = (message: string) => errors.push({ path: pathOf(prefix, index, `bonuses.${j}`), message });
    if (!bonus) fail(`unknown block "${id}"`);
    else if (bonus.kind !== "bonus") fail(`"${id}" is not a bonus block`);
    else if (seen.has(id)) fail(`bonus "${id}" is listed twice`);
    else bonuses.push(bonus);
    seen.add(id);
  });
  return bonuses;
}

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
