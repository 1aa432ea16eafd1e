import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { DEFAULT_TABLE_NAME, TABLE } from "../../lib/store/table.js";
import type { StageConfig } from "../config.js";

/**
 * A fixed name per stage: the API stack refers to the table by name (no CloudFormation export
 * that would pin the table), and operators find it at a glance.
 */
export const tableNameOf = (config: StageConfig): string => `${DEFAULT_TABLE_NAME}-${config.stage}`;

export interface DataStackProps extends StackProps {
  config: StageConfig;
}

/**
 * The single DynamoDB table, built from THE table definition (lib/store/table.ts) that the local
 * runtime and the tests also use. Stateful, so in its own stack: the API can be torn down and
 * redeployed without touching the data.
 */
export class DataStack extends Stack {
  readonly table: Table;

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

    new CfnOutput(this, "TableName", { value: this.table.tableName });
  }
}
