/**
 * Scans of the whole table, one page at a time: for maintenance scripts (backfills) only, never in a
 * request path (lists are key-condition queries, lib/store/paging.ts).
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { db } from "./client.js";
import type { Item } from "./ops.js";
import { tableName } from "./table.js";

export interface ScanPage {
  items: Item[];
  /** Where the next page starts; undefined after the last page. */
  lastKey: Record<string, unknown> | undefined;
}

/** One page of the table (strongly consistent), from `startKey` (the previous page's lastKey). */
export async function scanPage(limit: number, startKey?: Record<string, unknown>): Promise<ScanPage> {
  const out = await db.send(
    new ScanCommand({
      TableName: tableName(),
      Limit: limit,
      ConsistentRead: true,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { items: (out.Items ?? []) as Item[], lastKey: out.LastEvaluatedKey };
}
