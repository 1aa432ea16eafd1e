/**
 * A tender's process as the OCDS mapping reads it: the tender and, per lot, what happened to it. The
 * loader (load-process.ts) fills it from the store; the mapping (release-package.ts) decides what of it
 * is published. Plain data: tests build it directly.
 */
import type { Money } from "../domain/money.js";
import type { Method, RankedBid } from "../domain/scoring/types.js";
import type { Contract } from "../contracts/contract/model.js";
import type { OcdsImplementation } from "../schemas/responses/ocds.js";
import type { Tender } from "../tenders/tenders.js";

/** An organisation as a party: its name and, for a supplier, its KvK number. */
export interface PartyOrganisation {
  id: string;
  name: string;
  kvk: string | null;
}

/** A submitted bid (withdrawn bids were never received and are left out). */
export interface ProcessBid {
  bidId: string;
  supplierId: string;
  submittedAt: string;
  price: Money;
}

/** The contract a lot's final award created, as the contract release shows it. */
export type ProcessContract = Pick<
  Contract,
  "id" | "title" | "supplierId" | "valueCents" | "startDate" | "endDate" | "awardDate" | "createdAt"
>;

export interface LotProcess {
  /** Submitted bids; loaded only once the submission deadline has passed (empty before). */
  bids: ProcessBid[];
  /** The lot's latest evaluation (null: not evaluated). */
  evaluation: { at: string; method: Method; ranking: RankedBid[] } | null;
  /** The contract of the lot's final award (null before it), with its implementation when known. */
  contract: { contract: ProcessContract; implementation?: OcdsImplementation } | null;
}

export interface TenderProcess {
  tender: Tender;
  /** The buyer and every bidder, by id. */
  organisations: Record<string, PartyOrganisation>;
  /** By lot id; every lot of the tender has an entry. */
  lots: Record<string, LotProcess>;
}
