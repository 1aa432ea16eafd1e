/**
 * Contract: CONTRACT#<id> / CONTRACT   (gsi1: BUYER#<buyer>#CONTRACTS / <startDate>#<id>;
 * gsi2: SUPPLIER#<supplier>#CONTRACTS / <startDate>#<id>). CONTRACT#<id> is the partition of the whole
 * aggregate: obligation and commitment versions, totals, entries, claims and markers live beside it.
 */
import * as z from "zod";
import { MONTH_COUNTING } from "../domain/sroi/months.js";
import { CONTRACT_TYPES, COUNTING_MAXIMUM_PER, OBLIGATION_BASES } from "../domain/sroi/obligation.js";
import { psoLevelFromStored } from "../domain/sroi/pso.js";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";

const cents = z.number().int();

const promise = z.looseObject({
  id: z.string(),
  kind: z.enum(["co2-ladder", "mki", "other"]),
  description: z.string(),
  promised: z.string(),
  advantageCents: cents,
  status: z.enum(["pending", "met", "not-met", "partly-met"]),
  achieved: z.string().optional(),
  note: z.string().optional(),
  verifiedAt: z.string().optional(),
  verifiedBy: z.string().optional(),
  sanction: z
    .looseObject({ cents, unearnedCents: cents, factor: z.number(), formula: z.string() })
    .optional(),
});

export const contractEntity = entity(
  "contract",
  { pk: "CONTRACT#<id>", sk: "CONTRACT" },
  {
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    regionId: z.string(),
    buyerId: z.string(),
    supplierId: z.string(),
    type: z.enum(CONTRACT_TYPES),
    valueCents: cents,
    labourShare: z.number().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    awardDate: z.string(),
    /** A name; digits stored before levels had names read through lib/domain/sroi/pso.ts. */
    psoLevel: z.preprocess(psoLevelFromStored, z.string().nullable()),
    /** Absent on contracts stored before it existed: no limit known. */
    psoCertificateValidUntil: z.string().nullable().default(null),
    source: z.enum(["award", "registered", "import"]),
    tenderId: z.string().nullable(),
    // Absent on contracts stored before lots.
    lotId: z.string().nullable().optional(),
    policy: z.looseObject({
      id: z.string(),
      version: z.number().int(),
      catalogueId: z.string(),
      valuationDate: z.enum(["activity-start", "award-date"]),
      reviewDays: z.number(),
      recoveryDays: z.number(),
      retentionMonths: z.number(),
      sanctionFactor: z.number(),
      monthCounting: z.enum(MONTH_COUNTING).optional(),
      countingMaximumPer: z.enum(COUNTING_MAXIMUM_PER).optional(),
      allowPooling: z.boolean().optional(),
      // Absent on contracts stored before it was recorded (then the policy version's base counts).
      base: z.enum(OBLIGATION_BASES).optional(),
    }),
    awardCatalogue: z.looseObject({ id: z.string(), version: z.string() }),
    obligation: z.looseObject({ version: z.number().int(), cents, applies: z.boolean() }),
    commitment: z.looseObject({ version: z.number().int(), cents }).nullable(),
    promises: z.array(promise),
    settlement: z
      .looseObject({
        outcome: z.enum(["withheld", "invoiced", "waived"]),
        shortfallCents: cents,
        reason: z.string(),
        at: z.string(),
        by: z.string(),
      })
      .nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
    /** Set by the retention run that replaced the candidate references. */
    pseudonymisedAt: z.string().optional(),
    lastOpId: z.string().optional(),
  },
);

/** The partition key of one contract and everything it keeps. */
export const contractPartition = (id: string) => `CONTRACT#${id}`;

export const contractKey = (id: string) => ({ pk: contractPartition(id), sk: "CONTRACT" });

export const contractIndexKeys = (contract: {
  id: string;
  buyerId: string;
  supplierId: string;
  startDate: string;
}) => ({
  gsi1pk: `BUYER#${contract.buyerId}#CONTRACTS`,
  gsi1sk: `${contract.startDate}#${contract.id}`,
  gsi2pk: `SUPPLIER#${contract.supplierId}#CONTRACTS`,
  gsi2sk: `${contract.startDate}#${contract.id}`,
});

export const contractQueries = {
  /** A municipality's contracts, latest start first. */
  ofBuyer: (buyerId: string): AccessPattern => ({
    index: "gsi1",
    pk: `BUYER#${buyerId}#CONTRACTS`,
    newestFirst: true,
  }),
  /** A supplier's contracts, latest start first. */
  ofSupplier: (supplierId: string): AccessPattern => ({
    index: "gsi2",
    pk: `SUPPLIER#${supplierId}#CONTRACTS`,
    newestFirst: true,
  }),
  /** Every item of one contract's partition, whatever its kind (tell them apart with the entities' predicates). */
  partition: (id: string): AccessPattern => ({ pk: contractPartition(id) }),
};
