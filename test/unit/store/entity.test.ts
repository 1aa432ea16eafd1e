import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CorruptItem, entity } from "../../../lib/store/entity.js";

const thing = entity(
  "thing",
  { pk: "THING#<id>", sk: "THING" },
  {
    name: z.string(),
    size: z.number().int(),
    parts: z.array(z.looseObject({ id: z.string(), weight: z.number() })),
    owner: z.looseObject({ id: z.string(), kind: z.string() }).nullable(),
    colour: z.string().default("grey"),
  },
);

const shuffled = <T>(entries: T[]) => fc.shuffledSubarray(entries, { minLength: entries.length });
/** Every key, nested ones too, in order: what a JSON answer built from the value shows. */
const keyOrder = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(keyOrder)
    : value && typeof value === "object"
      ? Object.entries(value).map(([k, v]) => [k, keyOrder(v)])
      : null;

describe("entity read-back", () => {
  it("returns a valid item as stored: same fields, values and order (nested too), whatever order it was written in", () => {
    const part = fc
      .tuple(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string())
      .chain(([id, weight, extra]) =>
        shuffled<[string, unknown]>([
          ["id", id],
          ["weight", weight],
          ["extra", extra],
        ]),
      )
      .map(Object.fromEntries);
    const item = fc
      .record({
        name: fc.string(),
        size: fc.integer(),
        parts: fc.array(part, { maxLength: 3 }),
        owner: fc.option(fc.record({ kind: fc.string(), id: fc.string() }), { nil: null }),
        colour: fc.string(),
        lastOpId: fc.string(),
      })
      .chain((fields) => shuffled(Object.entries(fields)))
      .map((entries) => Object.fromEntries([["pk", "THING"], ["sk", "1"], ...entries]));
    fc.assert(
      fc.property(item, (stored) => {
        const read = thing.read(stored);
        expect(read).toEqual(stored);
        expect(keyOrder(read)).toEqual(keyOrder(stored));
      }),
    );
  });

  it("adds a schema default after the stored fields, and leaves sets and other non-plain values as they are", () => {
    const tags = new Set(["a", "b"]);
    const read = thing.read({ sk: "1", tags, parts: [], pk: "THING", size: 2, name: "x", owner: null });
    expect(Object.keys(read)).toEqual(["sk", "tags", "parts", "pk", "size", "name", "owner", "colour"]);
    expect(read.colour).toBe("grey");
    expect(read.tags).toBe(tags);
  });

  it("refuses an item that does not fit: a CorruptItem naming the entity, key and fields, never the values", () => {
    const stored = { pk: "THING", sk: "2", name: "secret-name", size: 1.5, parts: [{ id: 7 }], owner: null };
    const error = (() => {
      try {
        thing.read(stored);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CorruptItem);
    const message = (error as CorruptItem).message;
    expect(message).toContain("thing THING / 2");
    for (const field of ["size", "parts.0.id", "parts.0.weight"]) expect(message).toContain(`${field}:`);
    expect(message).not.toContain("secret-name");
    expect(() => thing.readAll([stored])).toThrow(CorruptItem);
  });
});
