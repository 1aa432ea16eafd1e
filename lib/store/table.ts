import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one table definition, shared by CDK (infra/), the local runtime and the tests.
 * Single-table design: generic keys, generic GSIs. The entity modules in lib/entities/ own every key
 * template and name the index each of their queries uses; nothing else builds a key.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Epoch seconds; DynamoDB TTL removes expired idempotency records in AWS (dynalite ignores it). */
  ttlAttribute: "ttl",
  indexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]["name"];

export const DEFAULT_TABLE_NAME = "impact-procurement";

/** Read on every call so tests and the local runtime can point at their own table. */
export const tableName = (): string => process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;

/** CreateTable input for dynalite (local runtime and tests); CDK builds the same shape from TABLE. */
export function createTableInput(name = tableName()): CreateTableCommandInput {
  const keyAttributes = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keyAttributes.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}
