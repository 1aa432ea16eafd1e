import { afterEach, beforeEach } from "vitest";
import { cacheClock, clearContainerCaches } from "../../lib/store/container-cache.js";

/**
 * Each test of the file starts with empty container caches and a cache clock of its own, which the
 * test moves on with `advance`; the real clock comes back after each test.
 */
export function useFreshCaches(): { advance: (ms: number) => void } {
  let now = 0;
  const realClock = cacheClock.now;
  beforeEach(() => {
    clearContainerCaches();
    now = 1_000_000;
    cacheClock.now = () => now;
  });
  afterEach(() => {
    cacheClock.now = realClock;
  });
  return {
    advance: (ms) => {
      now += ms;
    },
  };
}
