import { backfillPeriodRows } from "../../lib/backfill/period-rows.js";
import { operation } from "../../lib/operation.js";

/**
 * Builds the month rows of the running totals for contracts whose entries were written before they were
 * kept (lib/backfill/period-rows.ts). Run it once after deploying the release that added them:
 *
 *   TABLE_NAME=impact-procurement-dev AWS_REGION=eu-west-1 npx tsx functions/scripts/backfill-period-rows.ts
 *
 * Scans the table a page at a time and records its position in the item BACKFILL / period-rows after
 * each page: interrupted, the same command resumes where it stopped. Each contract's rows are computed
 * from its entries and the differences ADDed, so a second run changes nothing. A contract with a change
 * in flight is skipped with a warning; run the command again later for it. Uses the caller's AWS
 * credentials (DynamoDB Scan, Query, GetItem, PutItem, UpdateItem on the table).
 */
if (!process.env.TABLE_NAME) {
  console.error(
    "Usage: TABLE_NAME=impact-procurement-<stage> npx tsx functions/scripts/backfill-period-rows.ts",
  );
  process.exit(2);
}
try {
  const actor = {
    sub: "system:backfill-period-rows",
    role: "admin",
    orgId: "operator",
    regionId: null,
  } as const;
  const run = await backfillPeriodRows(operation(actor, new Date(), undefined, () => new Date()));
  console.log(
    `Month rows are complete in ${process.env.TABLE_NAME}: run ${run.run}${run.resumed ? " (resumed)" : ""}, ${run.scanned} items scanned, ${run.changed} contracts built.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error("Run the same command again to resume from the last finished page.");
  process.exit(1);
}
