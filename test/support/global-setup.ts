import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    fcSeed: number;
  }
}

/** tsx keeps its compile cache in the temp folder by design (`tsx-<uid>`): not a leak. */
const CACHES = /^tsx-\d+$/;

/**
 * Runs once per run, for every layer (the root config's global setup).
 *
 * fast-check gets one seed for the run (FC_SEED, or a random one), printed here so a failing property
 * can be replayed with `FC_SEED=<seed> npm test`; test/support/fast-check-seed.ts applies it.
 *
 * The run gets a temp folder of its own (TMPDIR, inherited by the test workers and the processes they
 * start), so what tests leave in it is theirs alone, even with other runs on the machine. Leftovers
 * fail the run, listed by name; the folder is removed either way, so the system temp folder stays clean.
 */
export default function setup(project: TestProject) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : (Math.random() * 2 ** 31) | 0;
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
  project.provide("fcSeed", seed);
  console.log(`fast-check seed ${seed} (replay: FC_SEED=${seed})`);
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  const runTemp = mkdtempSync(join(tmpdir(), "impact-test-run-"));
  for (const name of Object.keys(saved)) process.env[name] = runTemp;
  return () => {
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
