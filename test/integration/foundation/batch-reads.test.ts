import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { candidateClaimKey } from "../../../lib/entities/claims.js";
import { batchGetItems } from "../../../lib/store/batch.js";
import { db } from "../../../lib/store/client.js";
import { putIfAbsent } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";

let mock: ReturnType<typeof mockClient> | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

/** `count` claim documents of a contract of their own, every third one never stored. */
async function stored(contract: string, count: number) {
  const keys = Array.from({ length: count }, (_, i) => candidateClaimKey(contract, `ref-${i}`));
  await Promise.all(
    keys.map((key, i) => (i % 3 === 2 ? undefined : putIfAbsent({ ...key, periods: [], version: i + 1 }))),
  );
  return keys;
}

/** Sends every BatchGetItem to dynalite through `answer`, which may change its answer (fault injection). */
function throughBatchGets(
  answer: (call: number, input: any, real: (input: any) => Promise<any>) => Promise<any>,
) {
  const realSend = db.send.bind(db) as (command: unknown) => Promise<any>;
  const calls = { count: 0, keys: [] as number[] };
  // Only BatchGetItem is sent while the mock is on.
  mock = mockClient(db);
  mock.on(BatchGetCommand).callsFake((input: any) => {
    calls.count++;
    calls.keys.push(input.RequestItems[tableName()].Keys.length);
    return answer(calls.count, input, (i) => realSend(new BatchGetCommand(i)));
  });
  return calls;
}

describe("batchGetItems", () => {
  it("reads 250 keys in three calls and answers in the keys' order, undefined where none is stored", async () => {
    const keys = await stored("c-batch-1", 250);
    const calls = throughBatchGets((_, input, real) => real(input));
    // A key asked twice is read once (BatchGetItem refuses duplicates) and answered twice.
    const asked = [...keys, keys[0]!, keys[2]!];
    const items = await batchGetItems(asked);
    expect(calls.keys).toEqual([100, 100, 50]);
    expect(items.map((item) => item?.version)).toEqual(
      asked.map((_, i) => {
        const n = i < 250 ? i : i === 250 ? 0 : 2;
        return n % 3 === 2 ? undefined : n + 1;
      }),
    );
    expect(items[0]).toMatchObject({ ...keys[0], periods: [], version: 1 });
    expect(await batchGetItems([])).toEqual([]);
    expect(calls.count).toBe(3);
  });

  it("asks again for the keys the service left unprocessed", async () => {
    const keys = await stored("c-batch-2", 40);
    const table = tableName();
    const calls = throughBatchGets(async (call, input, real) => {
      if (call > 2) return real(input);
      // Throttled: only the first ten keys are read, the rest come back unprocessed.
      const request = input.RequestItems[table];
      const out = await real({ RequestItems: { [table]: { ...request, Keys: request.Keys.slice(0, 10) } } });
      return { ...out, UnprocessedKeys: { [table]: { Keys: request.Keys.slice(10) } } };
    });
    const items = await batchGetItems(keys);
    expect(calls.keys).toEqual([40, 30, 20]);
    expect(items.map((item) => item?.version)).toEqual(keys.map((_, i) => (i % 3 === 2 ? undefined : i + 1)));
  });

  it("reports a service that keeps leaving keys unprocessed as throttling (503)", async () => {
    const keys = await stored("c-batch-3", 5);
    const table = tableName();
    const calls = throughBatchGets(async (_, input) => ({
      Responses: { [table]: [] },
      UnprocessedKeys: { [table]: { Keys: input.RequestItems[table].Keys } },
    }));
    await expect(batchGetItems(keys)).rejects.toMatchObject({ name: "ThrottlingException" });
    expect(calls.count).toBe(8);
  }, 20_000);
});
