/**
 * The keys that lists query by, added to items stored before those lists used them:
 * - an entry's status index keys (gsi3), so `GET /v1/contracts/{id}/entries?status=` is one query;
 * - a catalogue version's index keys of the list of every catalogue (gsi2), `GET /v1/sroi/catalogues`;
 * - a contract's block rows named on its TOTALS row (`blockIds`), so a contract list reads the totals of
 *   a page by key;
 * - a published tender's publication index keys (gsi3), which the impact monitor reads by period;
 * - a supplier's KvK index keys (gsi3), by which a purchase entry finds its vendor.
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
import {
  hasKvkIndexKeys,
  kvkIndexKeys,
  organisationEntity,
  organisationKey,
} from "../entities/organisation.js";
import {
  hasPublicationIndexKeys,
  publicationIndexKeys,
  tenderEntity,
  tenderKey,
} from "../entities/tender.js";
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
  if (tenderEntity.owns(item)) {
    const tender = tenderEntity.read(item);
    if (!tender.published || hasPublicationIndexKeys(item)) return false;
    return setIf(tenderKey(tender.id), publicationIndexKeys(tender, tender.published.at));
  }
  if (organisationEntity.owns(item)) {
    const org = organisationEntity.read(item);
    if (!org.kvk || hasKvkIndexKeys(item)) return false;
    return setIf(organisationKey(org.id), kvkIndexKeys({ id: org.id, kvk: org.kvk }));
  }
  if (blockTotalsEntity.owns(item)) {
    const block = blockTotalsEntity.read(item);
    return addToSetOnce(totalsKeyBeside(item), BLOCK_IDS_FIELD, block.blockId);
  }
  return false;
}

export const backfillListKeys = (options?: BackfillOptions): Promise<BackfillRun> =>
  runBackfill(LIST_KEYS_BACKFILL, addListKeys, options);
