/**
 * The job queue's limits, shared by the worker (lib/jobs/) and the CDK app (infra/): plain data.
 */

/**
 * Attempts a job gets: SQS's maxReceiveCount before a message moves to the dead-letter queue, and the
 * number of tries the in-process worker makes locally before it marks a job failed.
 */
export const MAX_JOB_ATTEMPTS = 5;

/** The worker function's timeout: a region report (figures, PDF, CSV) takes seconds, not minutes. */
export const JOB_WORKER_TIMEOUT_SECONDS = 300;

/**
 * How long a received message stays invisible: at least six times the worker's timeout (the AWS advice
 * for SQS event sources), so a slow attempt is never run twice at once by a redelivery.
 */
export const JOB_VISIBILITY_TIMEOUT_SECONDS = 6 * JOB_WORKER_TIMEOUT_SECONDS;

/** Messages per invocation: one report uses the whole function; a failure redelivers only its own. */
export const JOB_BATCH_SIZE = 1;

/** How long the dead-letter queue keeps a message (SQS's maximum): time to find the cause and redrive. */
export const JOB_DLQ_RETENTION_DAYS = 14;

/** The areas whose routes enqueue jobs: their functions get the queue's URL and may send to it. */
export const JOB_PRODUCER_AREAS: readonly string[] = ["reports"];
