import type { FieldError } from "../errors.js";
import { div, format, mul, product, type Ratio, ratio } from "../exact.js";
import {
  type Cents,
  centsFromAmount,
  eurosOf,
  formatEuros,
  roundEurosToCents,
  sumCents,
  toMoney,
} from "../money.js";
import { EXCLUSION_GROUND_SOURCE, type FactorKind, isExclusionGround, kindOf } from "./factor-kinds.js";
import type { CertificateTable, Co2Price, FactorSet, TruePriceFactor } from "./tables.js";
import type { Bid, CorrectionLine } from "./types.js";

/**
 * Corrections to the price (see lib/domain/scoring/README.md, Corrections), one rule for every method:
 * the certificate discount is a percentage of the raw bid price P; cost corrections
 * (MKI × factor, true-price costs × weight, life-cycle cost items) are added;
 * C = P − discount + costs. Every line rounds half away from zero to whole cents and C is the
 * sum of the rounded lines.
 */
export interface ResolvedCorrections {
  certificate?: CertificateTable;
  mki?: { valuationFactor: number };
  truePrice?: {
    set: FactorSet;
    weight: number;
    categories?: string[];
    /** Social factors count (never under lowest-cost: the model refuses it). */
    socialCosts: boolean;
    co2Price?: Co2Price;
  };
  lcc: boolean;
}

export const MKI_SOURCE =
  "Rijkswaterstaat MKI-W (standard since 27 May 2024): MKI × valuation factor added to the bid sum; factor set in the award model";
export const LCC_SOURCE = "life-cycle cost item declared in the bid (use, maintenance, end-of-life)";

export interface CorrectedPrice {
  lines: CorrectionLine[];
  correctedCents: Cents;
  /** Why the bid is not compliant: the exclusion grounds it declares (never a line, never a cost). */
  reasons: string[];
}

/** A correction line with its amount as money after the cents (the order the lines are written in). */
const line = (l: Omit<CorrectionLine, "amount">): CorrectionLine => ({
  kind: l.kind,
  category: l.category,
  label: l.label,
  amountCents: l.amountCents,
  formula: l.formula,
  table: l.table,
  source: l.source,
  amount: toMoney(l.amountCents),
  ...(l.externality ? { externality: l.externality } : {}),
});

/**
 * The corrections of one run with what every bid shares worked out once rather than per bid: the
 * percentage of each certificate level, each true-price factor as applied (with the weight).
 */
export interface PreparedCorrections {
  rules: ResolvedCorrections;
  /** By certificate level: its percentage and label (null: no discount at that level). */
  levels: Map<number, CertificateDiscount | null>;
  /** By factor id (null: no factor of that id in the set). */
  factors: Map<string, AppliedFactor | null>;
}

interface CertificateDiscount {
  percent: Ratio;
  text: string;
  label: string;
}

/** A true-price factor as a run applies it. */
interface AppliedFactor {
  factor: TruePriceFactor;
  kind: FactorKind;
  exclusionGround: boolean;
  label: string;
  /** EUR per unit × weight, exact. */
  rate: Ratio;
  /** The formula after the quantity: " kg × EUR 0.312 per kg × weight 1 = ". */
  formulaTail: string;
  table: { id: string; version: string };
  source: string;
}

export const prepareCorrections = (rules: ResolvedCorrections): PreparedCorrections => ({
  rules,
  levels: new Map(),
  factors: new Map(),
});

/** A factor of the run's set as applied (the first of that id), worked out once per run; null if unknown. */
function appliedFactor(
  prepared: PreparedCorrections,
  rule: NonNullable<ResolvedCorrections["truePrice"]>,
  id: string,
): AppliedFactor | null {
  let known = prepared.factors.get(id);
  if (known === undefined) {
    const factor = rule.set.factors.find((f) => f.id === id);
    if (!factor) known = null;
    else {
      const applied = applicableFactor(factor, rule.set, rule.co2Price);
      known = {
        factor,
        kind: kindOf(factor),
        exclusionGround: isExclusionGround(factor),
        label: `True price: ${factor.id}${applied.note}`,
        rate: mul(ratio(applied.eurPerUnit), ratio(rule.weight)),
        formulaTail: ` ${factor.unit} × EUR ${applied.eurPerUnit} per ${factor.unit} × weight ${format(rule.weight)} = `,
        table: applied.table,
        source: applied.source,
      };
    }
    prepared.factors.set(id, known);
  }
  return known;
}

/** The factor actually applied: the factor set's, or the CO2 price (EUR/t → EUR/kg) for climate. */
function applicableFactor(
  factor: TruePriceFactor,
  set: FactorSet,
  co2Price: Co2Price | undefined,
): { eurPerUnit: string; table: { id: string; version: string }; source: string; note: string } {
  if (co2Price && factor.id === "climate") {
    return {
      eurPerUnit: format(div(ratio(co2Price.eurPerTonne), 1000)),
      table: { id: co2Price.id, version: co2Price.version },
      source: co2Price.source,
      note: ` (CO2 price ${format(co2Price.eurPerTonne)} EUR/t)`,
    };
  }
  return {
    eurPerUnit: format(factor.eurPerUnit),
    table: { id: set.id, version: set.version },
    source: set.source,
    note: "",
  };
}

export function correctPrice(
  prepared: PreparedCorrections,
  bid: Bid,
  priceCents: Cents,
  path: string,
  errors: FieldError[],
): CorrectedPrice {
  const rules = prepared.rules;
  // In this order: the lines and the errors are listed as the rules are applied.
  const lines: CorrectionLine[] = [];
  const reasons: string[] = [];
  if (rules.certificate) certificateLine(prepared, rules.certificate, bid, priceCents, lines);
  if (rules.mki) lines.push(...mkiLines(rules.mki.valuationFactor, bid, path, errors));
  if (rules.truePrice) truePriceLines(prepared, rules.truePrice, bid, path, errors, lines, reasons);
  if (rules.lcc) lines.push(...lccLines(bid, path, errors));
  const correctedCents = sumCents([priceCents, ...lines.map((l) => l.amountCents)], "the corrected price");
  return { lines, correctedCents, reasons };
}

/** A certificate level's discount, worked out once per run. */
function levelOf(prepared: PreparedCorrections, table: CertificateTable, level: number) {
  let known = prepared.levels.get(level);
  if (known === undefined) {
    const percent = table.discountPercentByLevel[String(level)];
    known =
      percent === undefined || percent === 0
        ? null
        : {
            percent: ratio(percent),
            text: format(percent),
            label: `${table.scheme} level ${level}: ${format(percent)} % discount`,
          };
    prepared.levels.set(level, known);
  }
  return known;
}

/** The discount for the certificate level the bid commits to; none at a level without a discount. */
function certificateLine(
  prepared: PreparedCorrections,
  table: CertificateTable,
  bid: Bid,
  priceCents: Cents,
  lines: CorrectionLine[],
): void {
  const level = bid.certificates?.[table.scheme];
  const discount = level === undefined ? null : levelOf(prepared, table, level);
  if (discount === null) return;
  const amountCents = -roundEurosToCents(product([eurosOf(priceCents), discount.percent], 100n));
  lines.push(
    line({
      kind: "certificate-discount",
      category: "certificate",
      label: discount.label,
      amountCents,
      formula: `${formatEuros(priceCents)} × ${discount.text} % = ${formatEuros(-amountCents)}, deducted`,
      table: { id: table.id, version: table.version },
      source: table.source,
    }),
  );
}

/** MKI × valuation factor; the bid must declare its MKI. */
function mkiLines(factor: number, bid: Bid, path: string, errors: FieldError[]): CorrectionLine[] {
  if (!bid.mki) {
    errors.push({
      path: `${path}.mki`,
      message: "the award model adds MKI × valuation factor; declare the MKI",
    });
    return [];
  }
  const mkiCents = centsOrError(bid.mki.amount, `${path}.mki`, errors);
  if (mkiCents === null) return [];
  const amountCents = roundEurosToCents(mul(eurosOf(mkiCents), ratio(factor)));
  return [
    line({
      kind: "mki",
      category: "environmental",
      label: "Environmental cost indicator (MKI) × valuation factor",
      amountCents,
      formula: `${formatEuros(mkiCents)} × ${format(factor)} = ${formatEuros(amountCents)}`,
      table: null,
      source: MKI_SOURCE,
    }),
  ];
}

/**
 * One cost line per declared quantity of a counted factor: of a chosen category (all by default), and
 * social only when the model counts social costs. A quantity of an exclusion ground makes the bid not
 * compliant and is never a cost. Unknown factors and negatives are errors.
 */
function truePriceLines(
  prepared: PreparedCorrections,
  rule: NonNullable<ResolvedCorrections["truePrice"]>,
  bid: Bid,
  path: string,
  errors: FieldError[],
  lines: CorrectionLine[],
  reasons: string[],
): void {
  const { set, categories } = rule;
  (bid.externalities ?? []).forEach((ext, j) => {
    const applied = appliedFactor(prepared, rule, ext.factorId);
    if (!applied) {
      errors.push({
        path: `${path}.externalities.${j}.factorId`,
        message: `unknown factor "${ext.factorId}" in factor set ${set.id} ${set.version}`,
      });
      return;
    }
    if (!(ext.quantity >= 0)) {
      errors.push({ path: `${path}.externalities.${j}.quantity`, message: "a quantity is zero or more" });
      return;
    }
    if (ext.quantity === 0) return;
    if (applied.exclusionGround) {
      reasons.push(
        `declares factor "${applied.factor.id}" (${format(ext.quantity)} ${applied.factor.unit}): an exclusion ground or contract condition, never a cost (${EXCLUSION_GROUND_SOURCE})`,
      );
      return;
    }
    if (applied.kind === "social" && !rule.socialCosts) return;
    if (categories && !categories.includes(applied.factor.category)) return;
    const amountCents = roundEurosToCents(mul(ratio(ext.quantity), applied.rate));
    lines.push(
      line({
        kind: "true-price",
        category: applied.factor.category,
        label: applied.label,
        amountCents,
        formula: `${format(ext.quantity)}${applied.formulaTail}${formatEuros(amountCents)}`,
        table: applied.table,
        source: applied.source,
        externality: applied.kind,
      }),
    );
  });
}

/** The life-cycle cost items declared in the bid, each as declared. */
function lccLines(bid: Bid, path: string, errors: FieldError[]): CorrectionLine[] {
  const lines: CorrectionLine[] = [];
  (bid.lcc ?? []).forEach((item, j) => {
    const amountCents = centsOrError(item.amount.amount, `${path}.lcc.${j}.amount`, errors);
    if (amountCents === null) return;
    lines.push(
      line({
        kind: "lcc",
        category: "life-cycle",
        label: `Life-cycle cost: ${item.label}`,
        amountCents,
        formula: `declared ${formatEuros(amountCents)}`,
        table: null,
        source: LCC_SOURCE,
      }),
    );
  });
  return lines;
}

/** Wire amount → cents, or a field error (more than 2 decimals, out of range). */
export function centsOrError(amount: number, path: string, errors: FieldError[]): Cents | null {
  try {
    return centsFromAmount(amount);
  } catch (error) {
    errors.push({ path, message: error instanceof Error ? error.message : "not an amount" });
    return null;
  }
}
