/**
 * Background jobs, built once for every kind (lib/jobs/kinds.ts): the record is written first, then
 * the job is handed to a worker — an SQS message in AWS (JOBS_QUEUE_URL), the in-process worker
 * locally. A retried request writes no second record and at most sends another message, which the
 * worker skips once the job is done.
 */
import { clock } from "../http/clock.js";
import type { JobKind } from "./kinds.js";
import { createJob, type Job } from "./records.js";

export async function enqueueJob(id: string, kind: JobKind, payload: Record<string, unknown>): Promise<Job> {
  const job = await createJob(id, kind, payload, clock.now());
  if (job.status === "done") return job;
  const queueUrl = process.env.JOBS_QUEUE_URL;
  if (queueUrl) await (await import("./sqs.js")).sendJobMessage(queueUrl, id);
  else (await import("./local.js")).runLocally(id);
  return job;
}
