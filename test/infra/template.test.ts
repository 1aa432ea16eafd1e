import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ALARM_THRESHOLDS } from "../../infra/constructs/alarms.js";
import { servedAreas } from "../../infra/stacks/api-stack.js";
import {
  JOB_PRODUCER_AREAS,
  JOB_VISIBILITY_TIMEOUT_SECONDS,
  JOB_WORKER_TIMEOUT_SECONDS,
  MAX_JOB_ATTEMPTS,
} from "../../lib/jobs/limits.js";
import { routes } from "../../lib/http/routes.js";
import { DOCUMENT_PREFIXES } from "../../lib/store/document-layout.js";
import { createTableInput, TABLE } from "../../lib/store/table.js";
import {
  dev,
  logicalId,
  prod,
  prodWithOptions,
  resourcesOf,
  rendered,
  type Json,
  synthesizeSharedStages,
} from "./support.js";

synthesizeSharedStages();

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
    // The console's own crashes; its API calls publish Problems under their areas (alarmed above).
    expect(named("function-errors-console")).toMatchObject({ MetricName: "Errors", Threshold: 1 });
    expect(named("internal-problems-console")).toBeUndefined();
    expect(alarms).toHaveLength(1 + 1 + TABLE.indexes.length + 2 * servedAreas().length + 2 + 1);
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
    // The console: 3 routes, its integration and invoke permission; its function, role, policy, log
    // group and error alarm; its Cognito app client and that client's managed login branding.
    const consoleResources = 3 + 2 + 5 + 2;
    expect(counts.api).toBe(
      (routes.length + 1 + preflight) * perRoute +
        servedAreas().length * perArea +
        fixed +
        jobs +
        consoleResources,
    );
    for (const n of Object.values(counts)) expect(n).toBeLessThan(250);
    console.info(`resources per stack: ${JSON.stringify(counts)} (routes: ${routes.length})`);
  });
});
