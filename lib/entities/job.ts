/**
 * Background job: JOB#<id> / JOB   (gsi1, sparse, while the job is open: JOBS#OPEN / <createdAt>#<id>).
 * One item per job, changed only by conditional single-item writes (lib/jobs/records.ts):
 * queued → running → done | failed, `attempts` counted with ADD.
 */
import * as z from "zod";
import { type AccessPattern, type Entity, entity } from "../store/entity.js";

export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobEntity = entity(
  "job",
  { pk: "JOB#<id>", sk: "JOB" },
  {
    id: z.string(),
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    status: z.enum(JOB_STATUSES),
    attempts: z.number().int(),
    progress: z.looseObject({ done: z.number().int(), total: z.number().int() }),
    error: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** When the running attempt's lease ends: after it, a job still `running` is no longer being worked on. */
    leaseUntil: z.string().nullable(),
    finishedAt: z.string().nullable(),
  },
);

/** A job as stored, without its keys. */
export type JobFields = typeof jobEntity extends Entity<infer T> ? T : never;

export const jobKey = (id: string) => ({ pk: `JOB#${id}`, sk: "JOB" });

/** Index keys of a job not yet done or failed: the local runtime resumes those when it starts. */
export const openJobIndexKeys = (job: { id: string; createdAt: string }) => ({
  gsi1pk: "JOBS#OPEN",
  gsi1sk: `${job.createdAt}#${job.id}`,
});
/** The fields to remove when a job ends. */
export const OPEN_JOB_INDEX_FIELDS = ["gsi1pk", "gsi1sk"] as const;

export const jobQueries = {
  /** Jobs queued or running, oldest first. */
  open: (): AccessPattern => ({ index: "gsi1", pk: "JOBS#OPEN" }),
};
