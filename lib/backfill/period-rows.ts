/**
 * Month rows (lib/entities/month-totals.ts) for contracts whose entries were written before they were
 * kept: each contract without the `periodRows` mark on its TOTALS row gets its rows computed from its
 * entries, ADDed as differences to what is stored, and the mark (rebuildMonthRows). A contract with a
 * change in flight is skipped and logged; the next run does it. Resumable and repeatable through
 * lib/backfill/run.ts.
 */
import { contractEntity } from "../entities/contract.js";
import type { Contract } from "../contracts/contract/model.js";
import { rebuildMonthRows } from "../contracts/totals/recompute.js";
import type { Operation } from "../operation.js";
import { type Item, publicFields } from "../store/ops.js";
import { type BackfillOptions, type BackfillRun, runBackfill } from "./run.js";

export const PERIOD_ROWS_BACKFILL = "period-rows";

/** Builds the month rows of the contract whose document `item` is; true when it wrote them. */
export async function addPeriodRows(op: Operation, item: Item): Promise<boolean> {
  if (!contractEntity.owns(item)) return false;
  const contract = publicFields<Contract>(contractEntity.read(item));
  const outcome = await rebuildMonthRows(op, contract);
  if (outcome === "in-flight")
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "month rows not built: a change of the contract is in flight; run the backfill again",
        contractId: contract.id,
      }),
    );
  return outcome === "built";
}

export const backfillPeriodRows = (op: Operation, options?: BackfillOptions): Promise<BackfillRun> =>
  runBackfill(PERIOD_ROWS_BACKFILL, (item) => addPeriodRows(op, item), options);
