import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one table definition, shared by CDK (infra/), the local runtime and the tests.
 * Single-table design: generic keys, generic GSIs. The entity modules in lib/entities/ own every key
 * template and name the index each of their queries uses; nothing else builds a key.
 *
 * What each index holds (partition / sort key; "sparse": only items in that state carry the keys):
 *
 * | index | item | partition | sort | lists |
 * |---|---|---|---|---|
 * | gsi1 | region | REGIONS | id | GET /v1/regions |
 * | gsi1 | organisation | ORGS | kind#id | GET /v1/organisations(?kind) |
 * | gsi1 | reference table version | REFTABLES | kind#id#version | GET /v1/reference-tables(?kind) |
 * | gsi1 | catalogue version | REGION#r#CATALOGUES | id#version | GET /v1/sroi/catalogues?regionId |
 * | gsi1 | tender | BUYER#org#TENDERS | createdAt#id | officers' GET /v1/tenders |
 * | gsi1 | contract | BUYER#org#CONTRACTS | startDate#id | officers' GET /v1/contracts |
 * | gsi1 | entry, sparse: submitted | REVIEWQ#BUYER#org | submittedAt#contract#entry | officers' GET /v1/entries |
 * | gsi1 | report | REGION#r#REPORTS | requestedAt#id | auditors' GET /v1/regions/{r}/reports |
 * | gsi1 | job, sparse: queued or running | JOBS#OPEN | createdAt#id | jobs the local runtime resumes on start |
 * | gsi2 | organisation with a region | REGION#r#ORGS | kind#id | auditors' GET /v1/organisations |
 * | gsi2 | catalogue version | CATALOGUES | id#version | GET /v1/sroi/catalogues |
 * | gsi2 | tender, sparse: published | TENDERS#PUBLISHED | deadline#id | suppliers' GET /v1/tenders |
 * | gsi2 | contract | SUPPLIER#org#CONTRACTS | startDate#id | suppliers' GET /v1/contracts |
 * | gsi2 | entry, sparse: submitted | REVIEWQ#REGION#r | submittedAt#contract#entry | auditors' GET /v1/entries |
 * | gsi2 | report of a municipality's scope or contract | BUYER#org#REPORTS | requestedAt#id | officers' GET /v1/regions/{r}/reports |
 * | gsi3 | entry | CONTRACT#id#ENTRIES | STATUS#status#entry | GET /v1/contracts/{id}/entries?status |
 * | gsi3 | report of a supplier's statement or contract | SUPPLIER#org#REPORTS | requestedAt#id | suppliers' GET /v1/regions/{r}/reports |
 * | gsi3 | tender, sparse: published | BUYER#org#PUBLISHED | publishedAt#id | the impact monitor's tenders of a period |
 * | gsi3 | organisation, sparse: with a KvK number | KVK#kvk | ORG#id | a purchase entry's vendor by KvK number |
 *
 * Other lists read a partition of the table itself (a tender's bids and corrections, a contract's
 * entries, obligation and commitment versions, an entity's audit trail, a region's contract pointers).
 * DynamoDB adds at most one index per table update: add indexes one release at a time.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Epoch seconds; DynamoDB TTL removes expired idempotency records in AWS (dynalite ignores it). */
  ttlAttribute: "ttl",
  indexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
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
