/**
 * A realisation entry: the supplier's report of one activity, and its limits.
 */
import type * as z from "zod";
import type { SocialEnterpriseKind } from "../../domain/impact/organisations.js";
import type { Cents } from "../../domain/money.js";
import type { EntryStatus } from "../../domain/sroi/balance.js";
import type { BlockKind } from "../../domain/sroi/catalogue.js";
import type { TargetGroupEvidence } from "../../domain/sroi/target-group.js";
import type { entrySchema } from "../../schemas/contracts.js";

export type { EntryStatus };

export interface Invoice {
  invoiceNumber: string;
  date: string;
  amountCents: Cents;
  vendorKvk: string;
  /** The vendor organisation's socialEnterprise kind on the invoice date (lib/contracts/entries/vendor.ts). */
  vendorQualification: SocialEnterpriseKind;
}

/** A reviewer's decision on what a supplier submitted (an entry, a base amount). */
export interface Review {
  decision: "accept" | "reject";
  reason: string;
  at: string;
  by: string;
  role: string;
  orgId: string;
}

export interface Entry {
  id: string;
  contractId: string;
  supplierId: string;
  status: EntryStatus;
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  catalogue: { id: string; version: string };
  candidateRef: string | null;
  startDate: string;
  endDate: string;
  fte: number | null;
  hours: number | null;
  units: number | null;
  invoice: Invoice | null;
  bonuses: string[];
  evidence: string[];
  /** Evidence of target-group membership; null when submitted without, absent on entries stored before it existed. */
  targetGroupEvidence?: TargetGroupEvidence | null;
  period: string;
  note?: string;
  /** Exact months as text ("165/31"); counted ≤ the block's maximum for this candidate. */
  reportedMonths: string | null;
  countedMonths: string | null;
  valueCents: Cents;
  formula: string;
  /** Set on a reversing (correcting) entry: the accepted entry it cancels. */
  reverses: string | null;
  submittedAt: string;
  submittedBy: string;
  submittedByOrg: string;
  review: Review | null;
  /** "pending" until this entry's deltas are in the running totals. */
  totals: "pending" | "applied";
}

/** An entry as submitted (one CSV row parses to the same). */
export type EntryInput = z.output<typeof entrySchema>;

export const PERSON_KINDS: BlockKind[] = ["employment", "placement", "apprenticeship"];

export const FTE_SCALE = 10_000n;

/** Rows per CSV upload: all rows are validated before any is written, within one Lambda invocation. */
export const MAX_CSV_ROWS = 500;

/**
 * The largest value of one entry (EUR 1 billion), far above any real realisation. It keeps every stored
 * figure a safe integer: the running totals of 90,000 such entries still are.
 */
export const MAX_ENTRY_CENTS = 100_000_000_000;
