/**
 * Job records (lib/entities/job.ts): every transition is one conditional write of the one item, so
 * concurrent or repeated deliveries of a job's message cannot move it backwards:
 *
 *   queued ──start──▶ running ──finish──▶ done   (terminal: a later delivery does nothing)
 *                       │  ▲
 *                  fail │  │ start (a redelivery, or a redrive from the dead-letter queue)
 *                       ▼  │
 *                      failed
 *
 * An attempt that crashes leaves the job `running`; the next delivery starts another attempt, which
 * resumes the handler's idempotent steps.
 */
import {
  jobEntity,
  type JobFields,
  jobKey,
  jobQueries,
  type JobStatus,
  OPEN_JOB_INDEX_FIELDS,
  openJobIndexKeys,
} from "../entities/job.js";
import { addCountersIf } from "../store/counters.js";
import { oneOf } from "../store/expressions.js";
import { getItem, putIfAbsent, setIf } from "../store/ops.js";
import { queryAll } from "../store/paging.js";

export type Job = JobFields;

/** Creates the job unless it exists (a retried request enqueues the same job once); returns it. */
export async function createJob(id: string, kind: string, payload: Record<string, unknown>, now: Date) {
  const at = now.toISOString();
  const job: Job = {
    id,
    kind,
    payload,
    status: "queued",
    attempts: 0,
    progress: { done: 0, total: 0 },
    error: null,
    createdAt: at,
    updatedAt: at,
    leaseUntil: null,
    finishedAt: null,
  };
  if (await putIfAbsent({ ...jobKey(id), ...openJobIndexKeys(job), ...job })) return job;
  return (await loadJob(id))!;
}

export async function loadJob(id: string): Promise<Job | undefined> {
  const item = await getItem(jobKey(id));
  return item ? jobEntity.read(item) : undefined;
}

/**
 * Starts an attempt: counts it and holds a lease until `leaseUntil`. Undefined when the job is done (or
 * unknown): the delivery has nothing to do.
 */
export async function startAttempt(id: string, now: Date, leaseUntil: Date): Promise<Job | undefined> {
  const started = await addCountersIf(
    jobKey(id),
    { attempts: 1 },
    { status: "running", leaseUntil: leaseUntil.toISOString(), updatedAt: now.toISOString() },
    { status: oneOf("queued", "running", "failed") },
  );
  return started ? jobEntity.read(started) : undefined;
}

/** Records progress of a running job (a report's contracts read so far). */
export async function recordProgress(id: string, done: number, total: number, now: Date): Promise<void> {
  await setIf(jobKey(id), { progress: { done, total }, updatedAt: now.toISOString() }, { status: "running" });
}

/** The job's work is complete: terminal. False when it was already finished. */
export async function finishJob(id: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return setIf(
    jobKey(id),
    { status: "done", error: null, leaseUntil: null, finishedAt: at, updatedAt: at },
    { status: oneOf("queued", "running", "failed") },
    OPEN_JOB_INDEX_FIELDS,
  );
}

/** An attempt failed: `failed` when no attempt is left, else still running until the next delivery. */
export async function recordFailure(id: string, error: string, final: boolean, now: Date): Promise<void> {
  const at = now.toISOString();
  await setIf(
    jobKey(id),
    final
      ? { status: "failed", error, leaseUntil: null, finishedAt: at, updatedAt: at }
      : { error, leaseUntil: null, updatedAt: at },
    { status: oneOf("queued", "running") },
    final ? OPEN_JOB_INDEX_FIELDS : [],
  );
}

/** Jobs queued or running (a process that stopped left them so), oldest first. */
export async function openJobs(): Promise<Job[]> {
  return jobEntity.readAll(await queryAll(jobQueries.open()));
}

/**
 * The status to show: a job `running` whose lease has ended after its last attempt crashed (the
 * message is in the dead-letter queue, nothing will run it again until a redrive) is `failed`.
 */
export function effectiveStatus(
  job: Pick<Job, "status" | "attempts" | "leaseUntil">,
  now: Date,
  maxAttempts: number,
): JobStatus {
  if (job.status !== "running" || job.attempts < maxAttempts || job.leaseUntil === null) return job.status;
  return Date.parse(job.leaseUntil) < now.getTime() ? "failed" : "running";
}
