import * as z from "zod";
import { BALANCE_STATUSES } from "../../domain/sroi/balance.js";

/**
 * The OCDS 1.1 release package of a tender's process, as GET /v1/tenders/{tenderId}/ocds answers it:
 * the subset of the release schema (with the lots, bid and awardCriteriaBreakdown extensions and our
 * own extension, lib/ocds/extension/) that the service fills. Strict objects, so a field added to the
 * mapping without being described here fails the response check. Conformance to the official schema is
 * tested separately, against the official files (lib/ocds/schema/).
 */

const dateTime = z.iso.datetime({ offset: true });
const text = z.string().min(1);

/** OCDS Value: euros, as on the rest of the API. */
export const ocdsValue = z.strictObject({ amount: z.number(), currency: z.literal("EUR") });
export const ocdsPeriod = z.strictObject({ startDate: dateTime.optional(), endDate: dateTime.optional() });

const identifier = z.strictObject({ scheme: text, id: text, legalName: text.optional() });
export const ocdsOrganizationReference = z.strictObject({ id: text, name: text });
export const PARTY_ROLES = ["buyer", "procuringEntity", "tenderer", "supplier"] as const;
export const ocdsParty = z.strictObject({
  id: text,
  name: text,
  identifier: identifier.optional(),
  roles: z.array(z.enum(PARTY_ROLES)).min(1),
});

const classification = z.strictObject({ scheme: z.literal("CPV"), id: text });
const item = z.strictObject({
  id: text,
  description: text,
  classification,
  relatedLot: text,
});

/** awardCriteriaBreakdown extension: a criterion with its weight or threshold. */
const criterionNumber = z.strictObject({
  number: z.number(),
  weight: z.literal("pointsExact").optional(),
  threshold: z.literal("minimumScore").optional(),
});
const awardCriterion = z.strictObject({
  type: z.enum(["price", "cost", "quality"]),
  name: text,
  description: text.optional(),
  numbers: z.array(criterionNumber).min(1).optional(),
});
export const ocdsAwardCriteria = z.strictObject({
  weightingDescription: text.optional(),
  criteria: z.array(awardCriterion).min(1),
});

const TENDER_STATUSES = ["active", "cancelled", "complete"] as const;
const lot = z.strictObject({
  id: text,
  title: text.optional(),
  status: z.enum(TENDER_STATUSES),
  value: ocdsValue.optional(),
  contractPeriod: ocdsPeriod.optional(),
  awardCriteria: ocdsAwardCriteria.optional(),
});

/** The tender section: in full in the tender release, only id, status and lots' status later. */
export const ocdsTender = z.strictObject({
  id: text,
  title: text.optional(),
  description: text.optional(),
  status: z.enum(TENDER_STATUSES),
  procuringEntity: ocdsOrganizationReference.optional(),
  items: z.array(item).optional(),
  value: ocdsValue.optional(),
  procurementMethod: z.enum(["open", "selective", "limited", "direct"]).optional(),
  procurementMethodDetails: text.optional(),
  mainProcurementCategory: z.enum(["goods", "works", "services"]).optional(),
  awardCriteria: z.enum(["priceOnly", "costOnly", "ratedCriteria"]).optional(),
  awardCriteriaDetails: text.optional(),
  submissionMethod: z.array(z.literal("electronicSubmission")).optional(),
  tenderPeriod: ocdsPeriod.optional(),
  contractPeriod: ocdsPeriod.optional(),
  lots: z.array(lot).min(1),
  lotDetails: z.strictObject({ maximumLotsAwardedPerSupplier: z.int().min(1) }).optional(),
  /** Local extension: why a published tender was cancelled. */
  cancellationReason: text.optional(),
});

/** bid extension: counts, and after the final award the lowest and highest valid bid values. */
export const BID_STATISTICS = ["bids", "validBids", "lowestValidBidValue", "highestValidBidValue"] as const;
const bidStatistic = z.strictObject({
  id: text,
  measure: z.enum(BID_STATISTICS),
  date: dateTime,
  value: z.number(),
  currency: z.literal("EUR").optional(),
  relatedLot: text,
});

/** Local extension: a bid's score in the lot's final evaluation. */
const criterionScore = z.strictObject({
  id: text,
  name: text,
  score: z.number(),
  scale: z.strictObject({ min: z.number(), max: z.number() }),
  minimumScore: z.number().nullable(),
  meetsMinimum: z.boolean(),
  points: z.number().nullable(),
  maxPoints: z.number().nullable(),
  /** Award on value: what the score is worth, and the top score. */
  value: ocdsValue.optional(),
  maxValue: ocdsValue.optional(),
});
export const ocdsScoreBreakdown = z.strictObject({
  method: z.enum(["lowest-price", "lowest-cost", "weighted-points", "award-on-value"]),
  compliant: z.boolean(),
  /** Only with the bid's value: a reason may quote an amount that follows from the price. */
  reasons: z.array(text).optional(),
  criteria: z.array(criterionScore),
  socialReturn: z
    .strictObject({
      mode: z.enum(["minimum", "points", "euro-credit"]),
      meetsMinimum: z.boolean().nullable(),
      points: z.number().nullable(),
    })
    .nullable(),
  /** Figures from which the bid's price follows: only with the bid's value (the winner, or publishBidPrices). */
  pricePoints: z.strictObject({ points: z.number(), maxPoints: z.number() }).nullable().optional(),
  totalScore: z.number().nullable().optional(),
  evaluatedValue: ocdsValue.optional(),
});
const bid = z.strictObject({
  id: text,
  date: dateTime,
  status: z.enum(["pending", "valid", "disqualified"]),
  tenderers: z.array(ocdsOrganizationReference).min(1),
  value: ocdsValue.optional(),
  relatedLots: z.array(text).min(1),
  /** Local extension: 1 = best; null: not compliant, so not ranked. */
  rank: z.int().min(1).nullable(),
  scoreBreakdown: ocdsScoreBreakdown.optional(),
});
export const ocdsBids = z.strictObject({
  statistics: z.array(bidStatistic).optional(),
  details: z.array(bid).optional(),
});

export const ocdsAward = z.strictObject({
  id: text,
  title: text,
  status: z.literal("active"),
  date: dateTime,
  value: ocdsValue.optional(),
  suppliers: z.array(ocdsOrganizationReference).min(1),
  contractPeriod: ocdsPeriod,
  relatedLots: z.array(text).min(1),
  relatedBid: text,
});

/** OCDS Milestone (core), as the contract's implementation lists them. */
export const ocdsMilestone = z.strictObject({
  id: text,
  title: text.optional(),
  type: text.optional(),
  description: text.optional(),
  code: text.optional(),
  dueDate: dateTime.optional(),
  dateMet: dateTime.optional(),
  dateModified: dateTime.optional(),
  status: z.enum(["scheduled", "met", "notMet", "partiallyMet"]).optional(),
});

/**
 * The contract's implementation: its social-return milestones and the realised value per period
 * (lib/ocds/implementation.ts is where a contract's implementation is built).
 */
export const ocdsImplementation = z.strictObject({
  milestones: z.array(ocdsMilestone).optional(),
  socialReturn: z
    .strictObject({
      obligation: ocdsValue,
      realisedValue: ocdsValue,
      pooledIn: ocdsValue,
      pooledOut: ocdsValue,
      balanceStatus: z.enum(BALANCE_STATUSES),
      asOf: dateTime,
      totalsVerified: z.boolean(),
      periods: z.array(
        z.strictObject({
          id: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          period: z.strictObject({ startDate: dateTime, endDate: dateTime }),
          realisedValue: ocdsValue,
        }),
      ),
    })
    .optional()
    .describe("Local extension: the social return realised, per month (lib/ocds/social-return.ts)."),
});

export const ocdsContract = z.strictObject({
  id: text,
  awardID: text,
  title: text,
  status: z.enum(["pending", "active", "cancelled", "terminated"]),
  period: ocdsPeriod,
  value: ocdsValue,
  dateSigned: dateTime.optional(),
  implementation: ocdsImplementation.optional(),
});

export const RELEASE_TAGS = ["tender", "tenderUpdate", "tenderCancellation", "award", "contract"] as const;
export const ocdsRelease = z.strictObject({
  ocid: text,
  id: text,
  date: dateTime,
  tag: z.array(z.enum(RELEASE_TAGS)).min(1),
  initiationType: z.literal("tender"),
  parties: z.array(ocdsParty),
  buyer: ocdsOrganizationReference,
  tender: ocdsTender,
  bids: ocdsBids.optional(),
  awards: z.array(ocdsAward).optional(),
  contracts: z.array(ocdsContract).optional(),
});

export const ocdsReleasePackage = z.strictObject({
  uri: z.url(),
  version: z.literal("1.1"),
  extensions: z.array(z.url()),
  publishedDate: dateTime,
  publisher: z.strictObject({
    name: text,
    scheme: text.optional(),
    uid: text.optional(),
    uri: z.url().optional(),
  }),
  license: z.url().optional(),
  publicationPolicy: z.url().optional(),
  releases: z.array(ocdsRelease).min(1),
});

export type OcdsValue = z.infer<typeof ocdsValue>;
export type OcdsPeriod = z.infer<typeof ocdsPeriod>;
export type OcdsParty = z.infer<typeof ocdsParty>;
export type OcdsPartyRole = (typeof PARTY_ROLES)[number];
export type OcdsOrganizationReference = z.infer<typeof ocdsOrganizationReference>;
export type OcdsAwardCriteria = z.infer<typeof ocdsAwardCriteria>;
export type OcdsTender = z.infer<typeof ocdsTender>;
export type OcdsBids = z.infer<typeof ocdsBids>;
export type OcdsBid = z.infer<typeof bid>;
export type OcdsBidStatistic = z.infer<typeof bidStatistic>;
export type OcdsScoreBreakdown = z.infer<typeof ocdsScoreBreakdown>;
export type OcdsAward = z.infer<typeof ocdsAward>;
export type OcdsMilestone = z.infer<typeof ocdsMilestone>;
export type OcdsImplementation = z.infer<typeof ocdsImplementation>;
export type OcdsContract = z.infer<typeof ocdsContract>;
export type OcdsRelease = z.infer<typeof ocdsRelease>;
export type OcdsReleasePackage = z.infer<typeof ocdsReleasePackage>;
