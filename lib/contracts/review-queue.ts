/**
 * The queue of entries awaiting review, per buying municipality (officers) and per region (auditors).
 *
 * A sparse index on the entry items themselves (lib/entities/entry.ts): while an entry is submitted it
 * carries the queue's index keys, so a queue page is one query, oldest first, whatever the number of
 * contracts, plus one BatchGetItem for the page's contracts. Joining is an idempotent single-item update
 * after the entry is written, conditional on the entry still being submitted (a review that came first
 * wins); the review's own status write removes the keys (lib/contracts/entries/review.ts), so a reviewed
 * entry is never in the queue and the query needs no filter. The backfill (run by the seed and
 * functions/scripts/backfill-indexes.ts) repairs entries stored before the queue existed, and those an
 * earlier release reviewed without taking them out. A bulk upload writes its entries with the keys at
 * once (no second write per entry); the listing leaves them out until the upload is complete.
 */
import { auditsRecorded } from "../audit/audit.js";
import { Forbidden } from "../domain/errors.js";
import type { Actor } from "../operation.js";
import { contractPointerEntity, contractPointerQueries } from "../entities/contract-pointer.js";
import {
  entryEntity,
  entryKey,
  entryQueries,
  inReviewQueue,
  REVIEW_QUEUE_FIELDS,
  reviewQueueIndexKeys,
} from "../entities/entry.js";
import { regionEntity, regionQueries } from "../entities/region.js";
import { contractEntity, contractKey } from "../entities/contract.js";
import { batchGetItems } from "../store/batch.js";
import { publicFields, removeFieldsIf, setIf } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import type { Contract } from "./contract/model.js";
import type { Entry } from "./entries/model.js";
import { importedEvent } from "./entries/upload/model.js";

type QueueContract = Pick<Contract, "id" | "buyerId" | "regionId">;
type QueueEntry = Pick<Entry, "id" | "submittedAt">;

/** Puts a submitted entry in its municipality's and region's queues (no-op once it is reviewed). */
export async function joinReviewQueue(contract: QueueContract, entry: QueueEntry): Promise<boolean> {
  return setIf(entryKey(contract.id, entry.id), reviewQueueIndexKeys(contract, entry), {
    status: "submitted",
  });
}

/** Takes a reviewed entry out of the queues. */
export async function leaveReviewQueue(contractId: string, entryId: string): Promise<void> {
  await removeFieldsIf(entryKey(contractId, entryId), REVIEW_QUEUE_FIELDS);
}

export interface QueuedEntry {
  entry: Entry;
  contract: Contract;
}

/**
 * Entries awaiting review, oldest first: an auditor's whole region, an officer's municipality.
 * Each page reads the contracts its entries belong to (for the reference and the review deadline) in
 * one BatchGetItem.
 */
export async function listReviewQueue(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<QueuedEntry>> {
  const queue =
    actor.role === "auditor" && actor.regionId
      ? entryQueries.reviewQueueOfRegion(actor.regionId)
      : actor.role === "officer"
        ? entryQueries.reviewQueueOfBuyer(actor.orgId)
        : undefined;
  if (!queue) throw new Forbidden("The review queue is for the region's auditors and the buying officers.");
  const result = await queryPage({ ...queue, ...page });
  // An entry reviewed by an earlier release may still carry the keys until the backfill: never shown.
  const entries = await withoutUnfinishedUploads(
    entryEntity.readAll(result.items).filter((e) => e.status === "submitted"),
  );
  const contractIds = [...new Set(entries.map((i) => i.contractId))];
  const found = await batchGetItems(contractIds.map(contractKey));
  const contracts = new Map(
    found.flatMap((item) => (item ? [contractEntity.read(item)] : [])).map((c) => [c.id, c] as const),
  );
  const items: QueuedEntry[] = [];
  for (const item of entries) {
    const contract = contracts.get(item.contractId);
    if (contract)
      items.push({ entry: publicFields<Entry>(item), contract: publicFields<Contract>(contract) });
  }
  return { items, nextCursor: result.nextCursor };
}

/**
 * The entries without those of an upload that has not completed: a bulk upload writes its entries with
 * the queue's index keys, but until its audit event is recorded it may still be undone, and its
 * entries are not reviewed (requireCompletedUpload). One read of each upload's event, together.
 */
async function withoutUnfinishedUploads<
  T extends { contractId: string; uploadOpId?: string; submittedAt: string },
>(entries: T[]): Promise<T[]> {
  const uploads = new Map<string, Parameters<typeof auditsRecorded>[0][number]>();
  for (const { contractId, uploadOpId, submittedAt } of entries)
    if (uploadOpId)
      uploads.set(`${contractId}#${uploadOpId}`, {
        op: { opId: uploadOpId, now: new Date(submittedAt) },
        input: importedEvent(contractId),
      });
  if (!uploads.size) return entries;
  const recorded = await auditsRecorded([...uploads.values()]);
  const unfinished = new Set([...uploads.keys()].filter((_, i) => !recorded[i]));
  return entries.filter((e) => !(e.uploadOpId && unfinished.has(`${e.contractId}#${e.uploadOpId}`)));
}

/**
 * Brings every contract's entries in line with the queue: submitted entries in it, reviewed ones out.
 * Idempotent; for entries written before the queue existed. Walks regions → contracts → entries.
 */
export async function backfillReviewQueue(): Promise<{ joined: number; left: number }> {
  let joined = 0;
  let left = 0;
  const regions = regionEntity.readAll(await queryAll(regionQueries.all()));
  for (const region of regions) {
    const pointers = contractPointerEntity.readAll(
      await queryAll(contractPointerQueries.ofRegion(region.id)),
    );
    for (const pointer of pointers) {
      const contract = { id: pointer.contractId, buyerId: pointer.buyerId, regionId: region.id };
      const entries = entryEntity.readAll(await queryAll(entryQueries.ofContract(contract.id)));
      for (const entry of entries) {
        if (entry.status === "submitted" && !inReviewQueue(entry)) {
          if (await joinReviewQueue(contract, entry)) joined++;
        } else if (entry.status !== "submitted" && inReviewQueue(entry)) {
          await leaveReviewQueue(contract.id, entry.id);
          left++;
        }
      }
    }
  }
  return { joined, left };
}
