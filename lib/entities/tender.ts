/**
 * Tender: TENDER#<id> / TENDER   (gsi1: BUYER#<org>#TENDERS / <createdAt>#<id>; gsi2 once published:
 * TENDERS#PUBLISHED / <deadline>#<id>; gsi3 once published: BUYER#<org>#PUBLISHED / <publishedAt>#<id>). Its partition also holds the bids, committee scores,
 * evaluation runs and score corrections (bid.ts, committee-scores.ts, evaluation.ts, score-correction.ts).
 */
import * as z from "zod";
import type { AwardModel, TableUse } from "../domain/scoring/types.js";
import { CONTRACT_TYPES } from "../domain/sroi/obligation.js";
import { amsterdamDate } from "../domain/amsterdam-time.js";
import { DEFAULT_PROCEDURE, PROCEDURES } from "../domain/procurement/procedure.js";
import { entity } from "../store/entity.js";
import { TENDER_STATUSES } from "../domain/tenders.js";
import { LOT_STATUSES } from "../domain/lots.js";
import { domainObject, storedMoney } from "./parts.js";

/** Bids, scores, evaluations and corrections carry their lot's id in their keys; lot "1" is a tender's default. */
export { DEFAULT_LOT } from "../domain/lots.js";

const by = { at: z.string(), by: z.string() };

const evaluation = z.looseObject({
  ...by,
  run: z.string(),
  inputDigest: z.string(),
  engineVersion: z.string(),
});
const intendedAward = z
  .looseObject({
    bidId: z.string(),
    rank: z.number().int(),
    reason: z.string().nullable(),
    ...by,
    standstillEndsAt: z.string(),
    finalAwardPossibleFrom: z.string().optional(),
  })
  // Stored before the date was recorded: their standstill ended on the Amsterdam date of its end.
  .transform((a) => ({
    ...a,
    finalAwardPossibleFrom: a.finalAwardPossibleFrom ?? amsterdamDate(new Date(a.standstillEndsAt)),
  }));
// `value` is absent on tenders awarded before it was recorded.
const award = z.looseObject({
  ...by,
  bidId: z.string(),
  contractId: z.string(),
  value: storedMoney.optional(),
});

/**
 * A lot with its own value, award model and process state. Tenders stored before lots had only
 * `{ id: "1", title }`, their state at the top level; the primary lot (lib/domain/lots.ts) keeps its
 * award model at the top level only (one copy: the item stays far below 400 KB). Reading fills what
 * a lot lacks from the top level (lib/tenders/tenders.ts).
 */
const lot = z.looseObject({
  id: z.string(),
  title: z.string(),
  estimatedValue: storedMoney.optional(),
  awardModel: domainObject<AwardModel>("method").optional(),
  status: z.enum(LOT_STATUSES).nullable().optional(),
  evaluation: evaluation.nullable().optional(),
  intendedAward: intendedAward.nullable().optional(),
  award: award.nullable().optional(),
});

export const tenderEntity = entity(
  "tender",
  { pk: "TENDER#<tenderId>", sk: "TENDER" },
  {
    id: z.string(),
    buyerId: z.string(),
    regionId: z.string(),
    description: z.string().nullable(),
    labourShare: z.number().nullable(),
    pricesSealedUntilQualityScored: z.boolean(),
    // Absent on tenders stored before it was asked: bid prices were not published.
    publishBidPrices: z.boolean().default(false),
    standstillDays: z.number().int(),
    // Tenders stored before the procedure was recorded were open procedures under the Act's counting.
    procedure: z.enum(PROCEDURES).default(DEFAULT_PROCEDURE),
    algemeneTermijnenwet: z.boolean().default(true),
    lots: z.array(lot),
    // Absent on tenders stored before lots: no cap.
    maxLotsPerSupplier: z.number().int().nullable().optional(),
    status: z.enum(TENDER_STATUSES),
    published: z
      .looseObject({ ...by, tables: z.array(domainObject<TableUse>("kind", "id", "version")) })
      .nullable(),
    opened: z.looseObject({ ...by, bidCount: z.number().int() }).nullable(),
    evaluation: evaluation.nullable(),
    intendedAward: intendedAward.nullable(),
    award: award.nullable(),
    cancellation: z.looseObject({ reason: z.string(), ...by }).nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
    reference: z.string(),
    title: z.string(),
    cpvCode: z.string(),
    estimatedValue: storedMoney,
    contractType: z.enum(CONTRACT_TYPES),
    contractPeriod: z.looseObject({ startDate: z.string(), endDate: z.string() }),
    submissionDeadline: z.string(),
    awardModel: domainObject<AwardModel>("method"),
    /** Absent on tenders stored before it was asked. */
    noImpactCriteriaReason: z.string().nullable().default(null),
  },
);

/** The tender's partition, which its bids, scores, evaluations and corrections share. */
export const tenderPartition = (id: string) => `TENDER#${id}`;

export const tenderKey = (id: string) => ({ pk: tenderPartition(id), sk: "TENDER" });

/** Written with a new tender: its buyer's list. */
export const tenderIndexKeys = (tender: { id: string; buyerId: string; createdAt: string }) => ({
  gsi1pk: `BUYER#${tender.buyerId}#TENDERS`,
  gsi1sk: `${tender.createdAt}#${tender.id}`,
});

/** Written at publication: the suppliers' list of published tenders. */
export const publishedTenderIndexKeys = (tender: { id: string; submissionDeadline: string }) => ({
  gsi2pk: "TENDERS#PUBLISHED",
  gsi2sk: `${tender.submissionDeadline}#${tender.id}`,
});

/**
 * Written at publication (and by the list-keys backfill on tenders published before it existed): the
 * buyer's tenders by publication instant, which the impact monitor reads by period.
 */
export const publicationIndexKeys = (tender: { id: string; buyerId: string }, publishedAt: string) => ({
  gsi3pk: `BUYER#${tender.buyerId}#PUBLISHED`,
  gsi3sk: `${publishedAt}#${tender.id}`,
});

/** Whether a stored tender carries the publication index keys. */
export const hasPublicationIndexKeys = (item: Record<string, unknown>) => typeof item.gsi3pk === "string";

export const tenderQueries = {
  /** A municipality's tenders, newest first. */
  ofBuyer: (buyerId: string) => ({
    index: "gsi1" as const,
    pk: `BUYER#${buyerId}#TENDERS`,
    newestFirst: true,
  }),
  /** A municipality's tenders published between two instants (ISO strings, both inclusive). */
  publishedBy: (buyerId: string, from: string, to: string) => ({
    index: "gsi3" as const,
    pk: `BUYER#${buyerId}#PUBLISHED`,
    skBetween: [from, `${to}~`] as const,
  }),
  /** Every published tender, latest deadline first. */
  published: () => ({ index: "gsi2" as const, pk: "TENDERS#PUBLISHED", newestFirst: true }),
};
