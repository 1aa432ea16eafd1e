import { backfillListKeys } from "../../lib/backfill/list-keys.js";

/**
 * Adds the keys the lists query by to items stored before they did (lib/backfill/list-keys.ts): entries'
 * status index keys, catalogue versions' keys of the all-catalogues list, and the block rows named on
 * each contract's TOTALS row. Run it once after deploying the release that added them:
 *
 *   TABLE_NAME=impact-procurement-dev AWS_REGION=eu-west-1 npx tsx functions/scripts/backfill-list-keys.ts
 *
 * Scans the table a page at a time and records its position in the item BACKFILL / list-keys after each
 * page: interrupted (Ctrl-C, a lost connection, throttling), the same command resumes where it stopped.
 * Every change is a conditional single-item update that skips items already done, so a second run
 * (e.g. after the old release's functions are gone) changes nothing or only what was written meanwhile.
 * Uses the caller's AWS credentials (DynamoDB Scan, GetItem, PutItem, UpdateItem on the table).
 */
if (!process.env.TABLE_NAME) {
  console.error(
    "Usage: TABLE_NAME=impact-procurement-<stage> npx tsx functions/scripts/backfill-list-keys.ts",
  );
  process.exit(2);
}
try {
  const run = await backfillListKeys();
  console.log(
    `List keys are complete in ${process.env.TABLE_NAME}: run ${run.run}${run.resumed ? " (resumed)" : ""}, ${run.scanned} items scanned, ${run.changed} changed.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error("Run the same command again to resume from the last finished page.");
  process.exit(1);
}
