/** Reads of many items by key, and writes of many new items, in few calls (BatchGetItem, BatchWriteItem). */
import { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { db } from "./client.js";
import type { Item, Key } from "./ops.js";
import { inParallel } from "./parallel.js";
import { tableName } from "./table.js";

/** BatchGetItem's limit of keys per call. */
const MAX_KEYS = 100;
/** BatchWriteItem's limit of items per call. */
const MAX_WRITES = 25;
const ATTEMPTS = 8;

const keyId = (key: Key) => JSON.stringify([key.pk, key.sk]);

/** Keys the service still left unprocessed after every attempt: it is throttling (503 with Retry-After). */
export class UnprocessedKeys extends Error {
  override readonly name = "ThrottlingException";
  constructor(count: number, operation = "BatchGetItem") {
    super(`${operation} left ${count} keys unprocessed after ${ATTEMPTS} attempts`);
  }
}

/**
 * Sends `chunk` with `send`, which answers what it left unprocessed, until nothing is left: again
 * after a growing pause, at most ATTEMPTS times.
 */
async function untilProcessed<T>(chunk: T[], send: (pending: T[]) => Promise<T[]>, operation: string) {
  let pending = chunk;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt === ATTEMPTS) throw new UnprocessedKeys(pending.length, operation);
    if (attempt) await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * Math.random()));
    pending = await send(pending);
  }
}

/**
 * The items stored under `keys`, in their order (undefined where none is), read with BatchGetItem:
 * up to 100 keys a call, the calls in parallel, strongly consistent like getItem by default. A key may
 * appear more than once. Keys the service leaves unprocessed (throttling, its 16 MB answer limit) are
 * asked again after a growing pause.
 */
export async function batchGetItems(keys: readonly Key[], consistent = true): Promise<(Item | undefined)[]> {
  const unique = [...new Map(keys.map((k) => [keyId(k), { pk: k.pk, sk: k.sk }])).values()];
  const chunks: Key[][] = [];
  for (let i = 0; i < unique.length; i += MAX_KEYS) chunks.push(unique.slice(i, i + MAX_KEYS));
  const found = new Map<string, Item>();
  const table = tableName();
  await inParallel(chunks, (chunk) =>
    untilProcessed(
      chunk,
      async (pending) => {
        const out = await db.send(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } } }),
        );
        for (const item of (out.Responses?.[table] ?? []) as Item[]) found.set(keyId(item), item);
        return (out.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
      },
      "BatchGetItem",
    ),
  );
  return keys.map((k) => found.get(keyId(k)));
}

/**
 * Writes whole items with BatchWriteItem: up to 25 a call, the calls in parallel, the ones the service
 * leaves unprocessed sent again after a growing pause. A batched put has no condition: use it only for
 * items that no other operation writes and that a strongly consistent read has just found absent (or
 * that this operation would write identically again), so an overwrite can change nothing. On an error
 * some items may be written and others not, like a step that failed halfway.
 */
export async function batchPutItems(items: readonly Item[]): Promise<void> {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += MAX_WRITES) chunks.push(items.slice(i, i + MAX_WRITES));
  const table = tableName();
  await inParallel(chunks, (chunk) =>
    untilProcessed(
      chunk,
      async (pending) => {
        const out = await db.send(
          new BatchWriteCommand({
            RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        return (out.UnprocessedItems?.[table] ?? []).flatMap((r) => (r.PutRequest?.Item as Item) ?? []);
      },
      "BatchWriteItem",
    ),
  );
}
