import type { TestProject } from "vitest/node";
import { startDynalite } from "../../lib/local/dynalite.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * One in-memory dynalite per layer that needs it (integration, e2e, infra); each test file gets its own
 * table on it (setup-env.ts). The unit layer has none, so `npm run test:unit` starts in a second.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynalite();
  project.provide("dynamodbEndpoint", dynamo.endpoint);
  return () => dynamo.close();
}
