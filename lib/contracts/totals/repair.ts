/**
 * Repair of running totals left unverified by a crashed operation.
 */
import { Conflict } from "../../domain/errors.js";
import type { Operation } from "../../operation.js";
import { type StoredTotals, totalsEntity, totalsKey } from "../../entities/totals.js";
import { getItem } from "../../store/ops.js";
import type { Contract } from "../contract/model.js";
import { markersStale, readTotals } from "./read.js";
import { recompute } from "./recompute.js";

/**
 * Repairs the totals from the entries when their markers are stale (see recompute); true when it did.
 * Another writer or repair in between makes it skip: that one has the contract's totals in hand.
 */
export async function repairIfStale(
  op: Operation,
  contract: Contract,
  main?: StoredTotals,
): Promise<boolean> {
  const seen = main ?? (await storedTotals(contract.id));
  if (!seen || !markersStale(seen, op.wallClock())) return false;
  try {
    return (await recompute(op, contract, "repair-stale")).repaired;
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}

async function storedTotals(contractId: string): Promise<StoredTotals | undefined> {
  const item = await getItem(totalsKey(contractId));
  return item ? totalsEntity.read(item) : undefined;
}

/**
 * The totals rows (`read`: as just read with readTotals), repaired first when a crashed operation left
 * its marker for too long.
 */
export async function readTotalsRepaired(
  op: Operation,
  contract: Contract,
  read?: Awaited<ReturnType<typeof readTotals>>,
) {
  read ??= await readTotals(contract.id);
  if (markersStale(read.main, op.wallClock()) && (await repairIfStale(op, contract, read.main)))
    return readTotals(contract.id);
  return read;
}
