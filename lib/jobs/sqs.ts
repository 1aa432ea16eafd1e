import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { tracer } from "../http/observability.js";

/** Loaded only where JOBS_QUEUE_URL is set: one client per container, traced in Lambda. */
let client: SQSClient | undefined;
const sqs = (): SQSClient => {
  if (!client) {
    const raw = new SQSClient({});
    client = tracer?.isTracingEnabled() ? tracer.captureAWSv3Client(raw) : raw;
  }
  return client;
};

/** The message names the job only: the record holds everything else. */
export interface JobMessage {
  jobId: string;
}

export async function sendJobMessage(queueUrl: string, jobId: string): Promise<void> {
  const message: JobMessage = { jobId };
  await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}
