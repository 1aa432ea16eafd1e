import { inject } from "vitest";
import { ensureTable } from "../../lib/local/dynalite.js";
import { useTestEnv } from "./test-env.js";

export { TEST_SIGNING_KEY } from "./test-env.js";

/** Runs before each test file of the layers with dynalite, before it imports the store client: its own table. */
const endpoint = inject("dynamodbEndpoint");
useTestEnv(endpoint);
await ensureTable(endpoint, process.env.TABLE_NAME!);
