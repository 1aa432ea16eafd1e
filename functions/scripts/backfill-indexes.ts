import { backfillIndexes } from "../../lib/seed/index.js";

/**
 * Writes the index items that data stored before them lacks (tender reference pointers, the review
 * queue), in a deployed stage. Locally `npm start` does this once by itself. Safe to re-run.
 *
 *   TABLE_NAME=impact-procurement-dev AWS_REGION=eu-west-1 npx tsx functions/scripts/backfill-indexes.ts
 *
 * Uses the caller's AWS credentials (DynamoDB Query, GetItem, PutItem, UpdateItem on the table).
 */
if (!process.env.TABLE_NAME) {
  console.error("Usage: TABLE_NAME=impact-procurement-<stage> npx tsx functions/scripts/backfill-indexes.ts");
  process.exit(2);
}
try {
  await backfillIndexes();
  console.log(`Index items are complete in ${process.env.TABLE_NAME}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
