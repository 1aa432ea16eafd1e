/**
 * The database of a benchmark that drives the real handlers: DYNAMODB_ENDPOINT when set (bench/run.ts
 * starts one dynalite for the whole run), else a dynalite of its own; always a table of its own, with
 * the demo data, and the shared client's DynamoDB calls counted (lib/store/call-counter.ts). The shared
 * client reads DYNAMODB_ENDPOINT when lib/store/client.ts first loads, so the endpoint is set before
 * the first import of the store, and a later benchmark in the same process uses the same endpoint.
 *
 * The dynalite runs in a child process: in AWS, DynamoDB's work is done elsewhere, so the service's
 * process should not spend its CPU time on it (in-process, dynalite takes more of it than the handlers).
 */
import "../lib/local/quiet-sdk.js";
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { EmbeddedDynamo } from "../lib/local/dynalite.js";
import type { CallCounter } from "../lib/store/call-counter.js";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * In memory, or in LevelDB under the folder given as its argument; on a random loopback port; prints its
 * endpoint. The settings of lib/local/dynalite.ts.
 */
const DYNALITE = `
const path = process.argv[1];
const server = require("dynalite")({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, "127.0.0.1", () => console.log("http://127.0.0.1:" + server.address().port));
`;

/**
 * A dynalite in a child process, ended by `close()` (and with this process): in memory, or persisted
 * under `path` (a folder one dynalite at a time may open).
 */
export async function startDynaliteProcess(options: { path?: string } = {}): Promise<EmbeddedDynamo> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["-e", DYNALITE, ...(options.path ? [options.path] : [])],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const ended = once(child, "exit");
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`dynalite exited (${code}) before it listened`)));
    child.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  // Ends with this process, even when a benchmark throws before it closes the database.
  const kill = () => child.kill();
  process.once("exit", kill);
  return {
    endpoint,
    close: async () => {
      process.off("exit", kill);
      child.kill();
      await ended;
    },
  };
}

export const BENCH_SIGNING_KEY = "bench-signing-key-not-secret-0123456789";

export interface BenchDatabase {
  counter: CallCounter;
  /** Signs a development token for a role of an organisation (the demo ones exist). */
  token(role: string, org: string): Promise<string>;
  /** Restores the environment, takes the counter off and closes the dynalite it started. */
  close(): Promise<void>;
}

/** Sets environment variables until the returned function puts the old values back. */
export function withEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** A fresh table named `<prefix>-<uuid>` with the demo data, seeded at `now`. */
export async function openBenchDatabase(prefix: string, now = new Date()): Promise<BenchDatabase> {
  const { ensureTable } = await import("../lib/local/dynalite.js");
  const own = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynaliteProcess();
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? own!.endpoint;
  const restoreEnv = withEnv({
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? "local",
    TABLE_NAME: `${prefix}-${randomUUID()}`,
    DEV_SIGNING_KEY: process.env.DEV_SIGNING_KEY ?? BENCH_SIGNING_KEY,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT",
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? "true",
  });
  try {
    const { db } = await import("../lib/store/client.js");
    const { installCallCounter } = await import("../lib/store/call-counter.js");
    const { mintToken } = await import("../lib/local/tokens.js");
    const { seedDemoData } = await import("../lib/seed/index.js");
    await ensureTable(endpoint, process.env.TABLE_NAME!);
    await seedDemoData(now);
    const counter = installCallCounter(db);
    const key = process.env.DEV_SIGNING_KEY!;
    return {
      counter,
      token: (role, org) => mintToken({ role, org }, key),
      close: async () => {
        counter.remove();
        restoreEnv();
        await own?.close();
      },
    };
  } catch (error) {
    restoreEnv();
    await own?.close();
    throw error;
  }
}
