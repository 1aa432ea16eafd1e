import type { AddressInfo } from "node:net";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { localClientConfig } from "../store/local-endpoint.js";
import { createTableInput } from "../store/table.js";
import { rebuildIfNeeded, settle } from "./rebuild.js";

export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite (the DynamoDB API in-process) on a random loopback port.
 * With `path` the data is persisted in LevelDB there; without, it lives in memory.
 */
export async function startDynalite(options: { path?: string | undefined } = {}): Promise<EmbeddedDynamo> {
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Creates the table if it is missing (a restart keeps the data), and rebuilds one that lacks an index
 * of the table definition (data from before a release that added it; see rebuild.ts).
 */
export async function ensureTable(
  endpoint: string,
  tableName: string,
): Promise<"created" | "exists" | "rebuilt"> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    if ((await rebuildIfNeeded(client, tableName)) === "rebuilt") return "rebuilt";
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return "exists";
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await settle(client, tableName, "active");
    return "created";
  } finally {
    client.destroy();
  }
}
