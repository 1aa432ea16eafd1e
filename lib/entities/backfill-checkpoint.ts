/**
 * Backfill checkpoint: BACKFILL / <name>, the progress of a resumable backfill (lib/backfill/run.ts): the
 * run's number, the scan's position (`cursor`, the last page's LastEvaluatedKey; null at the start) and
 * how many pages it has done, so a run that crashed resumes after the last page it finished.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";

export const backfillCheckpointEntity = entity(
  "backfill checkpoint",
  { pk: "BACKFILL", sk: "<name>" },
  {
    name: z.string(),
    run: z.number().int(),
    pages: z.number().int(),
    cursor: z.record(z.string(), z.unknown()).nullable(),
    scanned: z.number().int(),
    changed: z.number().int(),
    startedAt: z.string(),
    updatedAt: z.string(),
    /** Set when the run has scanned the whole table; the next run starts again from the beginning. */
    completedAt: z.string().nullable(),
  },
);

export const backfillCheckpointKey = (name: string) => ({ pk: "BACKFILL", sk: name });

/** Whether an item (or key) is a backfill checkpoint (a backfill skips its own bookkeeping). */
export const isBackfillCheckpoint = (key: { pk: string; sk: string }) => backfillCheckpointEntity.owns(key);
