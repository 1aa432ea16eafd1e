import { tableName } from "./table.js";

/**
 * Caches of read-mostly items at module scope: a warm Lambda container (or the local server) keeps
 * them from one request to the next, so a request does not read again what cannot have changed, or
 * what may be a little stale (each cache says how long). Keys include the table's name, so a test file
 * or benchmark on a table of its own never sees another table's entries. A load under way is shared by
 * the requests that wait for it. Neither a failed load nor nothing found (undefined) is kept, so what
 * is created is seen at once. A cached value is frozen (deeply): every request shares it.
 */
export interface ContainerCache<V> {
  /** The cached value of `key` when younger than the cache's lifetime, else `load()`'s, which is kept. */
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Forgets `key` (in this container: others keep their copy until it expires). */
  delete(key: string): void;
}

/**
 * How long a container trusts its list of the versions of a table or catalogue, where a reference
 * without a version means the newest: a version added through another container is used within this
 * time (one added through this container at once). Versions themselves never change.
 */
export const NEWEST_VERSION_TTL_MS = 60_000;

/** Milliseconds on a monotonic clock; tests move it to expire entries (`cacheClock.now = …`). */
export const cacheClock = { now: (): number => performance.now() };

const caches = new Set<Map<string, unknown>>();

/** Empties every container cache (tests that change what a cache holds behind its back). */
export function clearContainerCaches(): void {
  for (const entries of caches) entries.clear();
}

/** A cache whose entries live `ttlMs` (Infinity: immutable items, kept as long as the container). */
export function containerCache<V>(ttlMs: number): ContainerCache<V> {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  caches.add(entries);
  const fullKey = (key: string) => `${tableName()}|${key}`;
  return {
    async get(key, load) {
      const k = fullKey(key);
      const now = cacheClock.now();
      const cached = entries.get(k);
      if (cached && now - cached.at < ttlMs) {
        const value = await cached.value.catch(() => undefined);
        if (value !== undefined) return value;
      }
      const value = load().then(deepFreeze);
      const entry = { at: now, value };
      entries.set(k, entry);
      const forget = () => {
        if (entries.get(k) === entry) entries.delete(k);
      };
      try {
        const found = await value;
        if (found === undefined) forget();
        return found;
      } catch (error) {
        forget();
        throw error;
      }
    },
    delete(key) {
      entries.delete(fullKey(key));
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
