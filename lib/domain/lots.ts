/**
 * Lots (percelen): a tender divided into lots, each with its own value, award model and ranking,
 * awarded in the order of their ids; a supplier may be limited to a number of lots won
 * (`maxLotsPerSupplier`). Pure rules; lib/tenders applies them (see lib/domain/scoring/README.md,
 * "Lots (percelen)").
 */
import { MAX_CRITERIA_PER_TENDER } from "./scoring/limits.js";

/** The lot a tender without lots has, and the lot today's tender-level routes act on. */
export const DEFAULT_LOT = "1";

/**
 * At most this many lots per tender. Each lot keeps its award model and state in the tender's item,
 * under DynamoDB's 400 KB. At its longest (every text in 3-byte characters, four reference tables
 * of its own with 1000-character sources, a 2000-character award reason) a lot without criteria is
 * about 30 KB of the item and a criterion about 1.1 KB: eight lots with MAX_CRITERIA_PER_TENDER
 * criteria make about 353 KB (test/unit/domain/lots.test.ts measures it; an ordinary eight-lot tender
 * is a few KB). More lots need the award models or the tables' sources in items of their own.
 */
export const MAX_LOTS = 8;

export const LOT_ID_PATTERN = /^[A-Za-z0-9-]{1,20}$/;

/** A lot's state after the bids are opened, in the order a lot moves through them. */
export const LOT_STATUSES = ["opened", "evaluated", "award-intended", "awarded"] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

/**
 * Award order: ids of digits numerically ("2" before "10") and before any other id; other ids as
 * strings. Putting the numeric ids first keeps the order transitive ("1a" < "2" < "10" < "1a" would not be).
 */
export function compareLotIds(a: string, b: string): number {
  const digits = /^\d+$/;
  const [numericA, numericB] = [digits.test(a), digits.test(b)];
  if (numericA !== numericB) return numericA ? -1 : 1;
  if (numericA) {
    const [x, y] = [a.replace(/^0+/, ""), b.replace(/^0+/, "")];
    if (x.length !== y.length) return x.length - y.length;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export const inAwardOrder = <L extends { id: string }>(lots: readonly L[]): L[] =>
  [...lots].sort((a, b) => compareLotIds(a.id, b.id));

/** The lot the tender-level routes and fields stand for: "1" when the tender has it, else its first lot. */
export const primaryLotId = (lots: readonly { id: string }[]): string =>
  lots.some((l) => l.id === DEFAULT_LOT) ? DEFAULT_LOT : (inAwardOrder(lots)[0]?.id ?? DEFAULT_LOT);

/** The tender's status once its bids are opened: that of its least advanced lot. */
export function leastAdvanced(statuses: readonly LotStatus[]): LotStatus {
  return statuses.reduce<LotStatus>(
    (least, s) => (LOT_STATUSES.indexOf(s) < LOT_STATUSES.indexOf(least) ? s : least),
    "awarded",
  );
}

/**
 * Bid ids are unique within a tender: a supplier's bid on lot "1" has the supplier's id (as bids
 * had before lots existed), on another lot the supplier's id and the lot's, joined by "~" (which
 * neither an organisation id nor a lot id contains).
 */
export const bidIdFor = (supplierId: string, lotId: string) =>
  lotId === DEFAULT_LOT ? supplierId : `${supplierId}~${lotId}`;

/** The lot and supplier a bid id names (see bidIdFor). */
export function parseBidId(bidId: string): { supplierId: string; lotId: string } {
  const at = bidId.lastIndexOf("~");
  if (at <= 0 || !LOT_ID_PATTERN.test(bidId.slice(at + 1))) return { supplierId: bidId, lotId: DEFAULT_LOT };
  return { supplierId: bidId.slice(0, at), lotId: bidId.slice(at + 1) };
}

interface LotAwards {
  id: string;
  intendedAward: { bidId: string } | null;
  award: { bidId: string } | null;
}

/** The first lot before `lotId` (in award order) with neither an intended nor a final award, if any. */
export function earlierLotPending(lots: readonly LotAwards[], lotId: string): string | null {
  const pending = inAwardOrder(lots).find(
    (l) => compareLotIds(l.id, lotId) < 0 && l.intendedAward === null && l.award === null,
  );
  return pending?.id ?? null;
}

/** Lots before `lotId` whose intended or final award went to `supplierId`. */
export function lotsWonBefore(lots: readonly LotAwards[], lotId: string, supplierId: string): string[] {
  return inAwardOrder(lots)
    .filter((l) => compareLotIds(l.id, lotId) < 0)
    .filter((l) => {
      const bidId = l.award?.bidId ?? l.intendedAward?.bidId;
      return bidId !== undefined && parseBidId(bidId).supplierId === supplierId;
    })
    .map((l) => l.id);
}

export interface RankedCandidate {
  bidId: string;
  supplierId: string;
  /** null: not compliant. */
  rank: number | null;
}

export interface PassedOver {
  bidId: string;
  supplierId: string;
  rank: number;
  reason: string;
}

/**
 * How `maxLotsPerSupplier` bears on one lot's ranking: a supplier is capped when it won `max` earlier
 * lots (`wonBefore` names them; `max` null: no cap). `eligible` is the best-ranked compliant bid of a
 * supplier under the cap; `passedOver(rank)` the compliant bids ranked better than `rank` whose
 * supplier is capped, each with the reason.
 */
export function lotCap(
  ranking: readonly RankedCandidate[],
  wonBefore: (supplierId: string) => string[],
  max: number | null,
): {
  eligible: (RankedCandidate & { rank: number }) | null;
  capped: (supplierId: string) => boolean;
  passedOver: (rank: number) => PassedOver[];
} {
  const capped = (supplierId: string) => max !== null && wonBefore(supplierId).length >= max;
  const compliant = ranking
    .filter((r): r is RankedCandidate & { rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank);
  const passedOver = (rank: number) =>
    compliant
      .filter((bid) => bid.rank < rank && capped(bid.supplierId))
      .map((bid) => {
        const won = wonBefore(bid.supplierId);
        return {
          bidId: bid.bidId,
          supplierId: bid.supplierId,
          rank: bid.rank,
          reason: `the supplier already won ${won.length === 1 ? "lot" : "lots"} ${won.join(", ")} and may win at most ${max} (maxLotsPerSupplier)`,
        };
      });
  return { eligible: compliant.find((bid) => !capped(bid.supplierId)) ?? null, capped, passedOver };
}

/** The checks of a tender's lots as sent; paths relative to the body. */
export function lotErrors(
  lots: readonly { id: string; estimatedValueCents: number; criteria?: number }[],
  maxLotsPerSupplier: number | null | undefined,
  estimatedValueCents: number | undefined,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  lots.forEach((lot, i) => {
    if (seen.has(lot.id))
      errors.push({ path: `body.lots.${i}.id`, message: `lot "${lot.id}" appears twice` });
    seen.add(lot.id);
  });
  if (lots.length > MAX_LOTS)
    errors.push({ path: "body.lots", message: `at most ${MAX_LOTS} lots per tender` });
  const criteria = lots.reduce((total, l) => total + (l.criteria ?? 0), 0);
  if (criteria > MAX_CRITERIA_PER_TENDER)
    errors.push({
      path: "body.lots",
      message: `at most ${MAX_CRITERIA_PER_TENDER} quality criteria over all lots; these have ${criteria}`,
    });
  if (maxLotsPerSupplier != null && maxLotsPerSupplier > lots.length)
    errors.push({
      path: "body.maxLotsPerSupplier",
      message: `at most the number of lots (${lots.length})`,
    });
  const sum = lots.reduce((total, l) => total + l.estimatedValueCents, 0);
  if (estimatedValueCents !== undefined && estimatedValueCents !== sum)
    errors.push({
      path: "body.estimatedValue",
      message: `the tender's value is the sum of its lots' values (${(sum / 100).toFixed(2)})`,
    });
  return errors;
}
