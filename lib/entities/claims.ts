/**
 * Claims on a candidate: one document per (supplier, candidate), SUPPLIER#<supplier>#CAND#<candidateRef>
 * / FTE, written with a version check. It holds the candidate's periods in each of the supplier's
 * contracts (per contract: no overlap; months counted before) and its FTE periods across them (≤ 1 FTE
 * on any day), so one write claims both.
 * Earlier releases kept a contract's periods in a document of their own, CONTRACT#<id> /
 * CAND#<candidateRef> (the legacy claim). The first write for that contract marks it `moved` (it never
 * changes again) and copies its periods in, noting the contract as `adopted`; until then it is read too.
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

const legacyClaimFields = {
  ...candidateClaimFields,
  /** Copied into the supplier's claim; never changed again. */
  moved: z.boolean().optional(),
};

const contractPeriodFields = {
  contractId: z.string(),
  /** The contract's region (for a counting maximum per candidate in the region); absent on periods claimed before. */
  regionId: z.string().optional(),
  ...candidatePeriodFields,
};

const fteClaimFields = {
  /** FTE periods across the supplier's contracts. */
  periods: z.array(z.looseObject(ftePeriodFields)),
  /** Periods in each contract (no overlap within one contract). */
  contractPeriods: z.array(z.looseObject(contractPeriodFields)).optional(),
  /** Contracts whose periods all live here (a legacy claim of theirs, if any, was copied in). */
  adopted: z.array(z.string()).optional(),
  version: z.number().int(),
};

export const candidateClaimEntity = entity(
  "candidate claim",
  { pk: "CONTRACT#<contractId>", sk: "CAND#<candidateRef>" },
  legacyClaimFields,
);
export const fteClaimEntity = entity(
  "candidate FTE claim", // the name it was stored under; it now holds the contract periods too
  { pk: "SUPPLIER#<supplierId>#CAND#<candidateRef>", sk: "FTE" },
  fteClaimFields,
);

export type CandidatePeriod = z.output<z.ZodObject<typeof candidatePeriodFields>>;
export type FtePeriod = z.output<z.ZodObject<typeof ftePeriodFields>>;
export type ContractPeriod = z.output<z.ZodObject<typeof contractPeriodFields>>;
export type CandidateClaim = z.output<z.ZodObject<typeof legacyClaimFields>>;
export type FteClaim = z.output<z.ZodObject<typeof fteClaimFields>>;

const CANDIDATE_PREFIX = "CAND#";

/** Legacy claim of a candidate's periods in one contract, before they moved into the supplier's claim. */
export const candidateClaimKey = (contractId: string, candidateRef: string) => ({
  pk: contractPartition(contractId),
  sk: `${CANDIDATE_PREFIX}${candidateRef}`,
});

/** Claim of a candidate across all contracts of one supplier: its periods in each, and its FTE. */
export const fteClaimKey = (supplierId: string, candidateRef: string) => ({
  pk: `SUPPLIER#${supplierId}#${CANDIDATE_PREFIX}${candidateRef}`,
  sk: "FTE",
});

/** A candidate's claim across a supplier's contracts. */
export const isSupplierClaim = (key: Pick<Key, "sk">) => key.sk === "FTE";
/** A contract's legacy claim on a candidate (it names the candidate). */
export const isCandidateClaim = (key: Pick<Key, "sk">) => key.sk.startsWith(CANDIDATE_PREFIX);
