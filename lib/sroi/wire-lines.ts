/**
 * Valuation lines as they arrive on the wire: an invoice amount as money.
 */
import { centsFromMoney, type Money } from "../domain/money.js";
import type { ValuationLine } from "../domain/sroi/valuation.js";

export type WireLine = Omit<ValuationLine, "invoiceCents"> & { invoice?: Money | undefined };

export const lineFromWire = ({ invoice, ...line }: WireLine): ValuationLine =>
  invoice === undefined ? line : { ...line, invoiceCents: centsFromMoney(invoice) };
