import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../lib/domain/digest.js";

/** The canonical form every digest is taken of: it must never change for a stored value. */

/** The canonical form as first written: entries without undefined values, keys in code-unit order. */
function reference(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
}

describe("canonical JSON", () => {
  it("sorts keys, drops undefined values and keeps arrays in order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }], u: undefined, é: "x", Z: [undefined] })).toBe(
      '{"Z":[null],"a":[{"c":null,"d":2}],"b":1,"é":"x"}',
    );
  });

  it("writes numbers as JSON does, special ones included", () => {
    const numbers = { a: -0, b: Number.NaN, c: Number.POSITIVE_INFINITY, d: 1e21, e: 1.5e-7, f: 0.1 + 0.2 };
    expect(canonicalJson(numbers)).toBe(reference(numbers));
    expect(canonicalJson(numbers)).toBe(
      '{"a":0,"b":null,"c":null,"d":1e+21,"e":1.5e-7,"f":0.30000000000000004}',
    );
  });

  it("writes every object by its own keys, also where many key lists begin with the same key", () => {
    const beginAlike = Array.from({ length: 40 }, (_, i) => ({
      a: i,
      [`k${i % 20}`]: i,
      ...(i % 3 ? { b: 1 } : {}),
    }));
    expect(canonicalJson([...beginAlike, ...beginAlike])).toBe(reference([...beginAlike, ...beginAlike]));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe('{"a":1,"b":2}');
    expect(canonicalJson([{}, { "": 1 }, {}])).toBe('[{},{"":1},{}]');
  });

  it("writes a hole of a sparse array as nothing and an undefined element as null", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
    expect(canonicalJson([, undefined, 1])).toBe("[,null,1]");
  });

  it("is the form it has always been", () => {
    const value = fc.anything({
      withObjectString: false,
      withNullPrototype: true,
      withBigInt: false,
      withDate: false,
      withMap: false,
      withSet: false,
      withTypedArray: false,
      withSparseArray: true,
    });
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
    );
  });
});
