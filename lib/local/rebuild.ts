/**
 * The local table brought to the table definition when it lacks an index a newer release added:
 * dynalite cannot add a global secondary index to an existing table (DynamoDB can, one per update),
 * so the table is copied to a side table, created again from the definition and copied back.
 *
 * Every step can be repeated, and which one comes next follows from the tables that exist, so a run
 * that stopped anywhere is completed by the next `npm start`:
 *   table lacks an index, no side table  → create the side table, copy table → side table
 *   table lacks an index, side table     → (copy again: the first copy may have stopped) delete the table
 *   no table, side table                 → create the table from the definition
 *   complete table, side table           → copy side table → table (again), delete the side table
 * The table is deleted only after a complete copy, the side table only after a complete copy back.
 * Local data only: it scans whole tables.
 */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
  type TableDescription,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, TABLE } from "../store/table.js";

export const sideTableOf = (name: string) => `${name}--rebuild`;

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** Whether a table has every index of the definition. */
export const hasEveryIndex = (table: TableDescription) =>
  TABLE.indexes.every((index) =>
    (table.GlobalSecondaryIndexes ?? []).some((gsi) => gsi.IndexName === index.name),
  );

/** Every item of `from` written to `to` (the same items again on a repeat). */
async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<number> {
  let copied = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: from, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let requests: WriteRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [to]: requests } }));
        requests = out.UnprocessedItems?.[to] ?? [];
      }
    }
    copied += items.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return copied;
}

/** Waits until a created table is ACTIVE, or a deleted one is gone (dynalite finishes both a moment later). */
export async function settle(client: DynamoDBClient, name: string, want: "active" | "gone") {
  for (let i = 0; i < 500; i++) {
    const table = await describe(client, name);
    if (want === "gone" ? !table : table?.TableStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Table ${name} did not become ${want}.`);
}

const create = async (client: DynamoDBClient, name: string) => {
  await client.send(new CreateTableCommand(createTableInput(name)));
  await settle(client, name, "active");
};

const drop = async (client: DynamoDBClient, name: string) => {
  await client.send(new DeleteTableCommand({ TableName: name }));
  await settle(client, name, "gone");
};

/**
 * Completes a rebuild that is due or under way; "none" when there is nothing to rebuild (no side table,
 * and the table has every index or does not exist yet).
 */
export async function rebuildIfNeeded(client: DynamoDBClient, name: string): Promise<"none" | "rebuilt"> {
  const side = sideTableOf(name);
  let table = await describe(client, name);
  const sideTable = await describe(client, side);
  if (!sideTable && (!table || hasEveryIndex(table))) return "none";
  if (table && !hasEveryIndex(table)) {
    if (!sideTable) await create(client, side);
    await copyItems(client, name, side);
    await drop(client, name);
    table = undefined;
  }
  if (!table) await create(client, name);
  await copyItems(client, side, name);
  await drop(client, side);
  return "rebuilt";
}
