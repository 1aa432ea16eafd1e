import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { DEFAULT_TABLE_NAME, TABLE } from "../../lib/store/table.js";
import type { StageConfig } from "../config.js";

/**
 * A fixed name per stage: the API stack refers to the table by name (no CloudFormation export
 * that would pin the table), and operators find it at a glance.
 */
export const tableNameOf = (config: StageConfig): string => `${DEFAULT_TABLE_NAME}-${config.stage}`;

/**
 * The documents bucket, by name too (bucket names are global: the account and region make it unique).
 * The API stack resolves the same name in its own account and region.
 */
export const documentsBucketNameOf = (config: StageConfig): string =>
  `${DEFAULT_TABLE_NAME}-documents-${config.stage}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

export interface DataStackProps extends StackProps {
  config: StageConfig;
}

/**
 * The single DynamoDB table, built from THE table definition (lib/store/table.ts) that the local
 * runtime and the tests also use, and the documents bucket (lib/store/documents.ts). Stateful, so in
 * its own stack: the API can be torn down and redeployed without touching the data.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly documents: Bucket;
  readonly documentsAccessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.table = new Table(this, "Table", {
      tableName: tableNameOf(props.config),
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Every stage keeps its table: deleting the stack must never delete tenders, bids or audit events.
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-managed key (aws/dynamodb): encrypted at rest, key use visible in CloudTrail, no key to
      // administer or lose. A customer-managed key would add cost and a way to lock ourselves out,
      // and buys nothing here: no cross-account access, no crypto-shredding requirement.
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE.ttlAttribute,
    });

    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    // Server access logs of the documents bucket (who read or wrote which document), kept as long as
    // the stage keeps its logs.
    this.documentsAccessLogs = new Bucket(this, "DocumentsAccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(props.config.logRetentionDays) }],
      // CloudFormation cannot delete a bucket with objects in it; the lifecycle rule empties it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.documentsAccessLogs).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "This bucket receives the documents bucket's server access logs; logging its own access would only log the log delivery itself.",
    });

    // Documents too large for a table item (an evaluation's input and result, reports): private,
    // encrypted at rest with S3-managed keys (as the table, no key to administer), versioned (an
    // overwrite or delete keeps the earlier version), TLS only, no ACLs. Kept on stack delete like the
    // table; each function gets only its own key prefixes (api-stack.ts).
    this.documents = new Bucket(this, "Documents", {
      bucketName: documentsBucketNameOf(props.config),
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.documentsAccessLogs,
      serverAccessLogsPrefix: "documents/",
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "DocumentsBucketName", { value: this.documents.bucketName });
  }
}
