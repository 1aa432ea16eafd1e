/**
 * A contract's social return in OCDS: the obligation as a milestone of `contracts[].implementation`
 * (its status from the contract's balance, on the closed milestoneStatus codelist) and, in the local
 * extension (lib/ocds/extension), the value realised per period from the contract's month rows of its
 * running totals (lib/entities/month-totals.ts). Only aggregates: no entry, person or candidate reference.
 *
 * `socialReturnImplementation` is pure; `loadSocialReturn` reads what it needs (three queries, however
 * many entries) and never writes: a public read does not repair stale totals, it says they are unverified.
 */
import { parseDeadline } from "../domain/amsterdam-time.js";
import { type Cents, formatEuros, sumCents, toMoney } from "../domain/money.js";
import { lastDayOf } from "../domain/reports/periods.js";
import type { Balance, BalanceStatus } from "../domain/sroi/balance.js";
import { monthTotalsEntity, monthTotalsQueries } from "../entities/month-totals.js";
import { queryAll } from "../store/paging.js";
import { contractBalance, obligationToDateOf } from "../contracts/balance.js";
import type { Contract } from "../contracts/contract/model.js";
import { pooledOf, type Pooled } from "../contracts/pooling.js";
import { readTotals } from "../contracts/totals/read.js";

/** OCDS Value: an amount in the currency's major unit. */
export interface OcdsValue {
  amount: number;
  currency: "EUR";
}

/** The closed milestoneStatus codelist of OCDS 1.1 (release-schema.json, Milestone.status). */
export type MilestoneStatus = "scheduled" | "met" | "notMet" | "partiallyMet";

export interface OcdsMilestone {
  id: string;
  title: string;
  /** The open milestoneType codelist. */
  type: "delivery";
  code: string;
  description: string;
  dueDate: string;
  dateMet?: string;
  dateModified: string;
  status: MilestoneStatus;
}

/** The value realised in one month: the accepted entries whose reporting period ends in it. */
export interface RealisedPeriod {
  id: string;
  period: { startDate: string; endDate: string };
  realisedValue: OcdsValue;
}

/** The local extension's `implementation.socialReturn`. */
export interface SocialReturnSummary {
  obligation: OcdsValue;
  /** Accepted realisation, Σ of `periods`. */
  realisedValue: OcdsValue;
  /** Realised value moved to or from other contracts of the supplier (regional pooling). */
  pooledIn: OcdsValue;
  pooledOut: OcdsValue;
  /** The balance's status (fulfilled, on-track, behind, shortfall, settled) on `asOf`. */
  balanceStatus: BalanceStatus;
  asOf: string;
  /** False while an update of the contract's totals is under way (or one crashed and awaits repair). */
  totalsVerified: boolean;
  periods: RealisedPeriod[];
}

export interface SocialReturnImplementation {
  milestones?: OcdsMilestone[];
  socialReturn: SocialReturnSummary;
}

/** What the mapping needs of a contract. */
export type SocialReturnContract = Pick<Contract, "id" | "endDate" | "obligation" | "settlement">;

export interface SocialReturnFacts {
  contract: SocialReturnContract;
  /** The contract's balance on `asOf` (credited there counts pooled value). */
  balance: Pick<Balance, "status" | "creditedCents" | "obligationCents">;
  /** Accepted value in the contract's own entries (its TOTALS row). */
  realisedCents: Cents;
  pooled: Pooled;
  /** The month rows: month `YYYY-MM` and accepted cents, one row per month and building block. */
  months: readonly { month: string; creditedCents: number }[];
  totalsVerified: boolean;
  asOf: Date;
}

export const SOCIAL_RETURN_MILESTONE_ID = "social-return-obligation";

const money = (cents: Cents): OcdsValue => toMoney(cents);

/**
 * A calendar date's first and last second in Amsterdam, as instants (contract and reporting dates are
 * Amsterdam calendar days; 23:59:59 exists on every day, summer-time changes happen at night).
 */
const startOfDay = (date: string) => parseDeadline(`${date}T00:00`).toISOString();
const lastSecondOf = (date: string) => parseDeadline(`${date}T23:59:59`).toISOString();

/** The month rows summed per month, oldest first; months whose accepted value nets to zero are left out. */
export function realisedPerMonth(
  rows: readonly { month: string; creditedCents: number }[],
): { month: string; cents: Cents }[] {
  const byMonth = new Map<string, Cents[]>();
  for (const row of rows) byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row.creditedCents]);
  return [...byMonth]
    .map(([month, cents]) => ({ month, cents: sumCents(cents, "a month's realised value") }))
    .filter((m) => m.cents !== 0)
    .sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * The milestone's status from the balance: met once the obligation is credited (or settled without a
 * shortfall); after the period, partially met when something was credited, else not met; scheduled while
 * the contract runs, on track or behind.
 */
export function milestoneStatusOf(
  balance: Pick<Balance, "status" | "creditedCents">,
  settlement: SocialReturnContract["settlement"],
): MilestoneStatus {
  switch (balance.status) {
    case "fulfilled":
      return "met";
    case "settled":
      if (settlement && settlement.shortfallCents === 0) return "met";
      return balance.creditedCents > 0 ? "partiallyMet" : "notMet";
    case "shortfall":
      return balance.creditedCents > 0 ? "partiallyMet" : "notMet";
    case "on-track":
    case "behind":
      return "scheduled";
  }
}

/**
 * When the obligation was met: the end of the first month in which the accepted value of that month and
 * those before reaches it (no later than `asOf`), or undefined when the months alone never reach it (pooled
 * value made up the rest).
 */
export function dateMetOf(
  months: readonly { month: string; cents: Cents }[],
  obligationCents: Cents,
  asOf: Date,
): string | undefined {
  let cumulative = 0;
  for (const { month, cents } of months) {
    cumulative += cents;
    if (cumulative >= obligationCents) {
      const end = lastSecondOf(lastDayOf({ from: month, to: month }));
      return Date.parse(end) > asOf.getTime() ? asOf.toISOString() : end;
    }
  }
  return undefined;
}

/**
 * The contract's `implementation` part on social return (pure); undefined for a contract without an
 * obligation on which nothing was realised either (nothing to say).
 */
export function socialReturnImplementation(facts: SocialReturnFacts): SocialReturnImplementation | undefined {
  const { contract, balance, asOf } = facts;
  const months = realisedPerMonth(facts.months);
  const periods = months.map(
    ({ month, cents }): RealisedPeriod => ({
      id: month,
      period: {
        startDate: startOfDay(`${month}-01`),
        endDate: lastSecondOf(lastDayOf({ from: month, to: month })),
      },
      realisedValue: money(cents),
    }),
  );
  const socialReturn: SocialReturnSummary = {
    obligation: money(contract.obligation.applies ? contract.obligation.cents : 0),
    realisedValue: money(facts.realisedCents),
    pooledIn: money(facts.pooled.inCents),
    pooledOut: money(facts.pooled.outCents),
    balanceStatus: balance.status,
    asOf: asOf.toISOString(),
    totalsVerified: facts.totalsVerified,
    periods,
  };
  if (!contract.obligation.applies || contract.obligation.cents <= 0) {
    const nothing =
      !periods.length && !facts.realisedCents && !facts.pooled.inCents && !facts.pooled.outCents;
    return nothing ? undefined : { socialReturn };
  }
  const status = milestoneStatusOf(balance, contract.settlement);
  const dateMet = status === "met" ? dateMetOf(months, contract.obligation.cents, asOf) : undefined;
  return {
    milestones: [
      {
        id: SOCIAL_RETURN_MILESTONE_ID,
        title: "Social return obligation",
        type: "delivery",
        code: "socialReturn",
        description: `Social return (SROI) of EUR ${formatEuros(contract.obligation.cents)} to be realised by the end of the contract; the value realised per month is in implementation.socialReturn.`,
        dueDate: lastSecondOf(contract.endDate),
        ...(dateMet ? { dateMet } : {}),
        dateModified: asOf.toISOString(),
        status,
      },
    ],
    socialReturn,
  };
}

/** Reads a contract's totals, month rows and pool transfers, and maps them (no access check: the caller's). */
export async function loadSocialReturn(
  contract: Contract,
  now: Date,
): Promise<SocialReturnImplementation | undefined> {
  const [read, rows, pooled, toDate] = await Promise.all([
    readTotals(contract.id),
    queryAll(monthTotalsQueries.ofContract(contract.id)),
    pooledOf(contract),
    obligationToDateOf(contract),
  ]);
  const balance = contractBalance(contract, read.totals, now, pooled, toDate);
  return socialReturnImplementation({
    contract,
    balance,
    realisedCents: read.totals.creditedCents,
    pooled,
    months: monthTotalsEntity
      .readAll(rows)
      .map((row) => ({ month: row.month, creditedCents: row.creditedCents ?? 0 })),
    totalsVerified: (read.main.inFlight ?? 0) === 0,
    asOf: now,
  });
}
