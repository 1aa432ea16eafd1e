/**
 * Wire forms of contracts, obligation versions and entries: cents become money, exact months two decimals.
 */
import { toMoney } from "../domain/money.js";
import { twoDecimals } from "../domain/sroi/balance.js";
import { parseRatio } from "../domain/sroi/months.js";
import type { Contract, ObligationVersion } from "./contract/model.js";
import type { Entry } from "./entries/model.js";

/** Wire form: cents become money. */
export function contractToWire(contract: Contract) {
  const { valueCents, obligation, commitment, promises, settlement, ...rest } = contract;
  return {
    ...rest,
    value: toMoney(valueCents),
    obligation: {
      version: obligation.version,
      applies: obligation.applies,
      amount: toMoney(obligation.cents),
    },
    commitment: commitment ? { version: commitment.version, amount: toMoney(commitment.cents) } : null,
    promises: promises.map(({ advantageCents, sanction, ...p }) => ({
      ...p,
      advantage: toMoney(advantageCents),
      ...(sanction
        ? {
            sanction: {
              amount: toMoney(sanction.cents),
              unearned: toMoney(sanction.unearnedCents),
              factor: sanction.factor,
              formula: sanction.formula,
            },
          }
        : {}),
    })),
    settlement: settlement
      ? { ...settlement, shortfallCents: undefined, shortfall: toMoney(settlement.shortfallCents) }
      : null,
  };
}

export function obligationToWire(o: ObligationVersion) {
  return {
    ...o,
    cents: undefined,
    amount: toMoney(o.cents),
    basis: { ...o.basis, valueCents: undefined, value: toMoney(o.basis.valueCents) },
    steps: o.steps.map(({ amountCents, ...s }) =>
      amountCents === undefined ? s : { ...s, amount: toMoney(amountCents) },
    ),
  };
}

const DAY = 86_400_000;

export function entryToWire(entry: Entry, now?: Date, reviewDays?: number) {
  const { valueCents, invoice, reportedMonths, countedMonths, ...rest } = entry;
  const overdue =
    now !== undefined && reviewDays !== undefined && entry.status === "submitted"
      ? now.getTime() - Date.parse(entry.submittedAt) > reviewDays * DAY
      : undefined;
  return {
    ...rest,
    value: toMoney(valueCents),
    invoice: invoice ? { ...invoice, amountCents: undefined, amount: toMoney(invoice.amountCents) } : null,
    reportedMonths: reportedMonths ? twoDecimals(parseRatio(reportedMonths)) : null,
    countedMonths: countedMonths ? twoDecimals(parseRatio(countedMonths)) : null,
    exactMonths: reportedMonths ? { reported: reportedMonths, counted: countedMonths } : null,
    ...(overdue !== undefined ? { overdue } : {}),
  };
}
