/**
 * A resumable, repeatable backfill: scans the table page by page, hands every item to `visit` (which
 * changes an item with a conditional single-item write, and skips one already done), and records its
 * position in a checkpoint item after each page. A run that crashed resumes after the last page it
 * finished (that page's items are visited again; done ones are skipped); a run after a finished one
 * scans the table again and changes nothing unless something was written in the old shape meanwhile.
 */
import { Conflict } from "../domain/errors.js";
import {
  backfillCheckpointEntity,
  backfillCheckpointKey,
  isBackfillCheckpoint,
} from "../entities/backfill-checkpoint.js";
import { getItem, type Item, putIfAbsent, setIf } from "../store/ops.js";
import { inParallel } from "../store/parallel.js";
import { scanPage } from "../store/scan.js";

export interface BackfillRun {
  name: string;
  run: number;
  /** Whether this call continued a run that had stopped part-way. */
  resumed: boolean;
  /** Items scanned and changed by the whole run (also by the calls before a resume). */
  scanned: number;
  changed: number;
}

export interface BackfillOptions {
  /** Items per scanned page (and per checkpoint). */
  pageSize?: number;
  /** Items of a page visited at once. */
  inFlight?: number;
  now?: () => Date;
}

type Checkpoint = ReturnType<typeof backfillCheckpointEntity.read>;

const read = async (name: string) => {
  const item = await getItem(backfillCheckpointKey(name));
  return item ? backfillCheckpointEntity.read(item) : undefined;
};

/** The checkpoint this call continues: an unfinished run's, or a new run's (the first, or the next). */
async function start(name: string, at: string): Promise<{ checkpoint: Checkpoint; resumed: boolean }> {
  const fresh = (run: number) => ({
    name,
    run,
    pages: 0,
    cursor: null,
    scanned: 0,
    changed: 0,
    startedAt: at,
    updatedAt: at,
    completedAt: null,
  });
  const existing = await read(name);
  if (!existing) {
    await putIfAbsent({ ...backfillCheckpointKey(name), ...fresh(1) });
  } else if (existing.completedAt === null) {
    return { checkpoint: existing, resumed: true };
  } else {
    await setIf(backfillCheckpointKey(name), fresh(existing.run + 1), {
      run: existing.run,
      completedAt: existing.completedAt,
    });
  }
  const checkpoint = await read(name);
  if (!checkpoint || checkpoint.completedAt !== null)
    throw new Conflict(`Backfill ${name} is starting elsewhere.`);
  return { checkpoint, resumed: false };
}

export async function runBackfill(
  name: string,
  visit: (item: Item) => Promise<boolean>,
  { pageSize = 100, inFlight = 8, now = () => new Date() }: BackfillOptions = {},
): Promise<BackfillRun> {
  const started = await start(name, now().toISOString());
  let checkpoint = started.checkpoint;
  for (;;) {
    const page = await scanPage(pageSize, checkpoint.cursor ?? undefined);
    const items = page.items.filter((item) => !isBackfillCheckpoint(item));
    const changed = (await inParallel(items, visit, inFlight)).filter(Boolean).length;
    const at = now().toISOString();
    const next = {
      pages: checkpoint.pages + 1,
      cursor: page.lastKey ?? null,
      scanned: checkpoint.scanned + items.length,
      changed: checkpoint.changed + changed,
      updatedAt: at,
      completedAt: page.lastKey ? null : at,
    };
    // Only from the page this call read: two runs at once cannot both move the checkpoint.
    const moved = await setIf(backfillCheckpointKey(name), next, {
      run: checkpoint.run,
      pages: checkpoint.pages,
    });
    if (!moved) throw new Conflict(`Backfill ${name} was moved on by another run; run it again to resume.`);
    checkpoint = { ...checkpoint, ...next };
    if (!page.lastKey) break;
  }
  return {
    name,
    run: checkpoint.run,
    resumed: started.resumed,
    scanned: checkpoint.scanned,
    changed: checkpoint.changed,
  };
}
