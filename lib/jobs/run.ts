/**
 * One attempt at a job, whoever delivered it (an SQS message in AWS, the in-process worker locally).
 */
import { clock } from "../http/clock.js";
import { logger } from "../http/observability.js";
import { isJobKind, JOB_KINDS } from "./kinds.js";
import { finishJob, recordFailure, recordProgress, startAttempt } from "./records.js";

export type AttemptOutcome = "done" | "skipped" | "retry" | "failed";

export interface AttemptOptions {
  /** Whether no attempt follows this one when it fails (SQS: the receive count reached maxReceiveCount). */
  last: boolean;
  /** How long the attempt may take before another delivery may run the job again. */
  leaseMs: number;
}

/**
 * Runs the job's handler once. `skipped`: the job is done or unknown (a redelivered message); `retry`:
 * it failed and another attempt follows; `failed`: it failed for the last time.
 */
export async function attemptJob(id: string, options: AttemptOptions): Promise<AttemptOutcome> {
  const now = clock.now();
  const job = await startAttempt(id, now, new Date(now.getTime() + options.leaseMs));
  if (!job) return "skipped";
  try {
    if (!isJobKind(job.kind)) throw new Error(`No handler for jobs of kind '${job.kind}'`);
    const handler = await JOB_KINDS[job.kind]();
    await handler({
      id,
      payload: job.payload,
      attempt: job.attempts,
      progress: (done, total) => recordProgress(id, done, total, clock.now()),
    });
    await finishJob(id, clock.now());
    return "done";
  } catch (error) {
    // The message only (never the stack or data): it is shown to whoever reads the job's status.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    logger.error("job attempt failed", { jobId: id, kind: job.kind, attempt: job.attempts, error });
    await recordFailure(id, message.slice(0, 500), options.last, clock.now());
    return options.last ? "failed" : "retry";
  }
}
