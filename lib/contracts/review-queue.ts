/**
 * The queue of entries awaiting review, per buying municipality (officers) and per region (auditors).
 *
 * A sparse index on the entry items themselves: while an entry is submitted it carries
 *   gsi1: REVIEWQ#BUYER#<buyerId> / <submittedAt>#<contractId>#<entryId>
 *   gsi2: REVIEWQ#REGION#<regionId> / <submittedAt>#<contractId>#<entryId>
 * and the review removes them, so a queue page is one query, oldest first, whatever the number of
 * contracts. Both writes are idempotent single-item updates after the step that changes the status:
 * joining is conditional on the entry still being submitted (a review that came first wins), and an
 * entry never returns to submitted, so leaving needs no condition. The listing also filters on the
 * status, so an entry whose review crashed before it left the queue is never shown as waiting; the
 * backfill (run by the seed and functions/scripts/backfill-indexes.ts) repairs both directions.
 */
import { Forbidden } from "../domain/errors.js";
import type { Actor } from "../operation.js";
import { getItem, type Item, publicFields, removeFieldsIf, setIf } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import type { Contract } from "./contract/model.js";
import { contractKey, entryKey } from "./keys.js";
import type { Entry } from "./entries/model.js";

type QueueContract = Pick<Contract, "id" | "buyerId" | "regionId">;
type QueueEntry = Pick<Entry, "id" | "submittedAt">;

const buyerQueue = (buyerId: string) => `REVIEWQ#BUYER#${buyerId}`;
const regionQueue = (regionId: string) => `REVIEWQ#REGION#${regionId}`;
const QUEUE_FIELDS = ["gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"];

/** Puts a submitted entry in its municipality's and region's queues (no-op once it is reviewed). */
export async function joinReviewQueue(contract: QueueContract, entry: QueueEntry): Promise<boolean> {
  const sk = `${entry.submittedAt}#${contract.id}#${entry.id}`;
  return setIf(
    entryKey(contract.id, entry.id),
    { gsi1pk: buyerQueue(contract.buyerId), gsi1sk: sk, gsi2pk: regionQueue(contract.regionId), gsi2sk: sk },
    { status: "submitted" },
  );
}

/** Takes a reviewed entry out of the queues. */
export async function leaveReviewQueue(contractId: string, entryId: string): Promise<void> {
  await removeFieldsIf(entryKey(contractId, entryId), QUEUE_FIELDS);
}

export interface QueuedEntry {
  entry: Entry;
  contract: Contract;
}

/**
 * Entries awaiting review, oldest first: an auditor's whole region, an officer's municipality.
 * Each page reads the contracts its entries belong to (for the reference and the review deadline).
 */
export async function listReviewQueue(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<QueuedEntry>> {
  const queue =
    actor.role === "auditor" && actor.regionId
      ? { index: "gsi2" as const, pk: regionQueue(actor.regionId) }
      : actor.role === "officer"
        ? { index: "gsi1" as const, pk: buyerQueue(actor.orgId) }
        : undefined;
  if (!queue) throw new Forbidden("The review queue is for the region's auditors and the buying officers.");
  const result = await queryPage<Entry & Item>({
    ...queue,
    ...page,
    filter: { expression: "#s = :s", names: { "#s": "status" }, values: { ":s": "submitted" } },
  });
  const contractIds = [...new Set(result.items.map((i) => i.contractId))];
  const contracts = new Map(
    await Promise.all(contractIds.map(async (id) => [id, await getItem<Contract>(contractKey(id))] as const)),
  );
  const items: QueuedEntry[] = [];
  for (const item of result.items) {
    const contract = contracts.get(item.contractId);
    if (contract)
      items.push({ entry: publicFields<Entry>(item), contract: publicFields<Contract>(contract) });
  }
  return { items, nextCursor: result.nextCursor };
}

/**
 * Brings every contract's entries in line with the queue: submitted entries in it, reviewed ones out.
 * Idempotent; for entries written before the queue existed. Walks regions → contracts → entries.
 */
export async function backfillReviewQueue(): Promise<{ joined: number; left: number }> {
  let joined = 0;
  let left = 0;
  const regions = await queryAll<{ id: string }>({ index: "gsi1", pk: "REGIONS" });
  for (const region of regions) {
    const pointers = await queryAll<{ contractId: string; buyerId: string }>({
      pk: `REGION#${region.id}#CONTRACTS`,
    });
    for (const pointer of pointers) {
      const contract = { id: pointer.contractId, buyerId: pointer.buyerId, regionId: region.id };
      const entries = await queryAll<Entry & Item>({
        pk: contractKey(contract.id).pk,
        skBeginsWith: "ENTRY#",
      });
      for (const entry of entries) {
        if (entry.status === "submitted" && !entry.gsi2pk) {
          if (await joinReviewQueue(contract, entry)) joined++;
        } else if (entry.status !== "submitted" && entry.gsi2pk) {
          await leaveReviewQueue(contract.id, entry.id);
          left++;
        }
      }
    }
  }
  return { joined, left };
}
