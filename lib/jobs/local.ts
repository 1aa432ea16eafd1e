/**
 * The in-process worker of the local runtime and the tests (no JOBS_QUEUE_URL): a job enqueued by a
 * request runs on the event loop after the response, with the same record transitions as in AWS. A
 * failed attempt is retried at once, up to MAX_JOB_ATTEMPTS, then the job is marked failed (locally
 * there is no dead-letter queue to hold it).
 */
import { logger } from "../http/observability.js";
import { MAX_JOB_ATTEMPTS } from "./limits.js";
import { openJobs } from "./records.js";
import { attemptJob } from "./run.js";

/** Locally an attempt is never run twice at once, so the lease only has to outlast the attempt. */
const LOCAL_LEASE_MS = 15 * 60_000;

const running = new Set<Promise<void>>();
const held: string[] = [];
let holding = 0;

async function runToEnd(id: string): Promise<void> {
  for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt++) {
    try {
      const outcome = await attemptJob(id, { last: attempt === MAX_JOB_ATTEMPTS, leaseMs: LOCAL_LEASE_MS });
      if (outcome !== "retry") return;
    } catch (error) {
      // The record could not even be updated (the store failed): try again, as a redelivery would.
      logger.error("local job attempt could not be recorded", { jobId: id, attempt, error });
    }
  }
}

function start(id: string): void {
  const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => runToEnd(id))
    .finally(() => running.delete(done));
  running.add(done);
}

/** Runs the job after the current request's response (or when released, while held). */
export function runLocally(id: string): void {
  if (holding > 0) held.push(id);
  else start(id);
}

/**
 * Keeps enqueued jobs from starting until the returned function is called (a test that must look at
 * the state a request leaves before its job runs).
 */
export function holdLocalJobs(): () => void {
  holding++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holding--;
    if (holding === 0) for (const id of held.splice(0)) start(id);
  };
}

/**
 * Runs the jobs a stopped process left queued or running (as SQS would deliver them again): called
 * once when the local runtime starts. Returns their ids.
 */
export async function resumeOpenJobs(): Promise<string[]> {
  const open = await openJobs();
  for (const job of open) runLocally(job.id);
  return open.map((job) => job.id);
}

/** Resolves when every job started in this process has ended, including jobs those jobs enqueued. */
export async function drainLocalJobs(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
