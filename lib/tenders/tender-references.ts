/**
 * Finding tenders by reference, through a pointer item per tender (lib/entities/tender-reference.ts).
 */
import { organisationEntity, organisationQueries } from "../entities/organisation.js";
import { tenderEntity, tenderKey, tenderQueries } from "../entities/tender.js";
import {
  tenderReferenceEntity,
  tenderReferenceKey,
  tenderReferenceQueries,
} from "../entities/tender-reference.js";
import type { Actor } from "../operation.js";
import { batchGetItems } from "../store/batch.js";
import { deleteIf, putIfAbsent } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import { fromItem, type Tender, visibleTo } from "./tenders.js";

/**
 * The pointer that finds a tender by its reference. Written before the tender (or its new reference)
 * is stored and removed after a rename, so a crash leaves at most a stale pointer, which readers skip.
 */
export const indexTenderReference = (id: string, reference: string) =>
  putIfAbsent({ ...tenderReferenceKey(reference, id), tenderId: id });
export const unindexTenderReference = (id: string, reference: string) =>
  deleteIf(tenderReferenceKey(reference, id));

/**
 * The tenders with this reference that `actor` may see (a reference is the buyer's own label, so two
 * municipalities may use the same one): one key lookup, then the page's tenders in one BatchGetItem,
 * each checked as loadTender checks it. A stale pointer (a renamed tender) is skipped.
 */
export async function findTendersByReference(
  actor: Actor,
  reference: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Tender>> {
  const pointers = await queryPage({ ...tenderReferenceQueries.byReference(reference), ...page });
  const ids = tenderReferenceEntity.readAll(pointers.items).map((p) => p.tenderId);
  const found = (await batchGetItems(ids.map(tenderKey))).flatMap((item) => (item ? [fromItem(item)] : []));
  return {
    items: found.filter((t) => t.reference === reference && visibleTo(actor, t)),
    nextCursor: pointers.nextCursor,
  };
}

/**
 * Writes the reference pointer of every tender (idempotent), for tenders stored before pointers
 * existed. Walks the municipalities and their tenders.
 */
export async function backfillTenderReferences(): Promise<number> {
  let written = 0;
  const buyers = organisationEntity.readAll(await queryAll(organisationQueries.all("municipality")));
  for (const buyer of buyers) {
    const tenders = tenderEntity.readAll(await queryAll(tenderQueries.ofBuyer(buyer.id)));
    for (const tender of tenders) if (await indexTenderReference(tender.id, tender.reference)) written++;
  }
  return written;
}
