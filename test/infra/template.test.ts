import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { ALARM_THRESHOLDS } from "../../infra/constructs/alarms.js";
import { sizingOf } from "../../infra/constructs/area-function.js";
import { CORS_ALLOW_HEADERS, PREFLIGHT_ROUTE_KEY } from "../../infra/constructs/http-api.js";
import { FALLBACK_AREA, isReadOnlyArea, servedAreas } from "../../infra/stacks/api-stack.js";
import {
  JOB_PRODUCER_AREAS,
  JOB_VISIBILITY_TIMEOUT_SECONDS,
  JOB_WORKER_TIMEOUT_SECONDS,
  MAX_JOB_ATTEMPTS,
} from "../../lib/jobs/limits.js";
import { FALLBACK_ROUTE_KEY, routeKey, routes } from "../../lib/http/routes.js";
import {
  DOCUMENT_ACCESS,
  DOCUMENT_PREFIXES,
  DOCUMENT_READ_ONLY_AREAS,
} from "../../lib/store/document-layout.js";
import { createTableInput, TABLE } from "../../lib/store/table.js";
import { logicalId, resourcesOf, synthesize, synthesized } from "./support.js";

type Json = Record<string, unknown>;

/** A template value with its joins joined and references written `<Name>`, as cdk-nag names them. */
const rendered = (value: unknown): any => {
  if (Array.isArray(value)) return value.map(rendered);
  if (value === null || typeof value !== "object") return value;
  const node = value as { Ref?: string; "Fn::Join"?: [string, unknown[]] };
  if (node.Ref) return `<${node.Ref}>`;
  if (node["Fn::Join"]) return node["Fn::Join"][1].map(rendered).join(node["Fn::Join"][0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rendered(v)]));
};
const dev = () => synthesized({ stage: "dev" });
const prod = () => synthesized({ stage: "prod" });
const prodWithOptions = () =>
  synthesized({
    stage: "prod",
    alarmEmail: "ops@example.nl",
    corsOrigins: "https://app.example.nl",
    throttleRate: 7,
    throttleBurst: 9,
  });

// The shared syntheses, with room for a busy CI machine (the first one loads most of aws-cdk-lib).
beforeAll(() => {
  dev();
  prod();
  prodWithOptions();
}, 120_000);

const WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

describe.each([
  ["dev", dev],
  ["prod", prod],
] as const)("data stack (%s)", (stage, synth) => {
  it("builds the table from THE table definition: same keys and indexes as the local table", () => {
    const local = createTableInput(`impact-procurement-${stage}`);
    const tables = resourcesOf(synth().data, "AWS::DynamoDB::Table");
    expect(Object.keys(tables)).toHaveLength(1);
    const table = Object.values(tables)[0]!.Properties;
    expect(table.TableName).toBe(local.TableName);
    expect(table.KeySchema).toEqual(local.KeySchema);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      String(a.AttributeName).localeCompare(String(b.AttributeName));
    expect([...(table.AttributeDefinitions as Json[])].sort(byName)).toEqual(
      [...local.AttributeDefinitions!].sort(byName),
    );
    expect(table.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect((table.GlobalSecondaryIndexes as Json[]).map((i) => i.IndexName)).toEqual(
      TABLE.indexes.map((i) => i.name),
    );
  });

  it("is on-demand, recoverable, protected, encrypted, expires items by TTL and is kept on delete", () => {
    synth().data.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      }),
    });
  });
});

describe.each([
  ["dev", dev],
  ["prod", prod],
] as const)("documents bucket (%s)", (stage, synth) => {
  const buckets = () => resourcesOf(synth().data, "AWS::S3::Bucket");
  const documents = () => buckets()[logicalId(synth().service.data.documents)]!;

  it("is private, encrypted, versioned, without ACLs, named per stage, account and region, and kept on delete", () => {
    expect(documents()).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    expect(documents().Properties).toMatchObject({
      BucketName: {
        "Fn::Join": [
          "",
          [`impact-procurement-documents-${stage}-`, { Ref: "AWS::AccountId" }, "-", { Ref: "AWS::Region" }],
        ],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      VersioningConfiguration: { Status: "Enabled" },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: logicalId(synth().service.data.documentsAccessLogs) },
      },
    });
    expect(documents().Properties.AccessControl).toBeUndefined();
  });

  it("and its access-log bucket refuse every request without TLS", () => {
    const policies = Object.values(resourcesOf(synth().data, "AWS::S3::BucketPolicy"));
    for (const bucket of [synth().service.data.documents, synth().service.data.documentsAccessLogs]) {
      const own = policies.find(
        (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(bucket) }),
      );
      expect(JSON.stringify(own?.Properties.PolicyDocument)).toContain('"Effect":"Deny"');
      expect(own?.Properties.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Effect: "Deny",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      });
    }
    // Only the documents bucket has objects worth logging access to; its logs expire with the stage's.
    expect(Object.keys(buckets())).toHaveLength(2);
    const logs = buckets()[logicalId(synth().service.data.documentsAccessLogs)]!.Properties;
    expect(logs.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(logs.LifecycleConfiguration).toEqual({
      Rules: [{ ExpirationInDays: synth().service.config.logRetentionDays, Status: "Enabled" }],
    });
  });
});

describe("identity stack", () => {
  it("has a user pool without self sign-up, with immutable role and org attributes", () => {
    for (const synth of [dev, prod]) {
      synth().identity.hasResourceProperties("AWS::Cognito::UserPool", {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        Schema: Match.arrayWith([
          Match.objectLike({ Name: "role", AttributeDataType: "String", Mutable: false }),
          Match.objectLike({ Name: "org", AttributeDataType: "String", Mutable: false }),
        ]),
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      });
    }
  });

  it("prod requires MFA, enforces threat protection and keeps the pool; dev is disposable", () => {
    prod().identity.hasResource("AWS::Cognito::UserPool", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        MfaConfiguration: "ON",
        EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
        DeletionProtection: "ACTIVE",
      }),
    });
    dev().identity.hasResource("AWS::Cognito::UserPool", {
      DeletionPolicy: "Delete",
      Properties: Match.objectLike({ MfaConfiguration: "OPTIONAL", DeletionProtection: "INACTIVE" }),
    });
  });

  it("lets the app client read role and org (ID token claims) but never write them", () => {
    for (const synth of [dev, prod]) {
      const clients = Object.values(resourcesOf(synth().identity, "AWS::Cognito::UserPoolClient"));
      expect(clients).toHaveLength(1);
      const client = clients[0]!.Properties;
      expect(client.GenerateSecret).toBe(false);
      expect(client.ReadAttributes).toEqual(expect.arrayContaining(["custom:role", "custom:org"]));
      expect((client.WriteAttributes as string[]).filter((a) => a.startsWith("custom:"))).toEqual([]);
      expect(client.PreventUserExistenceErrors).toBe("ENABLED");
    }
    const flows = (s: typeof dev) =>
      Object.values(resourcesOf(s().identity, "AWS::Cognito::UserPoolClient"))[0]!.Properties
        .ExplicitAuthFlows;
    expect(flows(prod)).not.toContain("ALLOW_USER_PASSWORD_AUTH");
    expect(flows(dev)).toContain("ALLOW_USER_PASSWORD_AUTH");
  });
});

describe("functions", () => {
  it("one Node.js 22 ARM64 function per served area, sized, traced, JSON-logging, with source maps", () => {
    const { api, service } = dev();
    const functions = resourcesOf(api, "AWS::Lambda::Function");
    expect(Object.keys(functions).sort()).toEqual(
      [
        ...servedAreas().map((area) => logicalId(service.api.functions.get(area)!.fn)),
        logicalId(service.api.jobs.worker.fn),
      ].sort(),
    );
    for (const area of servedAreas()) {
      const fn = functions[logicalId(service.api.functions.get(area)!.fn)]!.Properties;
      const sizing = sizingOf(area);
      expect(fn).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        MemorySize: sizing.memorySize,
        Timeout: sizing.timeoutSeconds,
        TracingConfig: { Mode: "Active" },
        LoggingConfig: { LogFormat: "JSON" },
      });
      const env = (fn.Environment as { Variables: Json }).Variables;
      expect(env.TABLE_NAME).toBe("impact-procurement-dev");
      expect(env.NODE_OPTIONS).toBe("--enable-source-maps");
      expect(env.DYNAMODB_ENDPOINT).toBeUndefined();
      expect(env.DEV_SIGNING_KEY).toBeUndefined();
      expect(JSON.stringify(env.AUTH_ISSUER)).toContain("https://cognito-idp.");
      expect(env.AUTH_AUDIENCE).toBeDefined();
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: "impact-procurement",
        POWERTOOLS_METRICS_NAMESPACE: "ImpactProcurement",
        POWERTOOLS_LOG_LEVEL: "INFO",
      });
      // The cursor key: a dynamic reference to the stack's generated secret, never a literal.
      expect(JSON.stringify(env.CURSOR_SECRET)).toMatch(/\{\{resolve:secretsmanager:/);
      expect(sizing.timeoutSeconds).toBeLessThan(30); // API Gateway's integration timeout
    }
  });

  it("verifies tokens against the same issuer and client as the gateway's JWT authorizer", () => {
    const { api, service } = dev();
    const worker = logicalId(service.api.jobs.worker.fn);
    const authorizer = Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Authorizer"))[0]!.Properties;
    expect(authorizer.AuthorizerType).toBe("JWT");
    expect(authorizer.IdentitySource).toEqual(["$request.header.Authorization"]);
    const jwt = authorizer.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    for (const [id, fn] of Object.entries(resourcesOf(api, "AWS::Lambda::Function"))) {
      const env = (fn.Properties.Environment as { Variables: Json }).Variables;
      if (id === worker) {
        // The worker serves no request: no token to verify.
        expect(env.AUTH_ISSUER).toBeUndefined();
        continue;
      }
      expect(env.AUTH_ISSUER).toEqual(jwt.Issuer);
      expect(jwt.Audience).toEqual([env.AUTH_AUDIENCE]);
    }
  });

  it("grants read-only table access to areas whose routes are all GETs, read/write otherwise", () => {
    const { api, service } = dev();
    const policies = Object.values(resourcesOf(api, "AWS::IAM::Policy"));
    expect(servedAreas().some((a) => isReadOnlyArea(a))).toBe(true); // platform: GETs only
    expect(servedAreas().some((a) => !isReadOnlyArea(a))).toBe(true);
    for (const area of servedAreas()) {
      const role = logicalId(service.api.functions.get(area)!.fn.role!);
      const own = policies.filter(
        (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
      );
      expect(own).toHaveLength(1);
      const statements = (own[0]!.Properties.PolicyDocument as { Statement: Json[] }).Statement;
      const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
      expect(actions).toEqual(
        expect.arrayContaining(["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"]),
      );
      if (isReadOnlyArea(area)) for (const a of WRITE_ACTIONS) expect(actions).not.toContain(a);
      else expect(actions).toEqual(expect.arrayContaining(["dynamodb:PutItem", "dynamodb:UpdateItem"]));
      expect(actions).not.toContain("dynamodb:*");
      expect(actions).not.toContain("dynamodb:CreateTable");
      // Request paths never scan, so the role cannot either; they read in batches, and a bulk upload
      // writes its new items in batches (lib/store/batch.ts).
      expect(actions).not.toContain("dynamodb:Scan");
      if (!isReadOnlyArea(area)) expect(actions).toContain("dynamodb:BatchWriteItem");
      // DynamoDB resources: this table and its indexes only.
      const resources = JSON.stringify(statements.filter((s) => String(s.Action).includes("dynamodb")));
      expect(resources).toContain("table/impact-procurement-dev");
      expect(resources).not.toMatch(/table\/\*/);
    }
  });

  it("gives the documents bucket to the functions that store documents only: their prefixes, read and write", () => {
    const { api, data, service } = dev();
    expect(Object.keys(DOCUMENT_ACCESS)).toEqual(["tenders", "reports"]);
    expect(DOCUMENT_ACCESS.tenders).toEqual([DOCUMENT_PREFIXES.evaluations]);
    expect(DOCUMENT_ACCESS.reports).toEqual([DOCUMENT_PREFIXES.reports]);
    expect(DOCUMENT_READ_ONLY_AREAS).toEqual(["reports"]);
    const bucketName = resourcesOf(data, "AWS::S3::Bucket")[logicalId(service.data.documents)]!.Properties
      .BucketName;
    const functions = resourcesOf(api, "AWS::Lambda::Function");
    const policies = Object.values(resourcesOf(api, "AWS::IAM::Policy"));
    for (const area of servedAreas()) {
      const fn = service.api.functions.get(area)!;
      const env = (functions[logicalId(fn.fn)]!.Properties.Environment as { Variables: Json }).Variables;
      const role = logicalId(fn.fn.role!);
      const statements = (
        policies.find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))!
          .Properties.PolicyDocument as { Statement: Json[] }
      ).Statement.filter((st) => JSON.stringify(st.Action).includes("s3:"));
      const prefixes = DOCUMENT_ACCESS[area];
      if (!prefixes) {
        expect(env.DOCUMENTS_BUCKET, area).toBeUndefined();
        expect(statements, area).toEqual([]);
        continue;
      }
      // The same name as the data stack's bucket, resolved in the same account and region.
      expect(env.DOCUMENTS_BUCKET).toEqual(bucketName);
      const name = "impact-procurement-documents-dev-<AWS::AccountId>-<AWS::Region>";
      expect(rendered(bucketName)).toBe(name);
      const bucket = `arn:<AWS::Partition>:s3:::${name}`;
      expect(statements.map(rendered)).toEqual([
        {
          // The reports area only reads (and presigns downloads): the job worker writes the files.
          Action: DOCUMENT_READ_ONLY_AREAS.includes(area) ? "s3:GetObject" : ["s3:GetObject", "s3:PutObject"],
          Effect: "Allow",
          Resource:
            prefixes.length === 1 ? `${bucket}/${prefixes[0]}*` : prefixes.map((p) => `${bucket}/${p}*`),
        },
        // Listing only makes a missing key answer NoSuchKey rather than AccessDenied.
        { Action: "s3:ListBucket", Effect: "Allow", Resource: bucket },
      ]);
    }
  });

  it("uses no AWS managed policy and logs to its own log group with stage retention", () => {
    for (const [synth, days, deletion] of [
      [dev, 30, "Delete"],
      [prod, 365, "Retain"],
    ] as const) {
      const { api } = synth();
      for (const role of Object.values(resourcesOf(api, "AWS::IAM::Role"))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
      const groups = resourcesOf(api, "AWS::Logs::LogGroup");
      // one per function (the areas' and the job worker) + the API's access logs
      expect(Object.keys(groups)).toHaveLength(servedAreas().length + 2);
      for (const group of Object.values(groups)) {
        expect(group.Properties.RetentionInDays).toBe(days);
        expect(group.DeletionPolicy).toBe(deletion);
      }
      for (const fn of Object.values(resourcesOf(api, "AWS::Lambda::Function"))) {
        const ref = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(Object.keys(groups)).toContain(ref);
      }
    }
  });
});

describe("background jobs", () => {
  it("queue and dead-letter queue: encrypted, TLS only, redriven after the attempts, visible long enough", () => {
    const { api, service } = dev();
    const queues = resourcesOf(api, "AWS::SQS::Queue");
    const queue = queues[logicalId(service.api.jobs.queue)]!.Properties;
    const dlq = queues[logicalId(service.api.jobs.deadLetters)]!.Properties;
    expect(Object.keys(queues)).toHaveLength(2);
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: JOB_VISIBILITY_TIMEOUT_SECONDS,
      RedrivePolicy: { maxReceiveCount: MAX_JOB_ATTEMPTS },
    });
    expect(JOB_VISIBILITY_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(6 * JOB_WORKER_TIMEOUT_SECONDS);
    expect(JSON.stringify(queue.RedrivePolicy)).toContain(logicalId(service.api.jobs.deadLetters));
    expect(dlq).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const policies = Object.values(resourcesOf(api, "AWS::SQS::QueuePolicy"));
    expect(policies).toHaveLength(2);
    for (const policy of policies)
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it("the worker: sized for a report, fed by the queue with partial batch failures, only what it needs", () => {
    const { api, service } = dev();
    const worker = service.api.jobs.worker;
    const fn = resourcesOf(api, "AWS::Lambda::Function")[logicalId(worker.fn)]!.Properties;
    expect(fn).toMatchObject({
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 1024,
      Timeout: JOB_WORKER_TIMEOUT_SECONDS,
      TracingConfig: { Mode: "Active" },
    });
    const env = (fn.Environment as { Variables: Json }).Variables;
    expect(Object.keys(env).sort()).toEqual(
      [
        "DOCUMENTS_BUCKET",
        "NODE_OPTIONS",
        "POWERTOOLS_LOG_LEVEL",
        "POWERTOOLS_METRICS_NAMESPACE",
        "POWERTOOLS_SERVICE_NAME",
        "TABLE_NAME",
      ].sort(),
    );
    const mappings = Object.values(resourcesOf(api, "AWS::Lambda::EventSourceMapping"));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      FunctionName: { Ref: logicalId(worker.fn) },
    });
    const role = logicalId(worker.fn.role!);
    const policy = Object.values(resourcesOf(api, "AWS::IAM::Policy")).find(
      (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    const actions = statements.flatMap((st) => [st.Action].flat() as string[]);
    expect(actions).toEqual(
      expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage", "s3:PutObject"]),
    );
    expect(actions).not.toContain("sqs:SendMessage");
    const s3 = statements.filter((st) => JSON.stringify(st.Action).includes("s3:Put")).map(rendered);
    expect(JSON.stringify(s3)).toContain(`/${DOCUMENT_PREFIXES.reports}*`);
    expect(JSON.stringify(s3)).not.toContain(DOCUMENT_PREFIXES.evaluations);
  });

  it("only the areas that enqueue jobs know the queue and may send to it", () => {
    const { api, service } = dev();
    const functions = resourcesOf(api, "AWS::Lambda::Function");
    const policies = Object.values(resourcesOf(api, "AWS::IAM::Policy"));
    expect(JOB_PRODUCER_AREAS).toEqual(["reports"]);
    for (const area of servedAreas()) {
      const fn = service.api.functions.get(area)!.fn;
      const env = (functions[logicalId(fn)]!.Properties.Environment as { Variables: Json }).Variables;
      const role = logicalId(fn.role!);
      const policy = JSON.stringify(
        policies.find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))!
          .Properties,
      );
      if (JOB_PRODUCER_AREAS.includes(area)) {
        expect(env.JOBS_QUEUE_URL).toEqual({ Ref: logicalId(service.api.jobs.queue) });
        expect(policy).toContain("sqs:SendMessage");
        expect(policy).not.toContain("sqs:ReceiveMessage");
      } else {
        expect(env.JOBS_QUEUE_URL, area).toBeUndefined();
        expect(policy, area).not.toContain("sqs:");
      }
    }
  });
});

describe("HTTP API", () => {
  const routesIn = (synth: typeof dev) => {
    const { api, service } = synth();
    const integrations = resourcesOf(api, "AWS::ApiGatewayV2::Integration");
    const fnOfIntegration = (id: string) =>
      (integrations[id]!.Properties.IntegrationUri as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const areaOfFunction = new Map(
      [...service.api.functions].map(([area, f]) => [logicalId(f.fn), area] as const),
    );
    return Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Route")).map((r) => {
      const target = r.Properties.Target as { "Fn::Join": [string, [string, { Ref: string }]] };
      return {
        key: r.Properties.RouteKey as string,
        auth: r.Properties.AuthorizationType as string,
        area: areaOfFunction.get(fnOfIntegration(target["Fn::Join"][1][1].Ref)),
      };
    });
  };

  it("has every route of the route list, served by its area's function, and nothing else", () => {
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    const deployed = (synth: typeof dev) =>
      routesIn(synth)
        .map(({ key, area }) => ({ key, area }))
        .sort(byKey);
    const expected = [
      ...routes.map((r) => ({ key: routeKey(r), area: r.area as string })),
      { key: FALLBACK_ROUTE_KEY, area: FALLBACK_AREA as string },
    ];
    // prod without CORS: exactly the route list and $default
    expect(deployed(prod)).toEqual([...expected].sort(byKey));
    // with CORS (dev) also the unauthenticated preflight route in front of $default
    expect(deployed(dev)).toEqual(
      [...expected, { key: PREFLIGHT_ROUTE_KEY, area: FALLBACK_AREA }].sort(byKey),
    );
  });

  it("derives routes and grants from the list it is given (a new route needs no infra change)", {
    timeout: 60_000,
  }, () => {
    // A new GET route, and the orgs area reduced to GETs: the route appears, orgs loses write access.
    const extra = { method: "GET", path: "/v1/regions/{regionId}/summary", area: "orgs" } as const;
    const changed = [...routes.filter((r) => r.area !== "orgs" || r.method === "GET"), extra];
    const shrunk = synthesize({ stage: "dev" }, { routes: changed });
    shrunk.api.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "GET /v1/regions/{regionId}/summary",
      AuthorizationType: "JWT",
    });
    const role = logicalId(shrunk.service.api.functions.get("orgs")!.fn.role!);
    const policy = Object.values(resourcesOf(shrunk.api, "AWS::IAM::Policy")).find(
      (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    );
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain("dynamodb:Query");
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).not.toContain("dynamodb:PutItem");
    expect(shrunk.violations).toEqual([]);
  });

  it("every function serves at least one route (no orphan functions)", () => {
    const served = new Set(routesIn(dev).map((r) => r.area));
    for (const area of dev().service.api.functions.keys()) expect(served).toContain(area);
  });

  it("verifies a token on every route but the public ones (health) and CORS preflights, $default included", () => {
    for (const synth of [prod, dev, prodWithOptions]) {
      for (const route of routesIn(synth)) {
        const def = routes.find((r) => routeKey(r) === route.key);
        const open = def?.public || route.key === PREFLIGHT_ROUTE_KEY;
        expect({ key: route.key, auth: route.auth }).toEqual({ key: route.key, auth: open ? "NONE" : "JWT" });
      }
    }
    expect(routesIn(prod).find((r) => r.key === FALLBACK_ROUTE_KEY)?.auth).toBe("JWT");
    expect(routes.filter((r) => r.public).map(routeKey)).toEqual([
      "GET /v1/health",
      "GET /v1/openapi.json",
      "GET /v1/docs",
      "GET /v1/docs/redoc.standalone.js",
      "GET /v1/docs/redoc.standalone.js.LICENSE.txt",
      "GET /v1/tenders/{tenderId}/ocds",
      "GET /v1/ocds/extension/{file}",
      "GET /v1/ocds/releases",
      "POST /v1/reports/verify-document",
    ]);
  });

  it("grants invoke once per function for this API", () => {
    const { api } = dev();
    const permissions = Object.values(resourcesOf(api, "AWS::Lambda::Permission"));
    expect(permissions).toHaveLength(servedAreas().length);
    for (const p of permissions) {
      expect(p.Properties.Principal).toBe("apigateway.amazonaws.com");
      expect(JSON.stringify(p.Properties.SourceArn)).toContain("/*/*/*");
    }
  });

  it("throttles the stage and writes JSON access logs", () => {
    for (const [synth, rate, burst] of [
      [dev, 50, 100],
      [prod, 200, 400],
    ] as const) {
      const { api, service } = synth();
      const stage = Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Stage"));
      expect(stage).toHaveLength(1);
      const props = stage[0]!.Properties as Json & {
        AccessLogSettings: { DestinationArn: unknown; Format: string };
      };
      expect(props).toMatchObject({
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst },
      });
      expect(props.AccessLogSettings.DestinationArn).toEqual({
        "Fn::GetAtt": [logicalId(service.api.http.accessLogs), "Arn"],
      });
      const format = JSON.parse(props.AccessLogSettings.Format) as Json;
      expect(format).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    }
    prodWithOptions().api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 },
    });
  });

  it("takes CORS from configuration: dev's local front end, none in prod unless configured", () => {
    dev().api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ["http://localhost:5173"] }),
    });
    prod().api.hasResourceProperties("AWS::ApiGatewayV2::Api", { CorsConfiguration: Match.absent() });
    const api = Object.values(resourcesOf(prodWithOptions().api, "AWS::ApiGatewayV2::Api"))[0]!.Properties;
    const cors = api.CorsConfiguration as {
      AllowOrigins: string[];
      AllowMethods: string[];
      AllowHeaders: string[];
    };
    expect(cors.AllowOrigins).toEqual(["https://app.example.nl"]);
    for (const method of new Set(routes.map((r) => r.method))) expect(cors.AllowMethods).toContain(method);
    expect(cors.AllowHeaders).toEqual(CORS_ALLOW_HEADERS);
  });
});

describe("alarms", () => {
  it("alarm on the API's 5xx rate, DynamoDB throttling of table and indexes, each function's errors and 500s", () => {
    const { api } = dev();
    const alarms = Object.values(resourcesOf(api, "AWS::CloudWatch::Alarm")).map((a) => a.Properties);
    const named = (suffix: string) => alarms.find((a) => a.AlarmName === `ImpactProcurement-dev-${suffix}`);
    const rate = named("api-5xx-rate");
    expect(rate).toMatchObject({ Threshold: ALARM_THRESHOLDS.api5xxPercent });
    expect(JSON.stringify(rate?.Metrics)).toContain('"MetricName":"5xx"');
    for (const target of ["table", ...TABLE.indexes.map((i) => i.name)]) {
      const alarm = named(`dynamodb-throttles-${target}`);
      expect(JSON.stringify(alarm?.Metrics)).toContain("ReadThrottleEvents");
      expect(JSON.stringify(alarm?.Metrics)).toContain("WriteThrottleEvents");
    }
    for (const area of servedAreas()) {
      expect(named(`function-errors-${area}`)).toMatchObject({
        MetricName: "Errors",
        Namespace: "AWS/Lambda",
        Threshold: ALARM_THRESHOLDS.functionErrors,
      });
      // The Problems metric the endpoint stack publishes (EMF) for every 500 of this area.
      expect(named(`internal-problems-${area}`)).toMatchObject({
        MetricName: "Problems",
        Namespace: "ImpactProcurement",
        Dimensions: expect.arrayContaining([
          { Name: "service", Value: "impact-procurement" },
          { Name: "area", Value: area },
          { Name: "code", Value: "internal" },
        ]),
        Threshold: ALARM_THRESHOLDS.internalProblems,
      });
      expect(named(`internal-problems-${area}`)?.Dimensions).toHaveLength(3); // exactly the emitted set
    }
    expect(named("job-dead-letters")).toMatchObject({
      MetricName: "ApproximateNumberOfMessagesVisible",
      Namespace: "AWS/SQS",
      Threshold: 1,
    });
    expect(named("function-errors-job-worker")).toMatchObject({ MetricName: "Errors", Threshold: 1 });
    expect(alarms).toHaveLength(1 + 1 + TABLE.indexes.length + 2 * servedAreas().length + 2);
    // No e-mail configured: no topic, alarms without actions.
    api.resourceCountIs("AWS::SNS::Topic", 0);
    for (const alarm of alarms) expect(alarm.AlarmActions).toBeUndefined();
  });

  it("notify an SSL-only SNS e-mail topic when alarmEmail is set", () => {
    const { api } = prodWithOptions();
    api.resourceCountIs("AWS::SNS::Topic", 1);
    api.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.nl" });
    api.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
    const topic = Object.keys(resourcesOf(api, "AWS::SNS::Topic"))[0]!;
    for (const alarm of Object.values(resourcesOf(api, "AWS::CloudWatch::Alarm"))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    }
  });
});

describe("stacks", () => {
  it("are environment-agnostic (no account, region or lookups: synth needs no credentials)", () => {
    for (const stack of [dev().service.data, dev().service.identity, dev().service.api]) {
      expect(stack.environment).toBe("aws://unknown-account/unknown-region");
    }
    expect(dev().service.api.dependencies).toContain(dev().service.data);
  });

  it("prod stacks have termination protection, dev stacks do not", () => {
    const { data, identity, api } = prod().service;
    for (const stack of [data, identity, api]) expect(stack.terminationProtection).toBe(true);
    expect(dev().service.data.terminationProtection).toBe(false);
  });

  it("stay far below CloudFormation's 500-resource limit", () => {
    const { data, identity, api } = prodWithOptions();
    const count = (t: typeof api) => Object.keys(t.toJSON().Resources as Json).length;
    const counts = { data: count(data), identity: count(identity), api: count(api) };
    // Routes cost one resource each; everything else grows with the areas, not the routes.
    const perRoute = 1; // the route (one integration and one invoke permission per function, not per route)
    const perArea = 8; // function, role, policy, log group, integration, permission, error and 500 alarms
    const fixed = 4 + 1 + (1 + TABLE.indexes.length) + 3 + 1; // api, stage, authorizer, access logs; 5xx alarm; throttle alarms; topic, topic policy, subscription; cursor secret
    // Jobs: queue, dead-letter queue and their TLS-only policies; the worker's function, role, policy,
    // log group and event source mapping; the dead-letter and worker error alarms.
    const jobs = 4 + 5 + 2;
    const preflight = 1; // OPTIONS /{proxy+}, with CORS on
    expect(counts.api).toBe(
      (routes.length + 1 + preflight) * perRoute + servedAreas().length * perArea + fixed + jobs,
    );
    for (const n of Object.values(counts)) expect(n).toBeLessThan(250);
    console.info(`resources per stack: ${JSON.stringify(counts)} (routes: ${routes.length})`);
  });
});
