import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Conflict, NotFound } from "../domain/errors.js";
import { db } from "./client.js";
import { TABLE, tableName } from "./table.js";
import { conditionOf, type Expectation, updateExpression } from "./expressions.js";

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
 * Sets fields (and removes `remove`, e.g. a sparse index's keys, in the same write) when the stored item
 * meets `expect`; false when it does not (or does not exist).
 */
export async function setIf(
  key: Key,
  set: Record<string, unknown>,
  expect: Expectation = {},
  remove: readonly string[] = [],
): Promise<boolean> {
  const update = updateExpression(set);
  const condition = conditionOf(expect);
  const removed = Object.fromEntries(remove.map((field, i) => [`#r${i}`, field]));
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: [
          `SET ${update.assignments.join(", ")}`,
          remove.length ? `REMOVE ${Object.keys(removed).join(", ")}` : "",
        ]
          .filter(Boolean)
          .join(" "),
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: { ...update.names, ...removed, ...condition.names },
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
