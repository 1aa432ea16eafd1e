import "../lib/local/quiet-sdk.js";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_TABLE_NAME } from "../lib/store/table.js";
import { dataDir, loadOrCreateDevKey } from "../lib/local/dev-key.js";
import { ensureTable, startDynalite } from "../lib/local/dynalite.js";
import { portIsFree, portTakenMessage } from "../lib/local/port.js";

/**
 * `npm start`: dynalite (persisted under DATA_DIR, or --in-memory), the table, demo data once,
 * and every route on 127.0.0.1:PORT through the same handlers CDK deploys.
 */
const { values } = parseArgs({ options: { "in-memory": { type: "boolean", default: false } } });
const inMemory = values["in-memory"] ?? false;
const HOST = "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);
const dir = dataDir();

// Readable output: one line per request from the server (below) instead of JSON request logs; a 5xx
// still prints its JSON log line with the stack (pretty-printed by POWERTOOLS_DEV). No EMF metrics.
process.env.POWERTOOLS_DEV ??= "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";

/** A problem the user can fix: one message, no stack trace, a non-zero exit. */
function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`PORT must be a port number (0-65535), not "${process.env.PORT}".`, 2);
// Before the database opens: a second `npm start` on the same data folder fails here, on the port.
if (!(await portIsFree(port, HOST))) fail(portTakenMessage(port, HOST));

const signingKey = loadOrCreateDevKey(dir);
process.env.DEV_SIGNING_KEY = signingKey;
process.env.TABLE_NAME ??= DEFAULT_TABLE_NAME;
const dynamo = await startDynalite({ path: inMemory ? undefined : join(dir, "dynamodb") });
// Set before the store client is first imported: the client reads it once, at module scope.
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
// Data from before a release that added an index is copied into a table that has it (lib/local/rebuild.ts).
if ((await ensureTable(dynamo.endpoint, process.env.TABLE_NAME)) === "rebuilt")
  console.log(`database: table ${process.env.TABLE_NAME} rebuilt with this release's indexes, data kept`);

const { seedDemoData } = await import("../lib/seed/index.js");
const { DEMO, DEMO_IDENTITIES } = await import("../lib/seed/demo-ids.js");
const { mintToken } = await import("../lib/local/tokens.js");
const { startHttpServer } = await import("./local.js");

const seeded = await seedDemoData(new Date());
const listening = await startHttpServer({ port, host: HOST, log: (line) => console.log(line) }).catch(
  async (error: NodeJS.ErrnoException) => {
    // Taken between the check above and now.
    await dynamo.close();
    return fail(
      error.code === "EADDRINUSE"
        ? portTakenMessage(port, HOST)
        : `Cannot listen on ${HOST}:${port}: ${error.code ?? error.message}`,
    );
  },
);
const { server, url } = listening;
// Jobs an earlier run left unfinished (it stopped while issuing a report) resume now.
const resumed = await (await import("../lib/jobs/local.js")).resumeOpenJobs();
if (resumed.length) console.log(`resuming ${resumed.length} unfinished job(s)`);

const tokens = await Promise.all(
  DEMO_IDENTITIES.map(async (id) => ({ ...id, token: await mintToken(id, signingKey) })),
);
console.log(`impact-procurement API listening on ${url}  (health: ${url}/v1/health)`);
console.log(`web console: ${url}/console/  (open it in a browser; sign in as any demo user)`);
console.log(
  `database: ${inMemory ? "in memory (discarded on exit)" : join(dir, "dynamodb")}; documents: ${join(dir, "documents")}; demo data ${seeded.length ? `seeded: ${seeded.join(", ")}` : "already present"}`,
);
console.log(
  `demo ids: region ${DEMO.region}, region body ${DEMO.regionBody}, municipalities ${DEMO.municipalities.join(", ")}, suppliers ${DEMO.suppliers.join(", ")}, operator ${DEMO.operator}`,
);
console.log(`demo tender ${DEMO.tender.reference}: id ${DEMO.tender.id}`);
console.log(`demo contract ${DEMO.contract.reference}: id ${DEMO.contract.id}`);
console.log("tokens (8h; more with: npm run token -- --role <role> --org <orgId>):");
for (const t of tokens) console.log(`  ${t.role.padEnd(8)} ${t.org.padEnd(24)} ${t.token}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("stopping…");
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dynamo.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
