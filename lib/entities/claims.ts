/**
 * Claims on a candidate, each one document written with a version check:
 * - in one contract: CONTRACT#<id> / CAND#<candidateRef>, its periods (no overlap; months counted before);
 * - across one supplier's contracts: SUPPLIER#<supplier>#CAND#<candidateRef> / FTE, its FTE periods
 *   (≤ 1 FTE on any day).
 * A released period stays listed (released: true) so a retried step finds it.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import type { Key } from "../store/ops.js";
import { contractPartition } from "./contract.js";

const candidatePeriodFields = {
  entryId: z.string(),
  blockId: z.string(),
  start: z.string(),
  end: z.string(),
  monthsTicks: z.number().int(),
  monthsBeforeTicks: z.number().int(),
  released: z.boolean().optional(),
};

const ftePeriodFields = {
  contractId: z.string(),
  entryId: z.string(),
  start: z.string(),
  end: z.string(),
  fte: z.number(),
  released: z.boolean().optional(),
};

const candidateClaimFields = {
  periods: z.array(z.looseObject(candidatePeriodFields)),
  version: z.number().int(),
};

const fteClaimFields = {
  periods: z.array(z.looseObject(ftePeriodFields)),
  version: z.number().int(),
};

export const candidateClaimEntity = entity(
  "candidate claim",
  { pk: "CONTRACT#<contractId>", sk: "CAND#<candidateRef>" },
  candidateClaimFields,
);
export const fteClaimEntity = entity(
  "candidate FTE claim",
  { pk: "SUPPLIER#<supplierId>#CAND#<candidateRef>", sk: "FTE" },
  fteClaimFields,
);

export type CandidatePeriod = z.output<z.ZodObject<typeof candidatePeriodFields>>;
export type FtePeriod = z.output<z.ZodObject<typeof ftePeriodFields>>;
export type CandidateClaim = z.output<z.ZodObject<typeof candidateClaimFields>>;
export type FteClaim = z.output<z.ZodObject<typeof fteClaimFields>>;

const CANDIDATE_PREFIX = "CAND#";

/** Claim of a candidate's periods in one contract (no overlap, counting maximum). */
export const candidateClaimKey = (contractId: string, candidateRef: string) => ({
  pk: contractPartition(contractId),
  sk: `${CANDIDATE_PREFIX}${candidateRef}`,
});

/** Claim of a candidate's FTE across all contracts of one supplier (≤ 1 FTE on any day). */
export const fteClaimKey = (supplierId: string, candidateRef: string) => ({
  pk: `SUPPLIER#${supplierId}#${CANDIDATE_PREFIX}${candidateRef}`,
  sk: "FTE",
});

/** A contract's claim on a candidate (it names the candidate). */
export const isCandidateClaim = (key: Pick<Key, "sk">) => key.sk.startsWith(CANDIDATE_PREFIX);
