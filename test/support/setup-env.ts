import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { ensureTable } from "../../lib/local/dynalite.js";
import { useTestEnv } from "./test-env.js";

export { TEST_SIGNING_KEY } from "./test-env.js";

/** Runs before each test file of the layers with dynalite, before it imports the store client: its own table. */
const endpoint = inject("dynamodbEndpoint");
useTestEnv(endpoint);
await ensureTable(endpoint, process.env.TABLE_NAME!);

// Its own data folder too, for the documents it stores (lib/store/documents.ts); removed after it.
const dataDir = mkdtempSync(join(tmpdir(), "impact-data-"));
process.env.DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
