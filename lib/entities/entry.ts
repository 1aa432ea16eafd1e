/**
 * Realisation entry: CONTRACT#<id> / ENTRY#<entryId>
 *   gsi3: CONTRACT#<id>#ENTRIES / STATUS#<status>#<entryId>, a contract's entries by status; the write
 *         that changes the status changes this key with it.
 * While submitted it is in the review queue, a sparse index:
 *   gsi1: REVIEWQ#BUYER#<buyer> / <submittedAt>#<contractId>#<entryId>;
 *   gsi2: REVIEWQ#REGION#<region> / <submittedAt>#<contractId>#<entryId>.
 */
import * as z from "zod";
import { SOCIAL_ENTERPRISE_KINDS, storedQualification } from "../domain/impact/organisations.js";
import { BLOCK_KINDS } from "../domain/sroi/catalogue.js";
import { TARGET_GROUP_EVIDENCE_KINDS } from "../domain/sroi/target-group.js";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import type { Key } from "../store/ops.js";
import { contractPartition } from "./contract.js";
import { storedReview } from "./parts.js";

const STATUSES = ["submitted", "accepted", "rejected"] as const;
type Status = (typeof STATUSES)[number];

export const entryEntity = entity(
  "entry",
  { pk: "CONTRACT#<contractId>", sk: "ENTRY#<entryId>" },
  {
    id: z.string(),
    contractId: z.string(),
    supplierId: z.string(),
    status: z.enum(STATUSES),
    blockId: z.string(),
    kind: z.enum(BLOCK_KINDS),
    targetGroup: z.string().nullable(),
    catalogue: z.looseObject({ id: z.string(), version: z.string() }),
    candidateRef: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    fte: z.number().nullable(),
    hours: z.number().nullable(),
    units: z.number().nullable(),
    invoice: z
      .looseObject({
        invoiceNumber: z.string(),
        date: z.string(),
        amountCents: z.number().int(),
        vendorKvk: z.string(),
        // Entries stored before the qualification came from the organisation may say "social-enterprise".
        vendorQualification: z.preprocess(
          (v) => (typeof v === "string" ? storedQualification(v) : v),
          z.enum(SOCIAL_ENTERPRISE_KINDS),
        ),
      })
      .nullable(),
    bonuses: z.array(z.string()),
    evidence: z.array(z.string()),
    /** Absent on entries stored before it existed. */
    targetGroupEvidence: z
      .looseObject({ kind: z.enum(TARGET_GROUP_EVIDENCE_KINDS), date: z.string() })
      .nullable()
      .optional(),
    period: z.string(),
    note: z.string().optional(),
    reportedMonths: z.string().nullable(),
    countedMonths: z.string().nullable(),
    valueCents: z.number().int(),
    formula: z.string(),
    reverses: z.string().nullable(),
    submittedAt: z.string(),
    submittedBy: z.string(),
    submittedByOrg: z.string(),
    review: storedReview.nullable(),
    totals: z.enum(["pending", "applied"]),
    /** The review's operation; null again when a failed review was undone. */
    reviewOpId: z.string().nullable().optional(),
    /** The bulk upload that wrote the entry. */
    uploadOpId: z.string().optional(),
    lastOpId: z.string().optional(),
  },
);

const PREFIX = "ENTRY#";

export const entryKey = (contractId: string, entryId: string) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${entryId}`,
});

/** An entry item. */
export const isEntry = (key: Pick<Key, "sk">) => key.sk.startsWith(PREFIX);

const byStatus = (contractId: string) => `${contractPartition(contractId)}#ENTRIES`;
const statusPrefix = (status: Status) => `STATUS#${status}#`;

/** The status index keys of an entry: written with the entry, and again by every write of its status. */
export const entryIndexKeys = (entry: { contractId: string; id: string; status: Status }) => ({
  gsi3pk: byStatus(entry.contractId),
  gsi3sk: `${statusPrefix(entry.status)}${entry.id}`,
});

/** Whether a stored entry carries the status index keys of its current status. */
export const hasEntryIndexKeys = (item: Record<string, unknown>) => {
  const entry = item as { contractId: string; id: string; status: Status };
  const keys = entryIndexKeys(entry);
  return item.gsi3pk === keys.gsi3pk && item.gsi3sk === keys.gsi3sk;
};

const buyerQueue = (buyerId: string) => `REVIEWQ#BUYER#${buyerId}`;
const regionQueue = (regionId: string) => `REVIEWQ#REGION#${regionId}`;

/** The review queue's index keys of a submitted entry, oldest first in both queues. */
export const reviewQueueIndexKeys = (
  contract: { id: string; buyerId: string; regionId: string },
  entry: { id: string; submittedAt: string },
) => {
  const sk = `${entry.submittedAt}#${contract.id}#${entry.id}`;
  return {
    gsi1pk: buyerQueue(contract.buyerId),
    gsi1sk: sk,
    gsi2pk: regionQueue(contract.regionId),
    gsi2sk: sk,
  };
};

/** The fields that put an entry in the review queue (removed when it is reviewed). */
export const REVIEW_QUEUE_FIELDS = ["gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"];

/** Whether a stored entry carries the review queue's index keys. */
export const inReviewQueue = (item: Record<string, unknown>) => Boolean(item.gsi2pk);

export const entryQueries = {
  /** A contract's entries in id order (time-sortable ids). */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
  /** A contract's entries of one status, in id order: a key condition, so a page costs one query. */
  ofContractWithStatus: (contractId: string, status: Status): AccessPattern => ({
    index: "gsi3",
    pk: byStatus(contractId),
    skBeginsWith: statusPrefix(status),
  }),
  /** A municipality's entries awaiting review, oldest first (only submitted entries carry its keys). */
  reviewQueueOfBuyer: (buyerId: string): AccessPattern => ({ index: "gsi1", pk: buyerQueue(buyerId) }),
  /** A region's entries awaiting review, oldest first (only submitted entries carry its keys). */
  reviewQueueOfRegion: (regionId: string): AccessPattern => ({ index: "gsi2", pk: regionQueue(regionId) }),
};
