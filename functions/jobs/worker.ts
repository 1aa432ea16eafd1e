import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { logger, metrics } from "../../lib/http/observability.js";
import { JOB_VISIBILITY_TIMEOUT_SECONDS, MAX_JOB_ATTEMPTS } from "../../lib/jobs/limits.js";
import { attemptJob } from "../../lib/jobs/run.js";
import type { JobMessage } from "../../lib/jobs/sqs.js";

/**
 * The job worker: an SQS event source with partial batch responses. A message whose attempt fails is
 * listed in `batchItemFailures`, so SQS delivers it again after its visibility timeout; after
 * MAX_JOB_ATTEMPTS receives it moves to the dead-letter queue, and the last attempt has marked the job
 * failed. A message of a job that is already done is acknowledged without work.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    let jobId: string | undefined;
    try {
      jobId = (JSON.parse(record.body) as Partial<JobMessage>).jobId;
    } catch {
      // Unreadable: no delivery will ever run it; acknowledged so it does not block the queue.
    }
    if (typeof jobId !== "string" || jobId === "") {
      logger.error("job message without a job id", { messageId: record.messageId });
      continue;
    }
    const receives = Number(record.attributes.ApproximateReceiveCount) || 1;
    try {
      const outcome = await attemptJob(jobId, {
        last: receives >= MAX_JOB_ATTEMPTS,
        leaseMs: JOB_VISIBILITY_TIMEOUT_SECONDS * 1000,
      });
      if (outcome === "retry" || outcome === "failed")
        batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error("job attempt could not be recorded", { jobId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  // Business counts of the jobs (ReportsIssued), in the worker's own dimension.
  if (metrics.hasStoredMetrics()) {
    metrics.addDimension("area", "jobs");
    metrics.publishStoredMetrics();
  }
  return { batchItemFailures };
}
