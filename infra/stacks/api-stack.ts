import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { type ITable, Table } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Bucket, type IBucket } from "aws-cdk-lib/aws-s3";
import type { IUserPool, IUserPoolClient } from "aws-cdk-lib/aws-cognito";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { AREAS, type Area, type RouteDef, routes as ROUTES } from "../../lib/http/routes.js";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { JOB_PRODUCER_AREAS } from "../../lib/jobs/limits.js";
import { DOCUMENT_ACCESS, DOCUMENT_READ_ONLY_AREAS } from "../../lib/store/document-layout.js";
import type { StageConfig } from "../config.js";
import { ServiceAlarms } from "../constructs/alarms.js";
import { AreaFunction } from "../constructs/area-function.js";
import { ServiceHttpApi } from "../constructs/http-api.js";
import { JobQueue } from "../constructs/job-queue.js";

/** The area whose router answers `$default` (unknown path → 404, wrong method → 405). */
export const FALLBACK_AREA: Area = "platform";

/** The areas that get a function: every area with a route, plus the fallback area; in AREAS order. */
export function servedAreas(routes: readonly RouteDef[] = ROUTES): string[] {
  const used = new Set<string>([...routes.map((r) => r.area), FALLBACK_AREA]);
  const known = AREAS as readonly string[];
  return [...known.filter((a) => used.has(a)), ...[...used].filter((a) => !known.includes(a)).sort()];
}

/** Least privilege: an area whose routes are all GETs only reads the table. */
export const isReadOnlyArea = (area: string, routes: readonly RouteDef[] = ROUTES): boolean =>
  routes.filter((r) => r.area === area).every((r) => r.method === "GET");

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  /** The table's physical name (DataStack gives it a fixed name per stage). */
  tableName: string;
  /** The documents bucket's name (DataStack's, resolved in this stack's account and region). */
  documentsBucketName: string;
  userPool: IUserPool;
  client: IUserPoolClient;
  /** Cognito's issuer URL (AUTH_ISSUER for lib/http/auth.ts). */
  issuer: string;
  /** Defaults to THE route list; tests pass their own to check derivation. */
  routes?: readonly RouteDef[];
}

/**
 * Functions, HTTP API and alarms. One stack because API Gateway's integrations point at the
 * functions and the functions' invoke permissions point at the API (split stacks would be cyclic).
 */
export class ApiStack extends Stack {
  readonly functions = new Map<string, AreaFunction>();
  readonly http: ServiceHttpApi;
  readonly alarms: ServiceAlarms;
  readonly table: ITable;
  readonly documents: IBucket;
  readonly jobs: JobQueue;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes = props.routes ?? ROUTES;

    // By name, in this stack's account and region: grants name exactly this table and its indexes.
    this.table = Table.fromTableAttributes(this, "Table", {
      tableName: props.tableName,
      grantIndexPermissions: true,
    });
    this.documents = Bucket.fromBucketName(this, "Documents", props.documentsBucketName);
    // Signs list cursors (lib/store/cursor.ts). One value for every function and container, so a
    // cursor from one invocation verifies in the next; CloudFormation resolves it at deploy time
    // (a dynamic reference: the value is not in the template).
    const cursorSecret = new Secret(this, "CursorSecret", {
      description: `Impact Procurement ${config.stage}: HMAC key of list cursors`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(cursorSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Only signs list cursors (a page position, no data, nothing to decrypt); the functions read it from their environment at deploy time, so rotation happens by redeploying, which merely makes open cursors answer 400 invalid-cursor.",
    });
    const environment = {
      TABLE_NAME: props.tableName,
      AUTH_ISSUER: props.issuer,
      AUTH_AUDIENCE: props.client.userPoolClientId,
      CURSOR_SECRET: cursorSecret.secretValue.unsafeUnwrap(),
      ...config.ocdsEnvironment,
    };
    this.jobs = new JobQueue(this, "Jobs", { config, table: this.table, documents: this.documents });
    for (const area of servedAreas(routes)) {
      const prefixes = DOCUMENT_ACCESS[area];
      const readOnlyDocuments = DOCUMENT_READ_ONLY_AREAS.includes(area);
      const fn = new AreaFunction(this, `Area-${area}`, {
        area,
        config,
        table: this.table,
        readOnly: isReadOnlyArea(area, routes),
        environment,
        ...(prefixes ? { documents: { bucket: this.documents, prefixes, readOnly: readOnlyDocuments } } : {}),
      });
      if (JOB_PRODUCER_AREAS.includes(area)) this.jobs.grantEnqueue(fn.fn);
      this.functions.set(area, fn);
    }
    const lambdas: ReadonlyMap<string, IFunction> = new Map(
      [...this.functions].map(([area, f]) => [area, f.fn] as const),
    );

    this.http = new ServiceHttpApi(this, "Http", {
      config,
      routes,
      functions: lambdas,
      fallbackArea: FALLBACK_AREA,
      userPool: props.userPool,
      client: props.client,
    });

    this.alarms = new ServiceAlarms(this, "Alarms", {
      config,
      api: this.http.api,
      table: this.table,
      functions: lambdas,
    });
    const topic = this.alarms.topic;
    if (topic)
      for (const alarm of this.jobs.alarms) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
      }

    new CfnOutput(this, "ApiUrl", { value: this.http.stage.url });
    new CfnOutput(this, "AccessLogGroup", { value: this.http.accessLogs.logGroupName });
    for (const [area, f] of this.functions) {
      new CfnOutput(this, `LogGroup-${area}`, {
        value: f.logGroup.logGroupName,
        description: `Logs of the ${area} function`,
      });
    }
    if (this.alarms.topic) new CfnOutput(this, "AlarmTopicArn", { value: this.alarms.topic.topicArn });
  }
}
