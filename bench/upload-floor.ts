/**
 * The floor of the upload benchmark: the DynamoDB calls one upload made, replayed bare through the same
 * client against the same dynalite, as many at a time as the upload sends them (lib/store/parallel.ts).
 * Each call keeps its kind and its items (sizes, index keys) but gets keys of its own, and loses its
 * conditions: no service code runs, nothing conflicts, so it costs at most what the upload's calls cost.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { RecordedCall } from "../lib/store/call-counter.js";
import { db } from "../lib/store/client.js";
import { IN_FLIGHT, inParallel } from "../lib/store/parallel.js";

type Item = Record<string, unknown>;
type Input = Record<string, unknown>;

/** The upload's `calls` once more, bare, each on keys under `prefix`: their wall clock. */
export async function replayBare(
  calls: readonly RecordedCall[],
  table: string,
  prefix: string,
): Promise<number> {
  const keyOf = (call: number, item = 0) => ({ pk: `${prefix}#${call}`, sk: `ITEM#${item}` });
  const began = performance.now();
  await inParallel(calls, (call, i) => db.send(bareCall(call, table, (item) => keyOf(i, item))), IN_FLIGHT);
  return performance.now() - began;
}

// biome-ignore lint/suspicious/noExplicitAny: one replayed command of any kind
function bareCall(call: RecordedCall, table: string, key: (item: number) => Item): any {
  const input = call.input as Input;
  // A batch names one table: its requests.
  const requests = Object.values((input.RequestItems ?? {}) as Record<string, unknown>)[0];
  switch (call.command) {
    case "PutItemCommand":
      return new PutCommand({ TableName: table, Item: { ...(input.Item as Item), ...key(0) } });
    case "UpdateItemCommand": {
      const update = input.UpdateExpression as string;
      // Without its condition: only the names and values the update itself uses.
      const used = (values: unknown) =>
        Object.fromEntries(Object.entries((values ?? {}) as Item).filter(([name]) => update.includes(name)));
      const names = used(input.ExpressionAttributeNames) as Record<string, string>;
      const values = used(input.ExpressionAttributeValues);
      return new UpdateCommand({
        TableName: table,
        Key: key(0),
        UpdateExpression: update,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      });
    }
    case "BatchWriteItemCommand": {
      const writes = requests as { PutRequest?: { Item: Item } }[];
      return new BatchWriteCommand({
        RequestItems: {
          [table]: writes.map((w, j) => ({
            PutRequest: { Item: { ...(w.PutRequest?.Item ?? {}), ...key(j) } },
          })),
        },
      });
    }
    case "BatchGetItemCommand": {
      const { Keys } = requests as { Keys: Item[] };
      return new BatchGetCommand({ RequestItems: { [table]: { Keys: Keys.map((_, j) => key(j)) } } });
    }
    case "QueryCommand":
      return new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": key(0).pk },
      });
    default:
      return new GetCommand({ TableName: table, Key: key(0) });
  }
}
