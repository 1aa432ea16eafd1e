import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type RecordedCall, sequentialCalls } from "../../../lib/store/call-counter.js";
import { cacheClock, clearContainerCaches, containerCache } from "../../../lib/store/container-cache.js";

const realClock = cacheClock.now;
let now = 0;
const useFakeClock = () => {
  now = 1_000;
  cacheClock.now = () => now;
};
afterEach(() => {
  cacheClock.now = realClock;
  clearContainerCaches();
});

/** A load that counts its calls and gives what `values` says, in turn. */
const loader = <V>(...values: V[]) => {
  let calls = 0;
  const load = async () => values[Math.min(calls++, values.length - 1)]!;
  return { load, calls: () => calls };
};

describe("container caches", () => {
  it("serve a value until it is `ttl` old, then load it again", async () => {
    useFakeClock();
    const cache = containerCache<string>(60_000);
    const { load, calls } = loader("v1", "v2");
    expect(await cache.get("k", load)).toBe("v1");
    now += 59_999;
    expect(await cache.get("k", load)).toBe("v1");
    expect(calls()).toBe(1);
    now += 1;
    expect(await cache.get("k", load)).toBe("v2");
    expect(calls()).toBe(2);
  });

  it("keep immutable values (ttl Infinity) and share a load under way", async () => {
    useFakeClock();
    const cache = containerCache<number>(Number.POSITIVE_INFINITY);
    const { load, calls } = loader(7);
    expect(await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)])).toEqual([
      7, 7, 7,
    ]);
    now += 365 * 24 * 3600 * 1000;
    expect(await cache.get("k", load)).toBe(7);
    expect(calls()).toBe(1);
  });

  it("keep neither nothing found nor a failed load", async () => {
    const cache = containerCache<string | undefined>(60_000);
    const missing = loader<string | undefined>(undefined, "created");
    expect(await cache.get("k", missing.load)).toBeUndefined();
    expect(await cache.get("k", missing.load)).toBe("created");

    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error("throttled");
      return "read";
    };
    await expect(cache.get("f", flaky)).rejects.toThrow("throttled");
    fail = false;
    expect(await cache.get("f", flaky)).toBe("read");
  });

  it("freeze what they keep, nested values too: every request shares it", async () => {
    const cache = containerCache<{ versions: { id: string }[] }>(60_000);
    const value = await cache.get("k", async () => ({ versions: [{ id: "v1" }] }));
    expect(
      Object.isFrozen(value) && Object.isFrozen(value.versions) && Object.isFrozen(value.versions[0]),
    ).toBe(true);
    expect(() => value.versions.push({ id: "v2" })).toThrow(TypeError);
  });

  it("keep each table's entries apart, and forget a key or everything on demand", async () => {
    const cache = containerCache<string>(60_000);
    const saved = process.env.TABLE_NAME;
    try {
      process.env.TABLE_NAME = "table-a";
      expect(await cache.get("k", async () => "of a")).toBe("of a");
      process.env.TABLE_NAME = "table-b";
      expect(await cache.get("k", async () => "of b")).toBe("of b");
      process.env.TABLE_NAME = "table-a";
      expect(await cache.get("k", async () => "again")).toBe("of a");
      cache.delete("k");
      expect(await cache.get("k", async () => "after delete")).toBe("after delete");
      clearContainerCaches();
      expect(await cache.get("k", async () => "after clear")).toBe("after clear");
    } finally {
      process.env.TABLE_NAME = saved;
    }
  });
});

const call = (startMs: number, endMs: number): RecordedCall => ({
  command: "GetItemCommand",
  input: {},
  startMs,
  endMs,
});

describe("sequential calls", () => {
  it("count calls one after another; calls sent together count once", () => {
    expect(sequentialCalls([])).toBe(0);
    // auth, then the contract and its totals at once, then a write
    expect(sequentialCalls([call(0, 2), call(3, 6), call(3, 5), call(7, 9)])).toBe(3);
    expect(sequentialCalls([call(0, 10), call(1, 2), call(3, 4), call(5, 6)])).toBe(3);
    expect(sequentialCalls([call(0, 5), call(0, 5), call(0, 5)])).toBe(1);
  });

  it("never exceed the calls, and equal them when none overlaps", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(50)), { maxLength: 30 }), (spans) => {
        const calls = spans.map(([start, length]) => call(start, start + length + 1));
        const n = sequentialCalls(calls);
        expect(n).toBeLessThanOrEqual(calls.length);
        expect(n).toBeGreaterThanOrEqual(calls.length > 0 ? 1 : 0);
        const chain = spans.map((_, i) => call(i * 10, i * 10 + 5));
        expect(sequentialCalls(chain)).toBe(chain.length);
      }),
    );
  });
});
