/** Key-condition queries, one signed-cursor page at a time or a whole bounded partition. */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { db } from "./client.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { type IndexName, TABLE, tableName } from "./table.js";

export interface PageRequest {
  /** Partition key value (of the table, or of `index`). */
  pk: string;
  index?: IndexName;
  skBeginsWith?: string;
  /** Sort keys from the first to the second, both inclusive (instead of skBeginsWith); its cursor names the range. */
  skBetween?: readonly [string, string];
  limit: number;
  cursor?: string | undefined;
  newestFirst?: boolean;
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of a key-condition query; the cursor is opaque to clients and signed for this very list
 * (lib/store/cursor.ts). Never a Scan.
 */
export async function queryPage<T>(request: PageRequest): Promise<Page<T>> {
  const index = request.index ? TABLE.indexes.find((i) => i.name === request.index) : undefined;
  const pkName = index?.partitionKey ?? TABLE.partitionKey;
  const skName = index?.sortKey ?? TABLE.sortKey;
  const condition = request.skBetween
    ? "#pk = :pk AND #sk BETWEEN :sk AND :skTo"
    : request.skBeginsWith
      ? "#pk = :pk AND begins_with(#sk, :sk)"
      : "#pk = :pk";
  const scope = {
    index: request.index,
    pk: request.pk,
    skBeginsWith: request.skBeginsWith,
    skBetween: request.skBetween,
    newestFirst: request.newestFirst,
  };
  const keyNames = [TABLE.partitionKey, TABLE.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  const startKey = decodeCursor(request.cursor, scope, { names: keyNames, partition: pkName });
  const out = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: request.index,
      KeyConditionExpression: condition,
      FilterExpression: request.filter?.expression,
      ExpressionAttributeNames: {
        "#pk": pkName,
        ...(request.skBeginsWith || request.skBetween ? { "#sk": skName } : {}),
        ...request.filter?.names,
      },
      ExpressionAttributeValues: {
        ":pk": request.pk,
        ...(request.skBetween
          ? { ":sk": request.skBetween[0], ":skTo": request.skBetween[1] }
          : request.skBeginsWith
            ? { ":sk": request.skBeginsWith }
            : {}),
        ...request.filter?.values,
      },
      Limit: request.limit,
      ExclusiveStartKey: startKey,
      ScanIndexForward: !request.newestFirst,
    }),
  );
  return { items: (out.Items ?? []) as T[], nextCursor: encodeCursor(out.LastEvaluatedKey, scope) };
}

/** Every item of a partition, page by page; for bounded sets only (e.g. one contract's entries in a repair). */
export async function queryAll<T>(request: Omit<PageRequest, "limit" | "cursor">): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<T>({ ...request, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
