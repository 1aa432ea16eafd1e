import { AsyncLocalStorage } from "node:async_hooks";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** One DynamoDB call as the counter saw it: the command and its input (table, key or query values). */
export interface RecordedCall {
  command: string;
  input: Record<string, unknown>;
  /** performance.now() when the call began and when its answer (or error) came back. */
  startMs: number;
  endMs: number;
  /** Items its answer held (Get, BatchGet, Query, Scan); 0 for writes. */
  itemsRead?: number;
}

/** The items of a read's answer. */
function itemsOf(output: Record<string, unknown> | undefined): number {
  if (!output) return 0;
  if (Array.isArray(output.Items)) return output.Items.length;
  if (output.Item) return 1;
  const responses = output.Responses as Record<string, unknown[]> | undefined;
  return responses ? Object.values(responses).reduce((n, items) => n + items.length, 0) : 0;
}

/**
 * The round trips one after another in a set of calls: the most calls of which none overlaps another
 * (calls sent together, as a Promise.all, overlap and count once). A request's latency grows with
 * this figure times the round trip, whatever its total number of calls.
 */
export function sequentialCalls(calls: readonly RecordedCall[]): number {
  let count = 0;
  let freeFrom = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.endMs - b.endMs)) {
    if (call.startMs < freeFrom) continue;
    count++;
    freeFrom = call.endMs;
  }
  return count;
}

/**
 * Counts the DynamoDB calls of the shared client, in total and per scope (a request: every call made
 * in the async context of `counted(fn)`, however many requests run at once), and can delay each call
 * by a fixed time (roughly a round trip in AWS, where dynalite answers in well under a millisecond).
 * For benchmarks and tests; nothing in a request path installs it.
 */
export interface CallCounter {
  /** Every call since the counter was installed. */
  readonly total: number;
  /** Added before each call; 0 for none. */
  latencyMs: number;
  /** Runs `fn` and returns what it returned with the calls made in its async context. */
  counted<T>(fn: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }>;
  /** Takes the middleware off the client. */
  remove(): void;
}

const MIDDLEWARE = "callCounter";

/** Installs the counter on `client` (one at a time: a second install replaces the first). */
export function installCallCounter(client: DynamoDBDocumentClient): CallCounter {
  const scope = new AsyncLocalStorage<RecordedCall[]>();
  let total = 0;
  const counter = {
    get total() {
      return total;
    },
    latencyMs: 0,
    async counted<T>(fn: () => Promise<T>) {
      const calls: RecordedCall[] = [];
      const result = await scope.run(calls, fn);
      return { result, calls };
    },
    remove: () => {
      client.middlewareStack.remove(MIDDLEWARE);
    },
  };
  client.middlewareStack.remove(MIDDLEWARE);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      total++;
      const call: RecordedCall = {
        command: String(context.commandName ?? "unknown"),
        input: args.input as Record<string, unknown>,
        startMs: performance.now(),
        endMs: Number.POSITIVE_INFINITY,
        itemsRead: 0,
      };
      scope.getStore()?.push(call);
      try {
        if (counter.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, counter.latencyMs));
        const result = await next(args);
        call.itemsRead = itemsOf(result.output as Record<string, unknown> | undefined);
        return result;
      } finally {
        call.endMs = performance.now();
      }
    },
    { step: "initialize", name: MIDDLEWARE },
  );
  return counter;
}
