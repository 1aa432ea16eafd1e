import type { FieldError } from "../errors.js";
import { div, format, mul, ratio } from "../exact.js";
import {
  type Cents,
  centsFromAmount,
  eurosOf,
  formatEuros,
  roundEurosToCents,
  sumCents,
  toMoney,
} from "../money.js";
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
  truePrice?: { set: FactorSet; weight: number; categories?: string[]; co2Price?: Co2Price };
  lcc: boolean;
}

export const MKI_SOURCE =
  "Rijkswaterstaat MKI-W (standard since 27 May 2024): MKI × valuation factor added to the bid sum; factor set in the award model";
export const LCC_SOURCE = "life-cycle cost item declared in the bid (use, maintenance, end-of-life)";

export interface CorrectedPrice {
  lines: CorrectionLine[];
  correctedCents: Cents;
}

const line = (l: Omit<CorrectionLine, "amount">): CorrectionLine => ({
  ...l,
  amount: toMoney(l.amountCents),
});

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
  rules: ResolvedCorrections,
  bid: Bid,
  priceCents: Cents,
  path: string,
  errors: FieldError[],
): CorrectedPrice {
  // In this order: the lines and the errors are listed as the rules are applied.
  const lines: CorrectionLine[] = [
    ...(rules.certificate ? certificateLines(rules.certificate, bid, priceCents) : []),
    ...(rules.mki ? mkiLines(rules.mki.valuationFactor, bid, path, errors) : []),
    ...(rules.truePrice ? truePriceLines(rules.truePrice, bid, path, errors) : []),
    ...(rules.lcc ? lccLines(bid, path, errors) : []),
  ];
  const correctedCents = sumCents([priceCents, ...lines.map((l) => l.amountCents)], "the corrected price");
  return { lines, correctedCents };
}

/** The discount for the certificate level the bid commits to; none at a level without a discount. */
function certificateLines(table: CertificateTable, bid: Bid, priceCents: Cents): CorrectionLine[] {
  const level = bid.certificates?.[table.scheme];
  const percent = level === undefined ? undefined : table.discountPercentByLevel[String(level)];
  if (level === undefined || percent === undefined || percent === 0) return [];
  const amountCents = -roundEurosToCents(div(mul(eurosOf(priceCents), ratio(percent)), 100));
  return [
    line({
      kind: "certificate-discount",
      category: "certificate",
      label: `${table.scheme} level ${level}: ${format(percent)} % discount`,
      amountCents,
      formula: `${formatEuros(priceCents)} × ${format(percent)} % = ${formatEuros(-amountCents)}, deducted`,
      table: { id: table.id, version: table.version },
      source: table.source,
    }),
  ];
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

/** One cost line per declared quantity of a counted category; unknown factors and negatives are errors. */
function truePriceLines(
  rule: NonNullable<ResolvedCorrections["truePrice"]>,
  bid: Bid,
  path: string,
  errors: FieldError[],
): CorrectionLine[] {
  const { set, weight, categories, co2Price } = rule;
  const lines: CorrectionLine[] = [];
  (bid.externalities ?? []).forEach((ext, j) => {
    const factor = set.factors.find((f) => f.id === ext.factorId);
    if (!factor) {
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
    if (categories && !categories.includes(factor.category)) return;
    if (ext.quantity === 0) return;
    const applied = applicableFactor(factor, set, co2Price);
    const amountCents = roundEurosToCents(
      mul(mul(ratio(ext.quantity), ratio(applied.eurPerUnit)), ratio(weight)),
    );
    lines.push(
      line({
        kind: "true-price",
        category: factor.category,
        label: `True price: ${factor.id}${applied.note}`,
        amountCents,
        formula: `${format(ext.quantity)} ${factor.unit} × EUR ${applied.eurPerUnit} per ${factor.unit} × weight ${format(weight)} = ${formatEuros(amountCents)}`,
        table: applied.table,
        source: applied.source,
      }),
    );
  });
  return lines;
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
