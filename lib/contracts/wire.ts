/**
 * Wire forms of contracts, obligation versions and entries: cents become money, exact months two decimals.
 */
import { toMoney } from "../domain/money.js";
import { twoDecimals } from "../domain/sroi/balance.js";
import { parseRatio } from "../domain/sroi/months.js";
import type {
  BaseAmountResponse,
  CommitmentVersionResponse,
  ContractResponse,
  ObligationVersionResponse,
  PoolTransferResponse,
} from "../schemas/responses/contracts.js";
import type { EntryResponse } from "../schemas/responses/entries.js";
import {
  type CommitmentVersion,
  type Contract,
  countingRules,
  type ObligationVersion,
  psoCertificateExpiresDuringContract,
  type Settlement,
} from "./contract/model.js";
import type { Entry, Invoice } from "./entries/model.js";
import type { BaseAmount } from "./base-amounts.js";
import type { PoolTransfer } from "../entities/pool-transfer.js";

/** Wire form: cents become money. */
export function contractToWire(contract: Contract): ContractResponse {
  const { valueCents, obligation, commitment, promises, settlement, lotId, ...rest } = contract;
  // The recorded base serves the balance (obligationToDate there); the policy version names it.
  const { base: _base, ...policy } = contract.policy;
  return {
    ...rest,
    // Contracts awarded before lots award the tender's only lot, "1".
    lotId: lotId ?? (contract.tenderId ? "1" : null),
    policy: { ...policy, ...countingRules(contract) },
    value: toMoney(valueCents),
    psoCertificateExpiresDuringContract: psoCertificateExpiresDuringContract(contract),
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
    settlement: settlement ? settlementToWire(settlement) : null,
  };
}

const settlementToWire = ({ shortfallCents, ...settlement }: Settlement) => ({
  ...settlement,
  shortfall: toMoney(shortfallCents),
});

export function obligationToWire(o: ObligationVersion): ObligationVersionResponse {
  const { cents, ...rest } = o;
  const { valueCents, invoicedTurnoverCents, wageBillCents, ...basis } = o.basis;
  const moneyOrNull = (c: number | null) => (c === null ? null : toMoney(c));
  return {
    ...rest,
    amount: toMoney(cents),
    basis: {
      ...basis,
      value: toMoney(valueCents),
      // Absent on versions stored before other bases existed.
      ...(invoicedTurnoverCents !== undefined
        ? { invoicedTurnover: moneyOrNull(invoicedTurnoverCents) }
        : {}),
      ...(wageBillCents !== undefined ? { wageBill: moneyOrNull(wageBillCents) } : {}),
    },
    steps: o.steps.map(({ amountCents, ...s }) =>
      amountCents === undefined ? s : { ...s, amount: toMoney(amountCents) },
    ),
  };
}

const DAY = 86_400_000;

const invoiceToWire = ({ amountCents, ...invoice }: Invoice) => ({
  ...invoice,
  amount: toMoney(amountCents),
});

export function entryToWire(entry: Entry, now?: Date, reviewDays?: number): EntryResponse {
  const { valueCents, invoice, reportedMonths, countedMonths, ...rest } = entry;
  const overdue =
    now !== undefined && reviewDays !== undefined && entry.status === "submitted"
      ? now.getTime() - Date.parse(entry.submittedAt) > reviewDays * DAY
      : undefined;
  return {
    ...rest,
    value: toMoney(valueCents),
    invoice: invoice ? invoiceToWire(invoice) : null,
    targetGroupEvidence: entry.targetGroupEvidence ?? null,
    reportedMonths: reportedMonths ? twoDecimals(parseRatio(reportedMonths)) : null,
    countedMonths: countedMonths ? twoDecimals(parseRatio(countedMonths)) : null,
    exactMonths: reportedMonths ? { reported: reportedMonths, counted: countedMonths } : null,
    ...(overdue !== undefined ? { overdue } : {}),
  };
}

/** Wire form of a commitment version (the plan of approach): cents become money. */
export function commitmentToWire(c: CommitmentVersion): CommitmentVersionResponse {
  const { totalCents, ...valuation } = c.valuation;
  return {
    ...c,
    lines: c.lines.map(({ invoiceCents, ...l }) =>
      invoiceCents === undefined ? l : { ...l, invoice: toMoney(invoiceCents) },
    ),
    valuation: {
      ...valuation,
      total: toMoney(totalCents),
      lines: valuation.lines.map(({ valueCents, ...l }) => ({ ...l, value: toMoney(valueCents) })),
    },
  };
}

/** Wire form of a base amount: cents become money. */
export function baseAmountToWire({ amountCents, ...rest }: BaseAmount): BaseAmountResponse {
  return { ...rest, amount: toMoney(amountCents) };
}

/** Wire form of a pool transfer: cents become money. */
export function poolTransferToWire({ amountCents, ...transfer }: PoolTransfer): PoolTransferResponse {
  return { ...transfer, amount: toMoney(amountCents) };
}
