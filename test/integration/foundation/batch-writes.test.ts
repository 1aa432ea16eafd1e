import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { candidateClaimKey } from "../../../lib/entities/claims.js";
import { batchGetItems, batchPutItems } from "../../../lib/store/batch.js";
import { db } from "../../../lib/store/client.js";
import type { Item } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";

let mock: ReturnType<typeof mockClient> | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

/** `count` new items of a contract of their own. */
const items = (contract: string, count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({
    ...candidateClaimKey(contract, `ref-${i}`),
    periods: [],
    version: i,
  }));

/** Sends every BatchWriteItem to dynalite through `answer`, which may change its answer (fault injection). */
function throughBatchWrites(
  answer: (call: number, input: any, real: (input: any) => Promise<any>) => Promise<any>,
) {
  const realSend = db.send.bind(db) as (command: unknown) => Promise<any>;
  const calls = { count: 0, items: [] as number[] };
  // Only BatchWriteItem is sent while the mock is on.
  mock = mockClient(db);
  mock.on(BatchWriteCommand).callsFake((input: any) => {
    calls.count++;
    calls.items.push(input.RequestItems[tableName()].length);
    return answer(calls.count, input, (i) => realSend(new BatchWriteCommand(i)));
  });
  return calls;
}

const stored = async (written: Item[]) => {
  mock?.restore();
  mock = undefined;
  return (await batchGetItems(written)).map((item) => item?.version);
};

describe("batchPutItems", () => {
  it("writes 60 items in three calls of at most 25", async () => {
    const written = items("c-batch-w1", 60);
    const calls = throughBatchWrites((_, input, real) => real(input));
    await batchPutItems(written);
    await batchPutItems([]);
    expect(calls.items.sort((a, b) => b - a)).toEqual([25, 25, 10]);
    expect(await stored(written)).toEqual(written.map((item) => item.version));
  });

  it("sends again the items the service left unprocessed", async () => {
    const written = items("c-batch-w2", 20);
    const table = tableName();
    const calls = throughBatchWrites(async (call, input, real) => {
      if (call > 2) return real(input);
      // Throttled: only the first five items are written, the rest come back unprocessed.
      const requests = input.RequestItems[table];
      await real({ RequestItems: { [table]: requests.slice(0, 5) } });
      return { UnprocessedItems: { [table]: requests.slice(5) } };
    });
    await batchPutItems(written);
    expect(calls.items).toEqual([20, 15, 10]);
    expect(await stored(written)).toEqual(written.map((item) => item.version));
  });

  it("reports a service that keeps leaving items unprocessed as throttling (503)", async () => {
    const calls = throughBatchWrites(async (_, input) => ({ UnprocessedItems: input.RequestItems }));
    await expect(batchPutItems(items("c-batch-w3", 3))).rejects.toMatchObject({
      name: "ThrottlingException",
      message: expect.stringContaining("BatchWriteItem"),
    });
    expect(calls.count).toBe(8);
  }, 20_000);
});
