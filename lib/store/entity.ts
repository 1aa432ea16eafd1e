import * as z from "zod";
import type { Item, Key } from "./ops.js";
import type { PageRequest } from "./paging.js";

/**
 * A stored item type: its read-back schema. Entity modules (lib/entities/) pair one with the item's
 * key templates and the named queries it is read by, so no other code builds a key or names an index.
 */
export interface Entity<T> {
  readonly name: string;
  /** Its key templates, `<name>` standing for one part of the key (see lib/entities/ for examples). */
  readonly layout: KeyLayout;
  /** Whether a stored key has this entity's layout. */
  owns(key: Key): boolean;
  readonly schema: z.ZodType<T & Item>;
  /** Checks an item read from the table; a stored item that does not fit is corrupt, never used as is. */
  read(item: unknown): T & Item;
  readAll(items: readonly unknown[]): (T & Item)[];
}

export interface KeyLayout {
  pk: string;
  sk: string;
}

const templatePattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/<\w+>/)
      .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+")}$`,
  );

/** A named way to read an entity: the partition (of the table or an index) and a sort-key prefix. */
export type AccessPattern = Omit<PageRequest, "limit" | "cursor">;

/** A stored item that fails its entity's schema: a 500 naming the entity, key and fields (never values). */
export class CorruptItem extends Error {
  constructor(
    readonly entity: string,
    readonly key: Partial<Key>,
    readonly problems: string[],
  ) {
    super(
      `Stored ${entity} ${key.pk ?? "?"} / ${key.sk ?? "?"} does not fit its schema: ${problems.join("; ")}`,
    );
    this.name = "CorruptItem";
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

/**
 * `data` (what a schema made of `stored`) with its fields in the stored order, nested objects too: a
 * schema lists its fields first, and items of one type are written in more than one order (a seed and
 * the API), so a read that reordered them would change the answers built from it.
 */
function inStoredOrder(data: unknown, stored: unknown): unknown {
  if (Array.isArray(data) && Array.isArray(stored)) return data.map((d, i) => inStoredOrder(d, stored[i]));
  if (!isPlainObject(data) || !isPlainObject(stored)) return data;
  const ordered: Record<string, unknown> = {};
  for (const field of Object.keys(stored))
    if (Object.hasOwn(data, field)) ordered[field] = inStoredOrder(data[field], stored[field]);
  // Fields the schema added (defaults) come last.
  for (const field of Object.keys(data)) if (!Object.hasOwn(ordered, field)) ordered[field] = data[field];
  return ordered;
}

/**
 * Defines an entity from the fields its code relies on. Unknown fields pass through (bookkeeping such
 * as `lastOpId`, index keys, fields a later release adds), so older and newer items keep reading.
 */
export function entity<S extends z.ZodRawShape>(
  name: string,
  layout: KeyLayout,
  shape: S,
): Entity<z.output<z.ZodObject<S>>> {
  const pk = templatePattern(layout.pk);
  const sk = templatePattern(layout.sk);
  const schema = z.looseObject({ pk: z.string(), sk: z.string(), ...shape });
  type T = z.output<z.ZodObject<S>>;
  const read = (item: unknown): T & Item => {
    const result = schema.safeParse(item);
    if (result.success) return inStoredOrder(result.data, item) as T & Item;
    const key = (item ?? {}) as Partial<Key>;
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "(item)"}: ${i.message}`);
    throw new CorruptItem(name, { pk: key.pk, sk: key.sk }, problems);
  };
  return {
    name,
    layout,
    owns: (key) => pk.test(key.pk) && sk.test(key.sk),
    schema: schema as unknown as z.ZodType<T & Item>,
    read,
    readAll: (items) => items.map(read),
  };
}
