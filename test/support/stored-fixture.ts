import { readFileSync } from "node:fs";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { STORED_ENTITIES } from "../../lib/entities/all.js";
import { db } from "../../lib/store/client.js";
import type { Item } from "../../lib/store/ops.js";
import { tableName } from "../../lib/store/table.js";

/** String sets (a contract's block ids) are written as { "$set": [...] } in a fixture: JSON has no sets. */
const revive = (_key: string, value: unknown) =>
  value && typeof value === "object" && "$set" in value ? new Set((value as { $set: string[] }).$set) : value;

/**
 * A frozen fixture of stored items (test/fixtures/README.md): its items, the entities that own an item,
 * the items one entity reads, and a put of every item into this test file's table.
 */
export function storedFixture(file: string) {
  const items: Item[] = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line, revive));
  const ownersOf = (item: Item) => STORED_ENTITIES.filter((entity) => entity.owns(item));
  const readAs = <T>(name: string) =>
    items
      .filter((item) => ownersOf(item)[0]?.name === name)
      .map((item) => ownersOf(item)[0]!.read(item) as T);
  const load = async () => {
    for (const Item of items) await db.send(new PutCommand({ TableName: tableName(), Item }));
  };
  return { items, ownersOf, readAs, load };
}
