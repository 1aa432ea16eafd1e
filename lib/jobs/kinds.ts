/**
 * The kinds of background job and their handlers, loaded on the first job of a kind: the worker
 * function (functions/jobs/worker.ts) and the in-process worker run the same handlers.
 */
export interface JobContext {
  id: string;
  payload: Record<string, unknown>;
  /** 1 for the first attempt. */
  attempt: number;
  /** Reports how far the job is (shown to whoever waits for it). */
  progress(done: number, total: number): Promise<void>;
}

/** Does the job's work in idempotent steps: a later attempt resumes where an earlier one stopped. */
export type JobHandler = (job: JobContext) => Promise<void>;

export const JOB_KINDS = {
  /** Gathers, computes, numbers, renders and stores one regional report (lib/reports/issue.ts). */
  "report.issue": async (): Promise<JobHandler> => (await import("../reports/issue.js")).issueReportJob,
} as const;

export type JobKind = keyof typeof JOB_KINDS;

export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(JOB_KINDS, kind);
