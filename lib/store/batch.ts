/** Reads of many items by key in few calls (BatchGetItem). */
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { db } from "./client.js";
import type { Item, Key } from "./ops.js";
import { inParallel } from "./parallel.js";
import { tableName } from "./table.js";

/** BatchGetItem's limit of keys per call. */
const MAX_KEYS = 100;
const ATTEMPTS = 8;

const keyId = (key: Key) => JSON.stringify([key.pk, key.sk]);

/** Keys the service still left unprocessed after every attempt: it is throttling (503 with Retry-After). */
export class UnprocessedKeys extends Error {
  override readonly name = "ThrottlingException";
  constructor(count: number) {
    super(`BatchGetItem left ${count} keys unprocessed after ${ATTEMPTS} attempts`);
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
  await inParallel(chunks, async (chunk) => {
    let pending = chunk;
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === ATTEMPTS) throw new UnprocessedKeys(pending.length);
      if (attempt) await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * Math.random()));
      const table = tableName();
      const out = await db.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } } }),
      );
      for (const item of (out.Responses?.[table] ?? []) as Item[]) found.set(keyId(item), item);
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    }
  });
  return keys.map((k) => found.get(keyId(k)));
}
