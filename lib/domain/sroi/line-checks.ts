/**
 * Checks of one valuation line against its catalogue: its block, the quantities the block's kind
 * takes, and an employment line's bonuses. Errors name the field as the request does.
 */
import type { FieldError } from "../errors.js";
import { cmp, type Ratio, ratio } from "../exact.js";
import { withArticle } from "../words.js";
import { type Block, type BlockKind, type Catalogue, findBlock } from "./catalogue.js";
import type { ExactValuationLine } from "./valuation.js";

export type LineField = "fte" | "months" | "hours" | "units" | "invoiceCents" | "bonuses";
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

/** A field's path in the request, built only for an error (most lines have none). */
export const pathOf = (prefix: string, index: number, field: string) => `${prefix}.${index}.${field}`;

export function validateLine(
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
    const required = spec.required.includes(field);
    if (value === undefined) {
      if (required) fieldError(errors, prefix, index, field, `required for ${withArticle(block.kind)} block`);
      continue;
    }
    if (!required && !spec.optional.includes(field)) {
      fieldError(errors, prefix, index, field, `not taken by ${withArticle(block.kind)} block`);
      continue;
    }
    if (field === "bonuses") continue;
    const parsed = checkedQuantity(field, value);
    if (typeof parsed === "string") fieldError(errors, prefix, index, field, parsed);
    else q[field] = parsed;
  }
  return q;
}

/**
 * Records a field's error. A plain function rather than a closure per field: the checks run for every
 * line of a valuation, and a closure made per field and line cost more than the checks themselves
 * (under tsx, which keeps function names, each one is also named with a defineProperty).
 */
function fieldError(
  errors: FieldError[],
  prefix: string,
  index: number,
  field: LineField,
  message: string,
): void {
  errors.push({ path: pathOf(prefix, index, WIRE_NAME[field]), message });
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
    const problem = bonusProblem(bonus, id, seen);
    if (problem !== null) errors.push({ path: pathOf(prefix, index, `bonuses.${j}`), message: problem });
    else bonuses.push(bonus!);
    seen.add(id);
  });
  return bonuses;
}

/** Why a bonus id cannot stack on the line, or null when it can. */
function bonusProblem(bonus: Block | undefined, id: string, seen: ReadonlySet<string>): string | null {
  if (!bonus) return `unknown block "${id}"`;
  if (bonus.kind !== "bonus") return `"${id}" is not a bonus block`;
  if (seen.has(id)) return `bonus "${id}" is listed twice`;
  return null;
}
