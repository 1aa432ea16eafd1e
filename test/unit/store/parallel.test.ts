import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inParallel } from "../../../lib/store/parallel.js";

/** A task per item that takes `delays[i]` turns of the event loop; records what runs when. */
function tracked(delays: number[], failAt?: number) {
  const log = { running: 0, most: 0, started: [] as number[], events: [] as string[] };
  const task = async (delay: number, i: number) => {
    log.started.push(i);
    log.events.push(`start ${i}`);
    log.running++;
    log.most = Math.max(log.most, log.running);
    for (let turn = 0; turn < delay; turn++) await new Promise((r) => setImmediate(r));
    log.running--;
    log.events.push(`end ${i}`);
    if (i === failAt) throw new Error(`task ${i} failed`);
    return i * 10;
  };
  return { log, run: (limit: number) => inParallel(delays, task, limit) };
}

const delays = fc.array(fc.nat({ max: 5 }), { maxLength: 40 });
const limit = fc.integer({ min: 1, max: 12 });

describe("inParallel", () => {
  it("returns every result in the items' order, with at most `limit` tasks running, and as many as it may", async () => {
    await fc.assert(
      fc.asyncProperty(delays, limit, async (ds, n) => {
        const { log, run } = tracked(ds);
        expect(await run(n)).toEqual(ds.map((_, i) => i * 10));
        expect(log.most).toBeLessThanOrEqual(n);
        // Each task waits at least one turn when its delay is positive, so the first `limit` overlap.
        if (ds.slice(0, n).every((d) => d > 0)) expect(log.most).toBe(Math.min(n, ds.length));
        expect([...log.started].sort((a, b) => a - b)).toEqual(ds.map((_, i) => i));
      }),
    );
  });

  it("after a failure starts no task, waits for the running ones, then throws that first error", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Tasks that wait for something (as every store call does) before they end or fail.
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 40 }),
        limit,
        fc.nat(),
        async (ds, n, pick) => {
          const failAt = pick % ds.length;
          const { log, run } = tracked(ds, failAt);
          const outcome = await run(n).then(
            () => "resolved",
            (error: Error) => {
              // Nothing still runs when the caller hears of the failure (it may undo what was done).
              expect(log.running).toBe(0);
              return error.message;
            },
          );
          expect(outcome).toBe(`task ${failAt} failed`);
          // No task started once the failing one had ended; every one started before has ended too.
          const failed = log.events.indexOf(`end ${failAt}`);
          expect(log.events.slice(failed).filter((e) => e.startsWith("start"))).toEqual([]);
          expect(log.events.filter((e) => e.startsWith("end"))).toHaveLength(log.started.length);
          expect(log.started).toContain(failAt);
        },
      ),
    );
  });

  it("runs nothing for no items and refuses a limit below one", async () => {
    expect(await inParallel([], async () => 1)).toEqual([]);
    await expect(inParallel([1], async (x) => x, 0)).rejects.toThrow(RangeError);
  });
});
