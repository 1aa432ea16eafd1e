/**
 * Response bodies of the contracts area: contracts, obligation and commitment versions, balances,
 * contract imports and the admin actions (entries: entries.ts). Money is euros on the wire (cents inside).
 */
import * as z from "zod";
import { BALANCE_STATUSES } from "../../domain/sroi/balance.js";
import { BLOCK_KINDS } from "../../domain/sroi/catalogue.js";
import { CONTRACT_TYPES } from "../../domain/sroi/obligation.js";
import { isoDateSchema, isoDateTimeSchema, moneySchema, pageOf } from "../common.js";
import {
  periodSchema,
  promiseSchema,
  reviewSchema,
  settlementSchema,
  verifyPromiseSchema,
} from "../contracts.js";
import { policyBodySchema, valuationLineSchema } from "../sroi.js";

export const count = z.number().int().min(0);
const version = z.number().int().min(1);
export const catalogueRef = z.strictObject({ id: z.string(), version: z.string() });
const policyRef = z.strictObject({ id: z.string(), version });
/** A reviewer's decision on an entry or a base amount. */
export const reviewRecord = z.strictObject({
  decision: reviewSchema.shape.decision,
  reason: z.string(),
  at: isoDateTimeSchema,
  by: z.string(),
  /** The reviewer's role (an auditor or the buying officer). */
  role: z.string(),
  orgId: z.string(),
});

// ---------- contracts ----------

const sanctionResponse = z.strictObject({
  amount: moneySchema,
  unearned: moneySchema,
  factor: z.number(),
  formula: z.string(),
});

const promiseResponse = z.strictObject({
  id: z.string(),
  kind: promiseSchema.shape.kind,
  description: z.string(),
  promised: z.string(),
  status: z.enum(["pending", ...verifyPromiseSchema.shape.status.options]),
  achieved: z.string().optional(),
  verifiedAt: isoDateTimeSchema.optional(),
  verifiedBy: z.string().optional(),
  note: z.string().optional(),
  advantage: moneySchema,
  /** Absent while pending or when met. */
  sanction: sanctionResponse.optional(),
});

const settlementFields = {
  outcome: settlementSchema.shape.outcome,
  reason: z.string(),
  at: isoDateTimeSchema,
  by: z.string(),
};

export const contractResponse = z.strictObject({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  regionId: z.string(),
  buyerId: z.string(),
  supplierId: z.string(),
  type: z.enum(CONTRACT_TYPES),
  value: moneySchema,
  labourShare: z.number().nullable(),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  awardDate: isoDateSchema,
  /** A level name; "legacy-<n>" for a digit stored before names that maps to none (no discount). */
  psoLevel: z.string().nullable(),
  psoCertificateValidUntil: isoDateSchema.nullable(),
  /** The certificate expires before the contract ends: its PSO discount stops at expiry. */
  psoCertificateExpiresDuringContract: z.boolean(),
  source: z.enum(["award", "registered", "import"]),
  tenderId: z.string().nullable(),
  /** The lot of the tender this contract awards; null when it does not come from a tender. */
  lotId: z.string().nullable(),
  policy: z.strictObject({
    id: z.string(),
    version,
    catalogueId: z.string(),
    valuationDate: policyBodySchema.shape.valuationDate,
    reviewDays: count,
    recoveryDays: count,
    retentionMonths: count,
    sanctionFactor: z.number(),
    monthCounting: policyBodySchema.shape.monthCounting.removeDefault(),
    countingMaximumPer: policyBodySchema.shape.countingMaximumPer.removeDefault(),
    allowPooling: z.boolean(),
  }),
  awardCatalogue: catalogueRef,
  obligation: z.strictObject({ version, applies: z.boolean(), amount: moneySchema }),
  commitment: z.strictObject({ version, amount: moneySchema }).nullable(),
  promises: z.array(promiseResponse),
  settlement: z.strictObject({ ...settlementFields, shortfall: moneySchema }).nullable(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  version,
  /** Set once an admin has replaced the candidate references (retention). */
  pseudonymisedAt: isoDateTimeSchema.optional(),
});
export type ContractResponse = z.output<typeof contractResponse>;

export const obligationVersionResponse = z.strictObject({
  version,
  applies: z.boolean(),
  amount: moneySchema,
  steps: z.array(
    z.strictObject({
      step: z.enum(["threshold", "duration", "type", "percentage", "pso-discount", "cap"]),
      detail: z.string(),
      amount: moneySchema.optional(),
    }),
  ),
  policy: policyRef,
  basis: z.strictObject({
    value: moneySchema,
    type: z.enum(CONTRACT_TYPES),
    labourShare: z.number().nullable(),
    months: z.number(),
    psoLevel: z.string().nullable(),
    /** The sum of accepted base amounts, when the policy's base is invoiced turnover or wage bill. */
    invoicedTurnover: moneySchema.nullable().optional(),
    wageBill: moneySchema.nullable().optional(),
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
    psoCertificateValidUntil: isoDateSchema.nullable().optional(),
  }),
  reason: z.string(),
  at: isoDateTimeSchema,
  by: z.string(),
});
export type ObligationVersionResponse = z.output<typeof obligationVersionResponse>;

/** Every version, oldest first, on one page. */
export const obligationListResponse = pageOf(obligationVersionResponse);

export const commitmentVersionResponse = z.strictObject({
  version,
  /** The lines as the officer (or the winning bid) gave them. */
  lines: z.array(valuationLineSchema),
  valuation: z.strictObject({
    lines: z.array(
      z.strictObject({
        blockId: z.string(),
        kind: z.enum(BLOCK_KINDS),
        targetGroup: z.string().nullable(),
        value: moneySchema,
        reportedMonths: z.number().nullable(),
        countedMonths: z.number().nullable(),
        formula: z.string(),
      }),
    ),
    total: moneySchema,
    catalogue: catalogueRef,
  }),
  note: z.string().optional(),
  at: isoDateTimeSchema,
  by: z.string(),
});
export type CommitmentVersionResponse = z.output<typeof commitmentVersionResponse>;

/** Every version, oldest first, on one page. */
export const commitmentListResponse = pageOf(commitmentVersionResponse);

export const amendmentResponse = z.strictObject({
  contract: contractResponse,
  obligation: obligationVersionResponse,
});

export const commitmentUpdateResponse = z.strictObject({
  contract: contractResponse,
  commitment: commitmentVersionResponse,
});

// ---------- base amounts ----------

export const baseAmountResponse = z.strictObject({
  id: z.string().describe("<period>-r<n>: the n-th report of the period."),
  contractId: z.string(),
  period: periodSchema,
  base: z.enum(["invoiced-turnover", "wage-bill"]),
  amount: moneySchema,
  status: z.enum(["reported", "accepted", "rejected"]),
  reportedAt: isoDateTimeSchema,
  reportedBy: z.string(),
  reportedByOrg: z.string(),
  review: reviewRecord.nullable(),
});
export type BaseAmountResponse = z.output<typeof baseAmountResponse>;

export const baseAmountPageResponse = pageOf(baseAmountResponse);

/** A review: the amount, and when accepted the contract with its recomputed obligation version. */
export const baseAmountReviewResponse = z.strictObject({
  baseAmount: baseAmountResponse,
  contract: contractResponse,
  obligation: obligationVersionResponse.nullable(),
});

// ---------- balance ----------

const breakdownFields = {
  credited: moneySchema,
  pending: moneySchema,
  persons: count,
  fteYears: z.number(),
  reportedMonths: z.number(),
  countedMonths: z.number(),
};

export const balanceResponse = z.strictObject({
  contractId: z.string(),
  asOf: isoDateTimeSchema,
  obligation: moneySchema,
  committed: moneySchema,
  /** Accepted entries of this contract. */
  credited: moneySchema,
  /** Realisation transferred to and from other contracts of the supplier in the region (pooling); the shortfall, fulfilment, status and projection count credited − pooledOut + pooledIn. */
  pooledOut: moneySchema,
  pooledIn: moneySchema,
  pending: moneySchema,
  rejected: moneySchema,
  shortfall: moneySchema,
  overRealisation: moneySchema,
  /** null when there is no obligation. */
  fulfilmentPercent: z.number().nullable(),
  status: z.enum(BALANCE_STATUSES),
  elapsedPercent: z.number().min(0).max(100),
  /**
   * The obligation is an obligation to date (the policy's base is the invoiced turnover or wage bill, the
   * obligation follows the base amounts accepted so far): until the end expectedByNow is the obligation,
   * the status on-track or behind (never fulfilled) and there is no projection.
   */
  obligationToDate: z.boolean(),
  expectedByNow: moneySchema,
  projection: z.strictObject({
    atEnd: moneySchema.nullable(),
    shortfallAtEnd: moneySchema.nullable(),
    method: z.string(),
  }),
  ended: z.boolean(),
  recoveryDeadline: isoDateSchema.nullable(),
  /** The settlement as stored: its shortfall in cents (the contract shows it as money). */
  settlement: z.strictObject({ ...settlementFields, shortfallCents: z.number().int() }).nullable(),
  entries: z.strictObject({ submitted: count, accepted: count, rejected: count }),
  byBlock: z.array(
    z.strictObject({
      blockId: z.string(),
      kind: z.enum(BLOCK_KINDS),
      targetGroup: z.string().nullable(),
      ...breakdownFields,
    }),
  ),
  byTargetGroup: z.array(z.strictObject({ targetGroup: z.string(), ...breakdownFields })),
  rules: z.strictObject({
    policy: policyRef,
    obligationVersion: version,
    commitmentVersion: version.nullable(),
  }),
  totalsVerified: z.boolean(),
});
export type BalanceResponse = z.output<typeof balanceResponse>;

export const contractListResponse = pageOf(contractResponse.extend({ balance: balanceResponse }));

// ---------- bulk imports ----------

export const contractImportResponse = z.strictObject({
  written: z.literal(true),
  maxRows: count,
  results: z.array(
    z.strictObject({
      row: count,
      status: z.enum(["created", "exists"]),
      contractId: z.string(),
      /** Only on a contract this import created. */
      value: moneySchema.optional(),
    }),
  ),
});
export type ContractImportResponse = z.output<typeof contractImportResponse>;

// ---------- admin ----------

export const retentionResponse = z.strictObject({
  contractId: z.string(),
  replaced: count,
  claimItemsRemoved: count,
  /** The first day the references could be replaced. */
  retentionEnded: isoDateSchema,
});
export type RetentionResponse = z.output<typeof retentionResponse>;

export const recomputeResponse = z.strictObject({
  contractId: z.string(),
  consistent: z.boolean(),
  inFlight: z.number().int(),
  differences: z.array(z.strictObject({ field: z.string(), stored: z.string(), computed: z.string() })),
  repaired: z.boolean(),
  /** Entries read to recompute. */
  entries: count,
});
export type RecomputeResponse = z.output<typeof recomputeResponse>;

// ---------- pooling ----------

export const poolTransferResponse = z.strictObject({
  id: z.string(),
  /** "out" on the contract it was drawn from, "in" on the contract it was credited to. */
  direction: z.enum(["out", "in"]),
  fromContractId: z.string(),
  toContractId: z.string(),
  supplierId: z.string(),
  regionId: z.string(),
  amount: moneySchema,
  reason: z.string(),
  at: isoDateTimeSchema,
  by: z.string(),
  /** On the "out" side: true once the destination has it. */
  credited: z.boolean().optional(),
});
export type PoolTransferResponse = z.output<typeof poolTransferResponse>;

export const poolTransferPageResponse = pageOf(poolTransferResponse);
