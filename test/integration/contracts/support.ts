import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { db } from "../../../lib/store/client.js";
import { tableName } from "../../../lib/store/table.js";

export interface SentCall {
  command: string;
  input: Record<string, any>;
}

/**
 * Every DynamoDB call `run` makes through the shared client, by command ("QueryCommand", …), counted by
 * a client middleware, as bench/upload.ts counts them.
 */
export async function callsOf<T>(run: () => Promise<T>): Promise<{ result: T; calls: SentCall[] }> {
  const calls: SentCall[] = [];
  const name = `countCalls-${Math.random()}`;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({ command: context.commandName ?? "?", input: args.input as Record<string, any> });
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    return { result: await run(), calls };
  } finally {
    db.middlewareStack.remove(name);
  }
}

/** Writes items as they are (25 a call): fixtures and clones in a test's own table. */
export async function putAll(items: readonly Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25)
    await db.send(
      new BatchWriteCommand({
        RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
}
