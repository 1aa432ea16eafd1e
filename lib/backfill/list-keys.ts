/**
 * The keys that lists query by, added to items stored before those lists used them:
 * - an entry's status index keys (gsi3), so `GET /v1/contracts/{id}/entries?status=` is one query;
 * - a catalogue version's index keys of the list of every catalogue (gsi2), `GET /v1/sroi/catalogues`;
 * - a contract's block rows named on its TOTALS row (`blockIds`), so a contract list reads the totals of
 *   a page by key.
 * Each change is a conditional single-item write that skips an item already done, so the backfill can
 * be interrupted, resumed and run again (lib/backfill/run.ts).
 */
import {
  catalogueEntity,
  catalogueIndexKeys,
  catalogueKey,
  hasCatalogueIndexKeys,
} from "../entities/catalogue.js";
import { entryEntity, entryIndexKeys, entryKey, hasEntryIndexKeys } from "../entities/entry.js";
import { BLOCK_IDS_FIELD, blockTotalsEntity, totalsKeyBeside } from "../entities/totals.js";
import { addToSetOnce } from "../store/counters.js";
import type { Item } from "../store/ops.js";
import { setIf } from "../store/ops.js";
import { type BackfillOptions, type BackfillRun, runBackfill } from "./run.js";

export const LIST_KEYS_BACKFILL = "list-keys";

/** Brings one stored item to the shape the lists read; true when it wrote something. */
export async function addListKeys(item: Item): Promise<boolean> {
  if (entryEntity.owns(item)) {
    if (hasEntryIndexKeys(item)) return false;
    const entry = entryEntity.read(item);
    // Unless a review changed the status meanwhile: that write set the keys of the new status itself.
    return setIf(entryKey(entry.contractId, entry.id), entryIndexKeys(entry), { status: entry.status });
  }
  if (catalogueEntity.owns(item)) {
    if (hasCatalogueIndexKeys(item)) return false;
    const catalogue = catalogueEntity.read(item);
    return setIf(catalogueKey(catalogue.id, catalogue.version), catalogueIndexKeys(catalogue));
  }
  if (blockTotalsEntity.owns(item)) {
    const block = blockTotalsEntity.read(item);
    return addToSetOnce(totalsKeyBeside(item), BLOCK_IDS_FIELD, block.blockId);
  }
  return false;
}

export const backfillListKeys = (options?: BackfillOptions): Promise<BackfillRun> =>
  runBackfill(LIST_KEYS_BACKFILL, addListKeys, options);
