import { Duration, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import {
  JOB_BATCH_SIZE,
  JOB_DLQ_RETENTION_DAYS,
  JOB_VISIBILITY_TIMEOUT_SECONDS,
  JOB_WORKER_TIMEOUT_SECONDS,
  MAX_JOB_ATTEMPTS,
} from "../../lib/jobs/limits.js";
import { WORKER_DOCUMENT_ACCESS } from "../../lib/store/document-layout.js";
import { REPORT_FONTS, WORKER_ENTRY } from "../bundling.js";
import type { StageConfig } from "../config.js";
import { AreaFunction, type Sizing } from "./area-function.js";

/** A region's report (figures, PDF, CSV) within 1 GB and well within the timeout. */
export const WORKER_SIZING: Sizing = { memorySize: 1024, timeoutSeconds: JOB_WORKER_TIMEOUT_SECONDS };

export interface JobQueueProps {
  config: StageConfig;
  table: ITable;
  documents: IBucket;
}

/**
 * Background jobs (lib/jobs/): a queue whose messages name a job, a dead-letter queue that keeps a
 * message after MAX_JOB_ATTEMPTS receives (for a redrive once the cause is fixed), and the worker
 * function fed by the queue with partial batch responses. Both queues are encrypted and refuse
 * requests without TLS; an alarm fires when anything reaches the dead-letter queue.
 */
export class JobQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: AreaFunction;
  /** Dead letters, and the worker crashing or timing out (a failed attempt that it handles is no error). */
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const { config } = props;
    this.deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(JOB_DLQ_RETENTION_DAYS),
    });
    this.queue = new Queue(this, "Queue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(JOB_VISIBILITY_TIMEOUT_SECONDS),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_JOB_ATTEMPTS },
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the dead-letter queue of the job queue; a dead-letter queue has none of its own.",
    });

    this.worker = new AreaFunction(this, "Worker", {
      area: "jobs",
      config,
      table: props.table,
      readOnly: false,
      environment: { TABLE_NAME: props.table.tableName },
      documents: { bucket: props.documents, prefixes: WORKER_DOCUMENT_ACCESS },
      // The worker renders report PDFs: the fonts go beside its code.
      entry: {
        file: WORKER_ENTRY,
        sizing: WORKER_SIZING,
        description: "background job worker",
        assets: [REPORT_FONTS],
      },
    });
    this.worker.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: JOB_BATCH_SIZE, reportBatchItemFailures: true }),
    );

    const deadLetterAlarm = new Alarm(this, "DeadLetterAlarm", {
      alarmName: `${config.prefix}-job-dead-letters`,
      alarmDescription: `A job failed ${MAX_JOB_ATTEMPTS} times and its message is in the dead-letter queue: read the job record's error and the worker's logs, fix the cause, then redrive the message (the job resumes where it stopped; a report keeps its number).`,
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: "Maximum",
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const workerErrors = new Alarm(this, "WorkerErrors", {
      alarmName: `${config.prefix}-function-errors-job-worker`,
      alarmDescription:
        "The job worker crashed or timed out; SQS delivers the message again, and the job resumes where it stopped.",
      metric: this.worker.fn.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarms = [deadLetterAlarm, workerErrors];
  }

  /** Lets a function enqueue jobs: the queue's URL in its environment, SendMessage on this queue only. */
  grantEnqueue(fn: IFunction & { addEnvironment(key: string, value: string): unknown }): void {
    fn.addEnvironment("JOBS_QUEUE_URL", this.queue.queueUrl);
    this.queue.grantSendMessages(fn);
  }
}
