import "../../lib/local/quiet-sdk.js";
import { randomUUID } from "node:crypto";

export const TEST_SIGNING_KEY = "test-signing-key-not-secret-0123456789";

/**
 * The environment every test file starts from: a table of its own (created only by the layers with
 * dynalite), the test signing key, no Cognito settings, quiet logs and no EMF documents.
 */
export function useTestEnv(dynamodbEndpoint: string): void {
  process.env.DYNAMODB_ENDPOINT = dynamodbEndpoint;
  process.env.AWS_REGION = "local";
  process.env.TABLE_NAME = `test-${randomUUID()}`;
  process.env.DEV_SIGNING_KEY = TEST_SIGNING_KEY;
  delete process.env.AUTH_ISSUER;
  delete process.env.AUTH_AUDIENCE;
  // Quiet tests: no request log lines, no EMF documents (POWERTOOLS_LOG_LEVEL=INFO to see the logs).
  process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
  process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
}
