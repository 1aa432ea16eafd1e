import { type App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { RouteDef } from "../lib/http/routes.js";
import { type StageConfig, stageConfig } from "./config.js";
import { ApiStack } from "./stacks/api-stack.js";
import { DataStack, documentsBucketNameOf, tableNameOf } from "./stacks/data-stack.js";
import { IdentityStack } from "./stacks/identity-stack.js";

const CROSS_STACK_REFERENCES = "@aws-cdk/core:defaultCrossStackReferences";

export interface Service {
  config: StageConfig;
  data: DataStack;
  identity: IdentityStack;
  api: ApiStack;
}

/**
 * Builds the whole service into `app` for the stage in its context (`-c stage=dev|prod`). Stacks are
 * environment-agnostic (no account/region, no lookups): `cdk synth` needs no credentials, and
 * `cdk deploy` targets the account and region of the caller's AWS profile.
 */
export function buildService(app: App, options: { routes?: readonly RouteDef[] } = {}): Service {
  const config = stageConfig(app.node);
  // The API stack imports the user pool and client ids from the identity stack. Say explicitly that
  // these are classic exports (Fn::ImportValue): the identity stack cannot drop them by accident.
  if (app.node.tryGetContext(CROSS_STACK_REFERENCES) === undefined) {
    app.node.setContext(CROSS_STACK_REFERENCES, "strong");
  }
  // cdk-nag's AWS Solutions pack runs on every synth; an unacknowledged finding fails it.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  Tags.of(app).add("project", "impact-procurement");
  Tags.of(app).add("stage", config.stage);

  const common = { terminationProtection: config.terminationProtection };
  const data = new DataStack(app, `${config.prefix}-Data`, {
    ...common,
    config,
    description: `Impact Procurement (${config.stage}): DynamoDB table, documents bucket`,
  });
  const identity = new IdentityStack(app, `${config.prefix}-Identity`, {
    ...common,
    config,
    description: `Impact Procurement (${config.stage}): Cognito user pool`,
  });
  const api = new ApiStack(app, `${config.prefix}-Api`, {
    ...common,
    config,
    tableName: tableNameOf(config),
    documentsBucketName: documentsBucketNameOf(config),
    userPool: identity.userPool,
    client: identity.client,
    issuer: identity.issuer,
    loginUrl: identity.loginUrl,
    ...(options.routes ? { routes: options.routes } : {}),
    description: `Impact Procurement (${config.stage}): HTTP API, functions, alarms`,
  });
  // The API stack refers to the table and the bucket by their fixed names (no export), so order the
  // stacks explicitly.
  api.addStackDependency(data, "the functions use the table and the documents bucket by name");
  return { config, data, identity, api };
}
