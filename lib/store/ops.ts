import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Conflict, NotFound } from "../domain/errors.js";
import { db } from "./client.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { type IndexName, TABLE, tableName } from "./table.js";

export interface Key {
  pk: string;
  sk: string;
}

export type Item = Key & Record<string, unknown>;

/** Items that are edited as documents carry a version and the operation that last wrote them. */
export interface Versioned {
  version: number;
  lastOpId?: string;
}

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";

export async function getItem<T extends object>(
  key: Key,
  consistent = true,
): Promise<(T & Item) | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }));
  return out.Item as (T & Item) | undefined;
}

/** Creates an item unless its key exists. Returns false when it already existed (a retried step). */
export async function putIfAbsent(item: Item): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: "attribute_not_exists(pk)" }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Creates an item for operation `opId`. A retry of the same operation finds its own item and succeeds;
 * an item created by another operation is a 409.
 */
export async function createOnce<T extends Item & { lastOpId?: string }>(item: T, what: string): Promise<T> {
  if (await putIfAbsent(item)) return item;
  const existing = await getItem<T>({ pk: item.pk, sk: item.sk });
  if (existing && existing.lastOpId !== undefined && existing.lastOpId === item.lastOpId) return existing;
  throw new Conflict(`${what} already exists.`);
}

/** `ADD` clauses for atomic counter deltas, with their attribute names and values. */
function addExpression(deltas: Record<string, number>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(deltas).map(([field, delta], i) => {
    names[`#a${i}`] = field;
    values[`:a${i}`] = delta;
    return `#a${i} :a${i}`;
  });
  return { adds, names, values };
}

function updateExpression(set: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(set).map(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  return { assignments, names, values };
}

/**
 * Optimistic locking: applies `set` only when the stored version is `expectedVersion`.
 * A stale version is a 409; a retry of the same operation (same opId) returns the item it already wrote.
 */
export async function updateVersioned<T extends object>(
  key: Key,
  expectedVersion: number,
  set: Record<string, unknown>,
  opId: string,
): Promise<T & Item & Versioned> {
  const { assignments, names, values } = updateExpression(set);
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET ${[...assignments, "#version = :next", "#lastOpId = :opId"].join(", ")}`,
        ConditionExpression: "attribute_exists(pk) AND #version = :expected",
        ExpressionAttributeNames: { ...names, "#version": "version", "#lastOpId": "lastOpId" },
        ExpressionAttributeValues: {
          ...values,
          ":expected": expectedVersion,
          ":next": expectedVersion + 1,
          ":opId": opId,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return out.Attributes as T & Item & Versioned;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await getItem<T & Versioned>(key);
    if (!current) throw new NotFound();
    if (current.lastOpId === opId) return current;
    throw new Conflict(
      `Version ${expectedVersion} is stale: the current version is ${current.version}. Reload and try again.`,
    );
  }
}

/**
 * What a conditional write expects of the stored item: each field equal to its value, or absent
 * where the value is undefined. Empty: the item only has to exist.
 */
export type Expectation = Record<string, unknown>;

function conditionOf(expect: Expectation) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses = Object.entries(expect).map(([field, value], i) => {
    names[`#e${i}`] = field;
    if (value === undefined) return `attribute_not_exists(#e${i})`;
    values[`:e${i}`] = value;
    return `#e${i} = :e${i}`;
  });
  return { expression: ["attribute_exists(pk)", ...clauses].join(" AND "), names, values };
}

/** Sets fields when the stored item meets `expect`; false when it does not (or does not exist). */
export async function setIf(
  key: Key,
  set: Record<string, unknown>,
  expect: Expectation = {},
): Promise<boolean> {
  const update = updateExpression(set);
  const condition = conditionOf(expect);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET ${update.assignments.join(", ")}`,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: { ...update.names, ...condition.names },
        ExpressionAttributeValues: { ...update.values, ...condition.values },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Removes fields (e.g. a sparse index's keys) when the stored item meets `expect`; false when it does not. */
export async function removeFieldsIf(key: Key, fields: string[], expect: Expectation = {}): Promise<boolean> {
  const names = Object.fromEntries(fields.map((field, i) => [`#r${i}`, field]));
  const condition = conditionOf(expect);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `REMOVE ${Object.keys(names).join(", ")}`,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: { ...names, ...condition.names },
        ...(Object.keys(condition.values).length ? { ExpressionAttributeValues: condition.values } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Deletes the item when it meets `expect`; false when it does not (or is already gone). */
export async function deleteIf(key: Key, expect: Expectation = {}): Promise<boolean> {
  const condition = conditionOf(expect);
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key,
        ConditionExpression: condition.expression,
        // DynamoDB refuses empty maps here.
        ...(Object.keys(condition.names).length ? { ExpressionAttributeNames: condition.names } : {}),
        ...(Object.keys(condition.values).length ? { ExpressionAttributeValues: condition.values } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Running totals and counters: atomic ADD, never a version check, so concurrent writers all succeed.
 * `set` may add plain fields (e.g. updatedAt) in the same write.
 */
export async function addCounters(
  key: Key,
  deltas: Record<string, number>,
  set: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return countersUpdate(key, deltas, set);
}

/** addCounters only when the stored item meets `expect`; undefined when it does not. */
export async function addCountersIf(
  key: Key,
  deltas: Record<string, number>,
  set: Record<string, unknown>,
  expect: Expectation,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await countersUpdate(key, deltas, set, conditionOf(expect));
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Adds 1 to `field` unless it has reached `limit`: a cap that concurrent writers cannot pass
 * together. False when the cap is reached.
 */
export async function incrementBelow(key: Key, field: string, limit: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "ADD #f :one",
        ConditionExpression: "attribute_not_exists(#f) OR #f < :limit",
        ExpressionAttributeNames: { "#f": field },
        ExpressionAttributeValues: { ":one": 1, ":limit": limit },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

async function countersUpdate(
  key: Key,
  deltas: Record<string, number>,
  set: Record<string, unknown>,
  condition?: ReturnType<typeof conditionOf>,
): Promise<Record<string, unknown>> {
  const { adds, names, values } = addExpression(deltas);
  const setPart = updateExpression(set);
  const expression = [
    adds.length ? `ADD ${adds.join(", ")}` : "",
    setPart.assignments.length ? `SET ${setPart.assignments.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const out = await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: expression,
      ...(condition ? { ConditionExpression: condition.expression } : {}),
      ExpressionAttributeNames: { ...names, ...setPart.names, ...condition?.names },
      ExpressionAttributeValues: { ...values, ...setPart.values, ...condition?.values },
      ReturnValues: "ALL_NEW",
    }),
  );
  return out.Attributes ?? {};
}

/**
 * A counter step that applies exactly once, however often it is retried (also when its first answer was
 * lost): the same write that ADDs the deltas moves a marker attribute of the item from one phase to the
 * next, on condition that the marker is in the phase the step starts from (`from` undefined: no marker).
 * `to` undefined removes the marker. False when the marker is not in `from` (the step already ran).
 */
export async function addCountersOnce(
  key: Key,
  deltas: Record<string, number>,
  marker: { name: string; from?: string; to?: { phase: string } & Record<string, unknown> },
  set: Record<string, unknown> = {},
): Promise<boolean> {
  const { adds, names: addNames, values } = addExpression(deltas);
  const names: Record<string, string> = { "#m": marker.name, ...addNames };
  const setPart = updateExpression(set);
  const sets = [...setPart.assignments];
  if (marker.to) {
    sets.push("#m = :to");
    values[":to"] = marker.to;
  }
  if (marker.from !== undefined) {
    names["#phase"] = "phase";
    values[":from"] = marker.from;
  }
  const expression = [
    adds.length ? `ADD ${adds.join(", ")}` : "",
    sets.length ? `SET ${sets.join(", ")}` : "",
    marker.to ? "" : "REMOVE #m",
  ]
    .filter(Boolean)
    .join(" ");
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: expression,
        ConditionExpression: marker.from === undefined ? "attribute_not_exists(#m)" : "#m.#phase = :from",
        ExpressionAttributeNames: { ...names, ...setPart.names },
        ...(Object.keys(values).length || setPart.assignments.length
          ? { ExpressionAttributeValues: { ...values, ...setPart.values } }
          : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export interface PageRequest {
  /** Partition key value (of the table, or of `index`). */
  pk: string;
  index?: IndexName;
  skBeginsWith?: string;
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
  const condition = request.skBeginsWith ? "#pk = :pk AND begins_with(#sk, :sk)" : "#pk = :pk";
  const scope = {
    index: request.index,
    pk: request.pk,
    skBeginsWith: request.skBeginsWith,
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
        ...(request.skBeginsWith ? { "#sk": skName } : {}),
        ...request.filter?.names,
      },
      ExpressionAttributeValues: {
        ":pk": request.pk,
        ...(request.skBeginsWith ? { ":sk": request.skBeginsWith } : {}),
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

const STORAGE_FIELDS = new Set<string>([
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  TABLE.ttlAttribute,
  "lastOpId",
  "uploadOpId",
]);

/** Strips storage keys (of the table and every index) and bookkeeping from an item before it leaves the API. */
export function publicFields<T>(item: object): T {
  return Object.fromEntries(Object.entries(item).filter(([field]) => !STORAGE_FIELDS.has(field))) as T;
}
