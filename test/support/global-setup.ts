import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startDynalite } from "../../lib/local/dynalite.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** tsx keeps its compile cache in the temp folder by design (`tsx-<uid>`): not a leak. */
const CACHES = /^tsx-\d+$/;

/**
 * One in-memory dynalite for the whole run; each test file gets its own table (setup-env.ts).
 *
 * The run gets a temp folder of its own (TMPDIR, inherited by the test workers and the processes they
 * start), so what tests leave in it is theirs alone, even with other runs on the machine. Leftovers
 * fail the run, listed by name; the folder is removed either way, so the system temp folder stays clean.
 */
export default async function setup(project: TestProject) {
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  const runTemp = mkdtempSync(join(tmpdir(), "impact-test-run-"));
  for (const name of Object.keys(saved)) process.env[name] = runTemp;
  const dynamo = await startDynalite();
  project.provide("dynamodbEndpoint", dynamo.endpoint);
  return async () => {
    await dynamo.close();
    const leftovers = readdirSync(runTemp).filter((name) => !CACHES.test(name));
    rmSync(runTemp, { recursive: true, force: true });
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (leftovers.length > 0) {
      console.error(
        `\nTests left ${leftovers.length} entries in the temp folder (removed now; clean up in afterAll/finally): ${leftovers.sort().join(", ")}`,
      );
      // A teardown's exception is only logged by vitest; the exit code is what makes the run red.
      process.exitCode = 1;
    }
  };
}
