import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { expect } from "vitest";
import { db } from "../../../lib/store/client.js";
import { tableName } from "../../../lib/store/table.js";
import { call, newKey } from "../../support/api.js";

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

/** A supplier's realisation of 2025-Q1 (February and March) on a block of its contract; its id. */
export async function submitQuarterEntry(
  supplierToken: string,
  contractId: string,
  candidateRef: string,
  blockId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplierToken,
    idempotencyKey: newKey(),
    body: {
      blockId,
      candidateRef,
      startDate: "2025-02-03",
      endDate: "2025-03-31",
      period: "2025-Q1",
      ...extra,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
