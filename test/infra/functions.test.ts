import { describe, expect, it } from "vitest";
import { sizingOf } from "../../infra/constructs/area-function.js";
import { isReadOnlyArea, servedAreas } from "../../infra/stacks/api-stack.js";
import {
  DOCUMENT_ACCESS,
  DOCUMENT_PREFIXES,
  DOCUMENT_READ_ONLY_AREAS,
} from "../../lib/store/document-layout.js";
import { dev, logicalId, prod, resourcesOf, rendered, type Json, synthesizeSharedStages } from "./support.js";

/** The synthesized functions: bundling, sizing, environment, permissions per area. */

synthesizeSharedStages();

const WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

describe("functions", () => {
  it("one Node.js 22 ARM64 function per served area, sized, traced, JSON-logging, with source maps", () => {
    const { api, service } = dev();
    const functions = resourcesOf(api, "AWS::Lambda::Function");
    expect(Object.keys(functions).sort()).toEqual(
      [
        ...servedAreas().map((area) => logicalId(service.api.functions.get(area)!.fn)),
        logicalId(service.api.jobs.worker.fn),
        logicalId(service.api.console.fn),
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
    const consoleFn = logicalId(service.api.console.fn);
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
      if (id === consoleFn) {
        // The console's users hold tokens of its own app client, checked in-process, never at the gateway.
        expect(env.AUTH_ISSUER).toEqual(jwt.Issuer);
        expect(env.AUTH_AUDIENCE).toEqual({ Ref: logicalId(service.api.consoleClient) });
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
      // one per function (the areas', the job worker's, the console's) + the API's access logs
      expect(Object.keys(groups)).toHaveLength(servedAreas().length + 3);
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
