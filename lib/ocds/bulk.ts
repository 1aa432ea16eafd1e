/**
 * Bulk OCDS for portals that harvest: a buyer's published tenders in order of publication, a page at a
 * time, each as its release package (the same package GET /v1/tenders/{tenderId}/ocds answers). Reads the
 * buyer's publication index (tenderQueries.publishedBy: sort keys `<publishedAt>#<id>`), which holds
 * published tenders only: a draft never reaches the list.
 */
import { parseDeadline } from "../domain/amsterdam-time.js";
import { NotFound } from "../domain/errors.js";
import { addMonths } from "../domain/reports/periods.js";
import { tenderQueries } from "../entities/tender.js";
import type { Item } from "../store/ops.js";
import { type Page, queryPage } from "../store/paging.js";
import { inParallel } from "../store/parallel.js";
import type { OcdsReleasesQuery } from "../schemas/ocds.js";

/** Below and above every `<ISO instant>#<id>` sort key. */
const BEFORE_ALL = "0";
const AFTER_ALL = "~";

/**
 * The publication index's sort keys of the months `from` to `to` (both inclusive, Amsterdam time): from
 * the first instant of `from` to the first instant of the month after `to`, which no key of that instant
 * reaches (`<instant>#<id>` sorts after `<instant>`).
 */
export function publishedBetween(from: string | undefined, to: string | undefined): [string, string] {
  const monthStart = (month: string) => parseDeadline(`${month}-01T00:00`).toISOString();
  return [from ? monthStart(from) : BEFORE_ALL, to ? monthStart(addMonths(to, 1)) : AFTER_ALL];
}

/** Tenders at a time while their packages are built (each reads its tender's partition and contracts). */
const PACKAGES_IN_FLIGHT = 8;

/**
 * One page of the buyer's published tenders, oldest publication first, as release packages built by
 * `packageOf`; the cursor is bound to the buyer and the months asked for.
 */
export async function buyerReleasePackages<P>(
  query: Pick<OcdsReleasesQuery, "buyer" | "from" | "to" | "limit" | "cursor">,
  packageOf: (tenderId: string) => Promise<P>,
): Promise<Page<P>> {
  const [lower, upper] = publishedBetween(query.from, query.to);
  const page = await queryPage<Item>({
    ...tenderQueries.publishedBy(query.buyer, lower, upper),
    // The exclusive upper bound is the key condition's, not the `~` publishedBy adds for whole days.
    skBetween: [lower, upper],
    limit: query.limit,
    cursor: query.cursor,
  });
  const packages = await inParallel<Item, P | undefined>(
    page.items,
    async (item) => {
      try {
        return await packageOf(String(item.id));
      } catch (error) {
        // Unpublished between the index read and the package (never, today): left out, never shown.
        if (error instanceof NotFound) return undefined;
        throw error;
      }
    },
    PACKAGES_IN_FLIGHT,
  );
  return { items: packages.filter((p): p is P => p !== undefined), nextCursor: page.nextCursor };
}
