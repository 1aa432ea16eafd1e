import "../../lib/local/quiet-sdk.js";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../lib/local/dynalite.js";

/** Runs before each test file, before it imports the store client: its own table on the shared dynalite. */
export const TEST_SIGNING_KEY = "test-signing-key-not-secret-0123456789";

const endpoint = inject("dynamodbEndpoint");
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.AWS_REGION = "local";
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.DEV_SIGNING_KEY = TEST_SIGNING_KEY;
delete process.env.AUTH_ISSUER;
delete process.env.AUTH_AUDIENCE;
// Quiet tests: no request log lines, no EMF documents (POWERTOOLS_LOG_LEVEL=INFO to see the logs).
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
await ensureTable(endpoint, process.env.TABLE_NAME);
