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
import { cmp, type Ratio, make, ratio, toNumber } from "../exact.js";
import { type Cents, sumCents } from "../money.js";
import { type Block, type BlockKind, type Catalogue, findBlock } from "./catalogue.js";
import { type LineValue, valueLine } from "./line-value.js";
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

/** A non-negative finite number or Ratio, or an error message. */
function quantity(value: unknown): Ratio | string {
  if (isRatio(value)) return value.n < 0n ? "must not be negative" : value;
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
  if (value < 0) return "must not be negative";
  return ratio(value);
}

type Checked = { block: Block; bonuses: Block[]; q: Partial<Record<LineField, Ratio>> };

/** The line's block, bonuses and quantities, or undefined with every problem of the line in `errors`. */
function validateLine(
  catalogue: Catalogue,
  line: ExactValuationLine,
  path: string,
  errors: FieldError[],
): Checked | undefined {
  const before = errors.length;
  const block = lineBlock(catalogue, line, path, errors);
  if (!block) return undefined;
  const q: Partial<Record<LineField, Ratio>> = {};
  for (const field of LINE_FIELDS) {
    const checked = checkField(block.kind as Exclude<BlockKind, "bonus">, field, line[field]);
    if (typeof checked === "string") errors.push({ path: `${path}.${WIRE_NAME[field]}`, message: checked });
    else if (checked !== null) q[field] = checked;
  }
  if (line.monthsBefore !== undefined && line.monthsBefore.n < 0n)
    errors.push({ path: `${path}.monthsBefore`, message: "must not be negative" });
  const bonuses =
    line.bonuses !== undefined && block.kind === "employment"
      ? bonusBlocks(catalogue, line.bonuses, path, errors)
      : [];
  return errors.length === before ? { block, bonuses, q } : undefined;
}

/** The catalogue's block for the line; a bonus only stacks on an employment line. */
function lineBlock(
  catalogue: Catalogue,
  line: ExactValuationLine,
  path: string,
  errors: FieldError[],
): Block | undefined {
  const block = findBlock(catalogue, line.blockId);
  if (!block) {
    errors.push({
      path: `${path}.blockId`,
      message: `unknown block "${line.blockId}" in catalogue ${catalogue.id} ${catalogue.version}`,
    });
    return undefined;
  }
  if (block.kind === "bonus") {
    errors.push({
      path: `${path}.blockId`,
      message: `"${block.id}" is a bonus; it stacks on an employment line (bonuses) and is not a line itself`,
    });
    return undefined;
  }
  return block;
}

/** One field of a line: its quantity, null when absent or not a quantity (bonuses), or what is wrong. */
function checkField(
  kind: Exclude<BlockKind, "bonus">,
  field: LineField,
  value: ExactValuationLine[LineField],
): Ratio | null | string {
  const spec = KIND_FIELDS[kind];
  if (value === undefined)
    return spec.required.includes(field) ? `required for ${withArticle(kind)} block` : null;
  if (!spec.required.includes(field) && !spec.optional.includes(field))
    return `not taken by ${withArticle(kind)} block`;
  if (field === "bonuses") return null;
  if (field === "invoiceCents" && !(typeof value === "number" && Number.isSafeInteger(value)))
    return "must be an amount in whole cents";
  const parsed = quantity(value);
  if (typeof parsed === "string") return parsed;
  if (field === "fte" && (parsed.n === 0n || cmp(parsed, 1) > 0))
    return "FTE must be greater than 0 and at most 1";
  return parsed;
}

/** An employment line's bonus blocks: each a known bonus block, listed once. */
function bonusBlocks(catalogue: Catalogue, ids: unknown, path: string, errors: FieldError[]): Block[] {
  const bonuses: Block[] = [];
  if (!Array.isArray(ids)) {
    errors.push({ path: `${path}.bonuses`, message: "must be a list of block ids" });
    return bonuses;
  }
  const seen = new Set<string>();
  ids.forEach((id: string, j) => {
    const bonus = findBlock(catalogue, id);
    if (!bonus) errors.push({ path: `${path}.bonuses.${j}`, message: `unknown block "${id}"` });
    else if (bonus.kind !== "bonus")
      errors.push({ path: `${path}.bonuses.${j}`, message: `"${id}" is not a bonus block` });
    else if (seen.has(id))
      errors.push({ path: `${path}.bonuses.${j}`, message: `bonus "${id}" is listed twice` });
    else bonuses.push(bonus);
    seen.add(id);
  });
  return bonuses;
}

/** Values exact lines (months may be a Ratio, with the candidate's earlier months for the maximum). */
export function valuateExact(
  catalogue: Catalogue,
  lines: ExactValuationLine[],
  pathPrefix = "lines",
): { lines: ExactValuedLine[]; totalCents: Cents; catalogue: { id: string; version: string } } {
  const errors: FieldError[] = [];
  if (!Array.isArray(lines)) throw new InvalidInput([{ path: pathPrefix, message: "must be a list" }]);
  const checked = lines.map((line, i) => validateLine(catalogue, line, `${pathPrefix}.${i}`, errors));
  if (errors.length > 0) throw new InvalidInput(errors);
  const valued: ExactValuedLine[] = checked.map((c, i) => {
    const { block, bonuses, q } = c!;
    // Cents stay exact integers only up to 2^53: a larger value would be stored and summed wrongly.
    const tooLarge = () =>
      errors.push({
        path: `${pathPrefix}.${i}.${QUANTITY_FIELD[block.kind as Exclude<BlockKind, "bonus">]}`,
        code: "out-of-range",
        message: "the value of this quantity is too large to be kept exactly",
      });
    let r: LineValue;
    try {
      r = valueLine(block, bonuses, q, lines[i]!.monthsBefore ?? make(0n));
    } catch (error) {
      if (!(error instanceof RuleViolation && error.code === "out-of-range")) throw error;
      tooLarge();
      r = { valueCents: 0, formula: "", reported: null, counted: null };
    }
    if (!Number.isSafeInteger(r.valueCents)) tooLarge();
    return {
      blockId: block.id,
      kind: block.kind,
      targetGroup: block.targetGroup ?? null,
      valueCents: r.valueCents,
      reportedMonths: r.reported === null ? null : toNumber(r.reported),
      countedMonths: r.counted === null ? null : toNumber(r.counted),
      formula: r.formula,
      reportedMonthsExact: r.reported,
      countedMonthsExact: r.counted,
    };
  });
  if (errors.length > 0) throw new InvalidInput(errors);
  return {
    lines: valued,
    totalCents: sumCents(
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
