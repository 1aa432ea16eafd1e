import type { TestProject } from "vitest/node";
import { startDynalite } from "../../lib/local/dynalite.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** One in-memory dynalite for the whole run; each test file gets its own table (setup-env.ts). */
export default async function setup(project: TestProject) {
  const dynamo = await startDynalite();
  project.provide("dynamodbEndpoint", dynamo.endpoint);
  return () => dynamo.close();
}
