/** Counters and running totals: atomic ADD writes, optionally conditional or applied exactly once. */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db } from "./client.js";
import {
  type AddDelta,
  addExpression,
  conditionOf,
  type Expectation,
  updateExpression,
} from "./expressions.js";
import { isConditionFailure, type Key } from "./ops.js";
import { tableName } from "./table.js";

/**
 * Running totals and counters: atomic ADD, never a version check, so concurrent writers all succeed.
 * `set` may add plain fields (e.g. updatedAt) in the same write; a delta may also be a set of strings
 * to add to a string-set field.
 */
export async function addCounters(
  key: Key,
  deltas: Record<string, AddDelta>,
  set: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return countersUpdate(key, deltas, set);
}

/** addCounters only when the stored item meets `expect`; undefined when it does not. */
export async function addCountersIf(
  key: Key,
  deltas: Record<string, AddDelta>,
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
 * Adds `member` to the string set `field` of an existing item unless it is already in it: false when it
 * was (or the item does not exist). A retried or repeated call changes nothing.
 */
export async function addToSetOnce(key: Key, field: string, member: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "ADD #f :set",
        ConditionExpression: "attribute_exists(pk) AND NOT contains(#f, :member)",
        ExpressionAttributeNames: { "#f": field },
        ExpressionAttributeValues: { ":set": new Set([member]), ":member": member },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Adds `amount` to `field` once per `marker` and only while the sum stays at or below `limit`: a draw
 * that concurrent writers cannot exceed together, and that a retry does not repeat. "added", "already"
 * (the marker is there: an earlier try added it) or "refused" (the limit would be passed).
 */
export async function addWithinOnce(
  key: Key,
  field: string,
  amount: number,
  limit: number,
  marker: string,
): Promise<"added" | "already" | "refused"> {
  const marked = async () => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    return Item !== undefined && marker in Item;
  };
  // A first write creates the sum, which no condition on it can bound: above the limit, it is refused here.
  if (amount > limit) return (await marked()) ? "already" : "refused";
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "ADD #f :amount SET #m = :amount",
        ConditionExpression: "attribute_not_exists(#m) AND (attribute_not_exists(#f) OR #f <= :room)",
        ExpressionAttributeNames: { "#f": field, "#m": marker },
        ExpressionAttributeValues: { ":amount": amount, ":room": limit - amount },
      }),
    );
    return "added";
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await marked()) ? "already" : "refused";
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
  deltas: Record<string, AddDelta>,
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
  deltas: Record<string, AddDelta>,
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
