/**
 * A contract's balance: obligation, commitment, credited and pending figures, shortfall, projection.
 */
import { NotFound, RuleViolation } from "../domain/errors.js";
import { type Cents, toMoney } from "../domain/money.js";
import {
  type BlockBreakdown,
  byTargetGroup,
  computeBalance,
  type EntryTotals,
  twoDecimals,
} from "../domain/sroi/balance.js";
import type { Operation } from "../operation.js";
import type { BalanceResponse } from "../schemas/responses/contracts.js";
import { contractEntity, contractKey } from "../entities/contract.js";
import { canSee } from "./contract/access.js";
import { type Contract, obligationIsToDate } from "./contract/model.js";
import { requirePolicyVersion } from "./contract/obligation-version.js";
import { type Key, publicFields } from "../store/ops.js";
import { readTotalsOfMany, readWithTotals, type TotalsRead } from "./totals/read.js";
import { readTotalsRepaired } from "./totals/repair.js";
import { NOT_POOLED, type Pooled, pooledOf } from "./pooling.js";

/**
 * The contract and its totals rows are read at once (one call on a warm container: readWithTotals);
 * the totals are used only once the contract is found and the caller may see it.
 */
export async function balanceOf(op: Operation, contractId: string): Promise<BalanceResponse> {
  const { item, read } = await readWithTotals(contractKey(contractId), contractId);
  const stored = item && contractEntity.read(item);
  if (!stored || !canSee(op.actor, stored)) throw new NotFound("contract");
  return balanceFor(op, publicFields<Contract>(stored), read);
}

/**
 * Whether the contract's obligation is an obligation to date (its policy's base is the invoiced turnover
 * or the wage bill): from the base recorded on the contract, or, on a contract stored before it was
 * recorded, from its policy version (immutable, cached per container).
 */
export async function obligationToDateOf(contract: Contract): Promise<boolean> {
  if (!contract.obligation.applies) return false;
  const base = contract.policy.base ?? (await requirePolicyVersion(contract)).base;
  return obligationIsToDate(contract, base);
}

/** The balance counts the accepted entries and the value pooled in, less the value pooled out. */
export function contractBalance(
  contract: Contract,
  totals: EntryTotals,
  now: Date,
  pooled: Pooled,
  obligationToDate: boolean,
) {
  return computeBalance({
    totals: {
      obligationCents: contract.obligation.cents,
      committedCents: contract.commitment?.cents ?? 0,
      creditedCents: totals.creditedCents - pooled.outCents + pooled.inCents,
      pendingCents: totals.pendingCents,
      rejectedCents: totals.rejectedCents,
    },
    startDate: contract.startDate,
    endDate: contract.endDate,
    now: now.toISOString(),
    settled: contract.settlement !== null,
    recoveryDays: contract.policy.recoveryDays,
    obligationToDate,
  });
}

/**
 * The shortfall in cents now (for the settlement). It depends on the credited total only, so it is
 * refused only while an operation that can change that total (a review, a repair) is unfinished: a
 * supplier's submissions never hold up a settlement.
 */
export async function shortfallCentsOf(op: Operation, contract: Contract): Promise<Cents> {
  const [{ main, totals }, pooled, toDate] = await Promise.all([
    readTotalsRepaired(op, contract),
    pooledOf(contract),
    obligationToDateOf(contract),
  ]);
  if ((main.inFlight ?? 0) - (main.pendingOnlyInFlight ?? 0) !== 0)
    throw new RuleViolation(
      "totals-unverified",
      "The credited total is being updated or needs repair: retry in a minute (a stale update is repaired automatically) or ask an admin to recompute.",
    );
  return contractBalance(contract, totals, op.now, pooled, toDate).shortfallCents;
}

/** `read`: the contract's totals rows when the caller has just read them (readTotals). */
export async function balanceFor(
  op: Operation,
  contract: Contract,
  read?: TotalsRead,
): Promise<BalanceResponse> {
  const [fresh, pooled, toDate] = await Promise.all([
    readTotalsRepaired(op, contract, read),
    pooledOf(contract),
    obligationToDateOf(contract),
  ]);
  return balanceOfTotals(contract, fresh, op.now, pooled, toDate);
}

/**
 * The balances of a page of contracts from their TOTALS rows (`mains`, in the contracts' order, read by
 * the caller with the page): one BatchGetItem of their block rows, then each balance as balanceFor
 * computes it. A contract whose markers are stale is repaired first, as balanceFor does.
 */
export async function balancesFor(
  op: Operation,
  contracts: readonly Contract[],
  mains: readonly (Key | undefined)[],
): Promise<BalanceResponse[]> {
  const reads = await readTotalsOfMany(
    contracts.map((c) => c.id),
    mains,
  );
  return Promise.all(
    contracts.map(async (contract) => {
      const [fresh, pooled, toDate] = await Promise.all([
        readTotalsRepaired(op, contract, reads.get(contract.id)!),
        pooledOf(contract),
        obligationToDateOf(contract),
      ]);
      return balanceOfTotals(contract, fresh, op.now, pooled, toDate);
    }),
  );
}

/** The balance of a contract from its stored totals, at `now` (`obligationToDate`: obligationToDateOf). */
export function balanceOfTotals(
  contract: Contract,
  { main, totals }: TotalsRead,
  now: Date,
  pooled: Pooled = NOT_POOLED,
  obligationToDate = false,
): BalanceResponse {
  const balance = contractBalance(contract, totals, now, pooled, obligationToDate);
  const money = (c: number | null) => (c === null ? null : toMoney(c));
  const row = (b: Omit<BlockBreakdown, "blockId" | "kind">) => ({
    credited: toMoney(b.creditedCents),
    pending: toMoney(b.pendingCents),
    persons: b.persons,
    fteYears: twoDecimals(b.fteYears),
    reportedMonths: twoDecimals(b.reportedMonths),
    countedMonths: twoDecimals(b.countedMonths),
  });
  return {
    contractId: contract.id,
    asOf: now.toISOString(),
    obligation: toMoney(balance.obligationCents),
    committed: toMoney(balance.committedCents),
    credited: toMoney(totals.creditedCents),
    pooledOut: toMoney(pooled.outCents),
    pooledIn: toMoney(pooled.inCents),
    pending: toMoney(balance.pendingCents),
    rejected: toMoney(balance.rejectedCents),
    shortfall: toMoney(balance.shortfallCents),
    overRealisation: toMoney(balance.overRealisationCents),
    fulfilmentPercent: balance.fulfilmentPercent,
    status: balance.status,
    elapsedPercent: balance.elapsedPercent,
    obligationToDate,
    expectedByNow: toMoney(balance.expectedByNowCents),
    projection: {
      atEnd: money(balance.projectedCents),
      shortfallAtEnd: money(balance.projectedShortfallCents),
      method: obligationToDate
        ? "none while the contract runs: the obligation grows with the base amounts accepted (linear after the end: credited)"
        : "linear: credited ÷ elapsed share of the contract period",
    },
    ended: balance.ended,
    recoveryDeadline: balance.recoveryDeadline,
    settlement: contract.settlement,
    entries: totals.counts,
    byBlock: totals.blocks.map((b) => ({
      blockId: b.blockId,
      kind: b.kind,
      targetGroup: b.targetGroup,
      ...row(b),
    })),
    byTargetGroup: byTargetGroup(totals.blocks).map((g) => ({ targetGroup: g.targetGroup, ...row(g) })),
    rules: {
      policy: { id: contract.policy.id, version: contract.policy.version },
      obligationVersion: contract.obligation.version,
      commitmentVersion: contract.commitment?.version ?? null,
    },
    /** false while an operation is applying its deltas, or after a crash until the repair. */
    totalsVerified: (main.inFlight ?? 0) === 0,
  };
}
