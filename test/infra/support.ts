import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CfnElement } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { PROJECT_ROOT } from "../../infra/constructs/area-function.js";
import { buildService, type Service } from "../../infra/service.js";
import type { RouteDef } from "../../lib/http/routes.js";
import { beforeAll } from "vitest";

export type Context = Record<string, unknown>;

/** The feature flags and defaults of cdk.json, so tests synthesize what `cdk synth` does. */
const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")) as { context: Context }
).context;

export interface Synthesized {
  app: App;
  service: Service;
  /** The nag report's violations (unacknowledged findings), as "rule at construct path". */
  violations: string[];
  /** Set when synthesis itself failed (cdk-nag errors make it fail). */
  synthError: unknown;
  data: Template;
  identity: Template;
  api: Template;
}

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** Reads CDK's validation report (cdk-nag 3 writes its findings there) from an assembly directory. */
export function reportedViolations(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${v.ruleName} (${v.severity}) at ${c.constructPath}`),
    ),
  );
}

/**
 * Synthesizes the whole service for a context, without CDK's esbuild bundling (test/infra/bundles.test.ts
 * bundles separately), into a temporary directory removed once the templates and the nag report are
 * read. Synthesis runs cdk-nag like `cdk synth` does.
 */
export function synthesize(
  context: Context = {},
  options: { routes?: readonly RouteDef[]; cfnValidation?: boolean } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), "impact-infra-"));
  const app = new App({
    outdir,
    context: { ...CDK_JSON_CONTEXT, "aws:cdk:bundling-stacks": [], ...context },
    // CDK's built-in CloudFormation schema validation costs ~10 s per process: nag.test.ts runs it
    // (as `cdk synth` does), the template assertions skip it.
    builtinCloudFormationValidation: options.cfnValidation ?? false,
  });
  try {
    const service = buildService(app, options.routes ? { routes: options.routes } : {});
    let synthError: unknown;
    try {
      app.synth();
    } catch (error) {
      synthError = error;
    }
    const violations = reportedViolations(outdir);
    const template = (stack: Stack) =>
      Template.fromJSON(JSON.parse(readFileSync(join(outdir, stack.templateFile), "utf8")));
    return {
      app,
      service,
      violations,
      synthError,
      data: template(service.data),
      identity: template(service.identity),
      api: template(service.api),
    };
  } finally {
    // Everything needed is read into memory above; the assembly itself is not kept.
    rmSync(outdir, { recursive: true, force: true });
  }
}

const cache = new Map<string, Synthesized>();
/** One synthesis per context (and validation choice) and test file. */
export function synthesized(context: Context = {}, options: { cfnValidation?: boolean } = {}): Synthesized {
  const key = JSON.stringify([context, options]);
  let result = cache.get(key);
  if (!result) {
    result = synthesize(context, options);
    cache.set(key, result);
  }
  return result;
}

/** The CloudFormation logical id of a construct's underlying resource. */
export const logicalId = (construct: IConstruct): string => {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
};

/** Every resource of a type: logical id → resource. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<
  string,
  { Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }
> {
  return template.findResources(type) as never;
}

/** A template object, as the assertions read it. */
export type Json = Record<string, unknown>;

/** The stages most template tests read: dev, prod, and prod with every option set. */
export const dev = () => synthesized({ stage: "dev" });
export const prod = () => synthesized({ stage: "prod" });
export const prodWithOptions = () =>
  synthesized({
    stage: "prod",
    alarmEmail: "ops@example.nl",
    corsOrigins: "https://app.example.nl",
    throttleRate: 7,
    throttleBurst: 9,
  });

/** A template value with its joins joined and references written `<Name>`, as cdk-nag names them. */
export const rendered = (value: unknown): any => {
  if (Array.isArray(value)) return value.map(rendered);
  if (value === null || typeof value !== "object") return value;
  const node = value as { Ref?: string; "Fn::Join"?: [string, unknown[]] };
  if (node.Ref) return `<${node.Ref}>`;
  if (node["Fn::Join"]) return node["Fn::Join"][1].map(rendered).join(node["Fn::Join"][0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rendered(v)]));
};

/**
 * Synthesizes the shared stages before a file's tests, with room for a busy CI machine (the first
 * synthesis loads most of aws-cdk-lib).
 */
export const synthesizeSharedStages = () =>
  beforeAll(() => {
    dev();
    prod();
    prodWithOptions();
  }, 120_000);
