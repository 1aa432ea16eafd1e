import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { type ITable, Table } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Bucket, type IBucket } from "aws-cdk-lib/aws-s3";
import {
  CfnManagedLoginBranding,
  type IUserPool,
  type IUserPoolClient,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from "aws-cdk-lib/aws-cognito";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { AREAS, type Area, type RouteDef, routes as ROUTES } from "../../lib/http/routes.js";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { JOB_PRODUCER_AREAS } from "../../lib/jobs/limits.js";
import { DOCUMENT_ACCESS, DOCUMENT_READ_ONLY_AREAS } from "../../lib/store/document-layout.js";
import type { StageConfig } from "../config.js";
import { ServiceAlarms } from "../constructs/alarms.js";
import { AreaFunction, type DocumentGrant } from "../constructs/area-function.js";
import { buildConsoleAssetsInto, CONSOLE_ASSETS_DIR, CONSOLE_ENTRY } from "../bundling.js";
import { clientAttributes } from "./identity-stack.js";
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

/** The console's own paths that Cognito sends the browser back to (lib/console/cognito.tsx). */
export const CONSOLE_CALLBACK_PATH = "/console/auth/callback";
export const CONSOLE_SIGNED_OUT_PATH = "/console/signed-out";

/** The area whose routes invite users into the user pool (POST /v1/organisations/{organisationId}/users). */
export const INVITING_AREA: Area = "orgs";

/**
 * The console calls every area's handlers in-process, so it may do what each of them may; its
 * sizing is the largest area's (a report page waits for the same work as the reports function).
 */
export const CONSOLE_SIZING = { memorySize: 1024, timeoutSeconds: 28 };

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
  /** The managed login's base URL (the identity stack's domain): where the console signs users in. */
  loginUrl: string;
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
  /** The web console: its function and its Cognito app client (authorization code with PKCE). */
  readonly console: AreaFunction;
  readonly consoleClient: UserPoolClient;

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
    // Inviting a user creates it in the pool with its role and organisation (lib/orgs/invitations.ts).
    const invite = new PolicyStatement({
      actions: ["cognito-idp:AdminCreateUser", "cognito-idp:AdminGetUser"],
      resources: [props.userPool.userPoolArn],
    });
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
      if (area === INVITING_AREA) {
        fn.fn.addEnvironment("USER_POOL_ID", props.userPool.userPoolId);
        fn.fn.addToRolePolicy(invite);
      }
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

    // The console's origins: the API's own address, and any custom domain or CDN in front of it.
    const origins = [this.http.api.apiEndpoint, ...config.consoleOrigins];
    this.consoleClient = new UserPoolClient(this, "ConsoleClient", {
      userPool: props.userPool,
      userPoolClientName: `${config.prefix}-console`,
      // A public client: the console's server exchanges the code with its PKCE verifier, so no
      // secret has to be kept (and rotated) beside it.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: origins.map((o) => `${o}${CONSOLE_CALLBACK_PATH}`),
        logoutUrls: origins.map((o) => `${o}${CONSOLE_SIGNED_OUT_PATH}`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      ...clientAttributes(),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day, as long as a console session (lib/console/session.ts).
      refreshTokenValidity: Duration.hours(8),
    });
    // The managed login's look for this client: Cognito's own, until a municipality brands it.
    new CfnManagedLoginBranding(this, "ConsoleLoginBranding", {
      userPoolId: props.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.console = new AreaFunction(this, "Console", {
      area: "console",
      config,
      table: this.table,
      readOnly: false,
      environment: {
        ...environment,
        // The console's users hold tokens of its own client; the API handlers it calls in-process
        // check them against it. Its tokens never pass the gateway's authorizer.
        AUTH_AUDIENCE: this.consoleClient.userPoolClientId,
        CONSOLE_CLIENT_ID: this.consoleClient.userPoolClientId,
        COGNITO_DOMAIN: props.loginUrl,
        CONSOLE_ORIGIN: config.consoleOrigins[0] ?? this.http.api.apiEndpoint,
        CONSOLE_ASSETS_DIR,
        USER_POOL_ID: props.userPool.userPoolId,
      },
      documents: Object.entries(DOCUMENT_ACCESS).map(
        ([area, prefixes]): DocumentGrant => ({
          bucket: this.documents,
          prefixes,
          readOnly: DOCUMENT_READ_ONLY_AREAS.includes(area),
        }),
      ),
      entry: {
        file: CONSOLE_ENTRY,
        sizing: CONSOLE_SIZING,
        description: "web console (server-rendered pages under /console)",
        afterBundling: (outputDir) => buildConsoleAssetsInto(outputDir),
      },
    });
    this.jobs.grantEnqueue(this.console.fn);
    this.console.fn.addToRolePolicy(invite);
    this.http.addConsole(this.console.fn);

    this.alarms = new ServiceAlarms(this, "Alarms", {
      config,
      api: this.http.api,
      table: this.table,
      functions: lambdas,
      otherFunctions: new Map([["console", this.console.fn]]),
    });
    const topic = this.alarms.topic;
    if (topic)
      for (const alarm of this.jobs.alarms) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
      }

    new CfnOutput(this, "ApiUrl", { value: this.http.stage.url });
    new CfnOutput(this, "ConsoleUrl", { value: `${this.http.api.apiEndpoint}/console/` });
    new CfnOutput(this, "AccessLogGroup", { value: this.http.accessLogs.logGroupName });
    for (const [area, f] of [...this.functions, ["console", this.console] as const]) {
      new CfnOutput(this, `LogGroup-${area}`, {
        value: f.logGroup.logGroupName,
        description: `Logs of the ${area} function`,
      });
    }
    if (this.alarms.topic) new CfnOutput(this, "AlarmTopicArn", { value: this.alarms.topic.topicArn });
  }
}
