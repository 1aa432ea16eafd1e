import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { buildSync } from "esbuild";
import { METRICS_NAMESPACE, SERVICE_NAME } from "../../lib/http/metric-names.js";
import { TABLE } from "../../lib/store/table.js";
import { areaAssets, areaEntry, type BundleAsset, copyAssets, esbuildOptions } from "../bundling.js";
import type { StageConfig } from "../config.js";

/** The repository root: entries and node_modules are resolved from here. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * An area's code asset: infra/bundling.ts's esbuild options run through esbuild's API when CDK
 * synthesizes (`cdk synth`, `cdk deploy`), exactly as the bundle test and the bench run them.
 * Not NodejsFunction: its esbuild command line writes one file (`--outfile`), and the bundles are
 * split into files that load on demand. Hashed by output, like NodejsFunction's assets; esbuild is
 * a dev dependency, so the local bundling always runs and the Docker image is never pulled.
 */
export function entryCode(
  entryFile: string,
  assets: readonly BundleAsset[] = [],
  afterBundling?: (outputDir: string) => void,
): Code {
  const entry = join(PROJECT_ROOT, entryFile);
  return Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry("dummy"),
      local: {
        tryBundle(outputDir) {
          buildSync(esbuildOptions(entry, outputDir));
          copyAssets(assets, outputDir);
          afterBundling?.(outputDir);
          return true;
        },
      },
    },
  });
}

export const areaCode = (area: string): Code => entryCode(areaEntry(area), areaAssets(area));

export interface Sizing {
  memorySize: number;
  timeoutSeconds: number;
}

/**
 * 512 MB on ARM64: enough CPU for cold starts of a ~1 MB bundle and JSON work; requests are
 * I/O-bound (DynamoDB, Cognito's keys). 10 s stays well under API Gateway's 30 s integration
 * limit, so a stuck call ends as a Lambda error (alarmed) rather than a gateway timeout.
 * Heavier areas (PDF reports, bulk imports) get their own entry here.
 */
export const DEFAULT_SIZING: Sizing = { memorySize: 512, timeoutSeconds: 10 };
export const AREA_SIZING: Readonly<Record<string, Sizing>> = {
  reports: { memorySize: 1024, timeoutSeconds: 28 },
};
export const sizingOf = (area: string): Sizing => AREA_SIZING[area] ?? DEFAULT_SIZING;

export const TABLE_READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"] as const;
export const TABLE_WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;

/** What a function may do in the documents bucket (lib/store/documents.ts): exactly these calls. */
export const DOCUMENT_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject"] as const;
/** What a function that only reads documents (and presigns their downloads) may do. */
export const DOCUMENT_READ_ACTIONS = ["s3:GetObject"] as const;

export interface DocumentGrant {
  bucket: IBucket;
  prefixes: readonly string[];
  readOnly?: boolean;
}

export interface AreaFunctionProps {
  area: string;
  config: StageConfig;
  table: ITable;
  /** True when every route of the area is a GET: the function gets read-only table access. */
  readOnly: boolean;
  environment: Record<string, string>;
  /**
   * The documents bucket and the key prefixes this area reads (and writes, unless readOnly); absent: no
   * access. Several when a function serves several areas' routes (the console), each with its own access.
   */
  documents?: DocumentGrant | readonly DocumentGrant[];
  /**
   * Another entry than the area's router (the job worker, the console), with its own sizing, description,
   * assets, and a step that adds built files to the bundle folder.
   */
  entry?: {
    file: string;
    sizing: Sizing;
    description: string;
    assets?: readonly BundleAsset[];
    afterBundling?: (outputDir: string) => void;
  };
}

/**
 * One Lambda per area (functions/<area>/handler.ts, a router on event.routeKey), so the number of
 * resources grows with the areas, not the routes. Own role with only what the area needs.
 */
export class AreaFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly area: string;
  readonly readOnly: boolean;

  constructor(scope: Construct, id: string, props: AreaFunctionProps) {
    super(scope, id);
    const { area, config, table, readOnly } = props;
    this.area = area;
    this.readOnly = readOnly;
    const sizing = props.entry?.sizing ?? sizingOf(area);
    const documents = props.documents ? [props.documents].flat() : [];

    this.logGroup = new LogGroup(this, "Logs", {
      retention: config.logRetentionDays,
      removalPolicy: config.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: writes to its own log group only.
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Impact Procurement ${config.stage}: ${area} area function`,
    });
    this.logGroup.grantWrite(role);

    this.fn = new LambdaFunction(this, "Function", {
      description: `Impact Procurement ${config.stage}: ${props.entry?.description ?? `routes of the '${area}' area`}`,
      code: props.entry
        ? entryCode(props.entry.file, props.entry.assets, props.entry.afterBundling)
        : areaCode(area),
      handler: "index.handler", // the `handler` export of BUNDLE_FILE
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: sizing.memorySize,
      timeout: Duration.seconds(sizing.timeoutSeconds),
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        ...(documents[0] ? { DOCUMENTS_BUCKET: documents[0].bucket.bucketName } : {}),
        NODE_OPTIONS: "--enable-source-maps",
        // Powertools: one JSON line per request at INFO, EMF metrics in the service's namespace.
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: "INFO",
      },
    });

    // Exactly the calls lib/store makes (no Scan; batch writes only of new items: lib/store/batch.ts),
    // on the table and its indexes.
    table.grant(this.fn, ...TABLE_READ_ACTIONS, ...(readOnly ? [] : TABLE_WRITE_ACTIONS));

    for (const grant of documents) this.grantDocuments(role, grant);

    // Both wildcards are acknowledged on this function's role only (its default policy).
    Validations.of(role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Added by X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html).",
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${table.tableName}/index/*]`,
      reason: `Queries on the global secondary indexes (${TABLE.indexes.map((i) => i.name).join(", ")}) of this one table only; the wildcard is the index name segment of the table's own ARN.`,
    });

    Validations.of(this.fn).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "Pinned to nodejs22.x on purpose: the runtime the service is built and tested for; it is supported by AWS. Node 24 follows with the project's Node upgrade.",
    });
  }

  /**
   * Read (and write, unless readOnly; never delete) the objects under the area's prefixes; list the bucket only so that
   * reading a missing key answers NoSuchKey instead of AccessDenied (lib/store/documents-s3.ts).
   */
  private grantDocuments(role: Role, { bucket, prefixes, readOnly }: DocumentGrant) {
    const objects = prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
    const actions = readOnly ? DOCUMENT_READ_ACTIONS : DOCUMENT_OBJECT_ACTIONS;
    role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: objects }));
    role.addToPolicy(new PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }));
    for (const prefix of prefixes) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${asInFindings(this, bucket.bucketName)}/${prefix}*]`,
        reason: `Documents are created under the key prefix ${prefix} with names known only when written (content hashes); the wildcard is that one prefix of the one documents bucket.`,
      });
    }
  }
}

/** A value as cdk-nag writes it in a finding's id: a reference as `<Name>`, a join joined. */
function asInFindings(scope: Construct, value: string): string {
  const render = (part: unknown): string => {
    if (typeof part === "string") return part;
    const node = part as { Ref?: string; "Fn::Join"?: [string, unknown[]] };
    if (node.Ref) return `<${node.Ref}>`;
    if (node["Fn::Join"]) return node["Fn::Join"][1].map(render).join(node["Fn::Join"][0]);
    throw new Error(`Cannot name ${JSON.stringify(part)} as cdk-nag does`);
  };
  return render(Stack.of(scope).resolve(value));
}
