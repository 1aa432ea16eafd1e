/**
 * Tenders: an officer's draft, edited under optimistic locking, published with its
 * award model validated and frozen (every table pinned to a version), cancelled with a reason.
 * Status: draft → published → (closed at the deadline) → opened → evaluated → award-intended →
 * awarded, or cancelled. "closed" is derived from the injected clock, never stored.
 * Stored as lib/entities/tender.ts describes.
 */
import { appendAudit } from "../audit/audit.js";
import { NotFound } from "../domain/errors.js";
import type { Money } from "../domain/money.js";
import type { AwardModel, TableUse } from "../domain/scoring/types.js";
import type { ContractType } from "../domain/sroi/obligation.js";
import type { Procedure } from "../domain/procurement/procedure.js";
import type { Actor, Operation } from "../operation.js";
import { getItem, publicFields, updateVersioned } from "../store/ops.js";
import { type Page, queryPage } from "../store/paging.js";
import { toAmsterdamLocal } from "../domain/amsterdam-time.js";
import { tenderEntity, tenderKey, tenderQueries } from "../entities/tender.js";

export const DEFAULT_STANDSTILL_DAYS = 20;

import type { TenderPhase, TenderStatus } from "../domain/tenders.js";
import { type LotStatus, type PassedOver, primaryLotId } from "../domain/lots.js";

export type { TenderStatus };

export interface LotEvaluation {
  at: string;
  by: string;
  run: string;
  inputDigest: string;
  engineVersion: string;
}

export interface IntendedAward {
  bidId: string;
  rank: number;
  reason: string | null;
  at: string;
  by: string;
  /** 00:00 Europe/Amsterdam of `finalAwardPossibleFrom`. */
  standstillEndsAt: string;
  /** The Amsterdam date from which the award may become final. */
  finalAwardPossibleFrom: string;
  /** Better-ranked bids whose supplier was at `maxLotsPerSupplier` (absent on awards before lots). */
  passedOver?: PassedOver[];
}

/** `value`: the winning bid's price (absent on tenders awarded before it was recorded). */
export interface FinalAward {
  at: string;
  by: string;
  bidId: string;
  contractId: string;
  value?: Money;
}

/** A lot: its own value, award model, ranking and award. `status` is null until the bids are opened. */
export interface Lot {
  id: string;
  title: string;
  estimatedValue: Money;
  awardModel: AwardModel;
  status: LotStatus | null;
  evaluation: LotEvaluation | null;
  intendedAward: IntendedAward | null;
  award: FinalAward | null;
}

export interface Tender {
  id: string;
  buyerId: string;
  regionId: string;
  reference: string;
  title: string;
  description: string | null;
  cpvCode: string;
  estimatedValue: Money;
  contractType: ContractType;
  labourShare: number | null;
  contractPeriod: { startDate: string; endDate: string };
  /** The UTC instant; the wire adds `submissionDeadlineLocal`, the same moment in Amsterdam time, and `timeZone`. */
  submissionDeadline: string;
  awardModel: AwardModel;
  /** Why a lowest-price tender has no social or sustainable criterion ("pas toe of leg uit"). */
  noImpactCriteriaReason: string | null;
  pricesSealedUntilQualityScored: boolean;
  /** The OCDS export shows every bid's value after the final award (else only the awarded bid's). */
  publishBidPrices: boolean;
  standstillDays: number;
  procedure: Procedure;
  /** A standstill ending on a Saturday, Sunday or public holiday runs to the next working day. */
  algemeneTermijnenwet: boolean;
  /** At least one; the top-level `awardModel`, `evaluation`, `intendedAward` and `award` are the primary lot's. */
  lots: Lot[];
  /** The most lots one supplier may win; null: no cap. */
  maxLotsPerSupplier: number | null;
  status: TenderStatus;
  /** Set at publish: the model as frozen, with the table versions it uses. */
  published: { at: string; by: string; tables: TableUse[] } | null;
  opened: { at: string; by: string; bidCount: number } | null;
  evaluation: LotEvaluation | null;
  intendedAward: IntendedAward | null;
  award: FinalAward | null;
  cancellation: { reason: string; at: string; by: string } | null;
  createdAt: string;
  createdBy: string;
  version: number;
}

export const deadlinePassed = (tender: Tender, now: Date) =>
  now.getTime() >= Date.parse(tender.submissionDeadline);

/** The status a reader sees: a published tender whose deadline passed is "closed". */
export function phaseOf(tender: Tender, now: Date): TenderPhase {
  if (tender.status === "published" && deadlinePassed(tender, now)) return "closed";
  return tender.status;
}

/** The submission deadline as Amsterdam wall-clock time: "2026-03-02T12:00:00". */
export const deadlineLocal = (tender: Pick<Tender, "submissionDeadline">): string =>
  toAmsterdamLocal(new Date(tender.submissionDeadline));

const OPENED_STATUSES: readonly string[] = ["opened", "evaluated", "award-intended", "awarded"];

/** A lot as stored: tenders before lots stored only its id and title (see normaliseLots). */
export type StoredLot = { id: string; title: string } & Partial<Omit<Lot, "id" | "title">>;

/** A change of a tender as written: its lots in their stored form. */
export type TenderWrite = Omit<Partial<Tender>, "lots"> & { lots?: StoredLot[] };

/**
 * Every lot in full. What a lot lacks it takes from the top level: a tender stored before lots has
 * one lot "1" whose value, model and state are the top-level ones; the primary lot keeps its award
 * model there.
 */
function normaliseLots(
  tender: Pick<
    Tender,
    "estimatedValue" | "awardModel" | "status" | "evaluation" | "intendedAward" | "award"
  > & {
    lots: StoredLot[];
  },
): Lot[] {
  const primary = primaryLotId(tender.lots);
  return tender.lots.map((lot) => {
    const top = lot.id === primary;
    const pick = <K extends "evaluation" | "intendedAward" | "award">(key: K): Lot[K] =>
      (lot[key] !== undefined ? lot[key] : top ? tender[key] : null) as Lot[K];
    return {
      ...lot,
      estimatedValue: lot.estimatedValue ?? tender.estimatedValue,
      awardModel: lot.awardModel ?? tender.awardModel,
      status:
        lot.status !== undefined
          ? lot.status
          : OPENED_STATUSES.includes(tender.status)
            ? (tender.status as LotStatus)
            : null,
      evaluation: pick("evaluation"),
      intendedAward: pick("intendedAward"),
      award: pick("award"),
    };
  });
}

/** A stored tender without its key fields; items written before the local deadline was derived drop it too. */
export function fromItem(item: unknown): Tender {
  const {
    submissionDeadlineLocal: _local,
    timeZone: _zone,
    ...tender
  } = publicFields<
    Omit<Tender, "lots" | "maxLotsPerSupplier"> & {
      lots: StoredLot[];
      maxLotsPerSupplier?: number | null;
      submissionDeadlineLocal?: string;
      timeZone?: string;
    }
  >(tenderEntity.read(item));
  return { ...tender, lots: normaliseLots(tender), maxLotsPerSupplier: tender.maxLotsPerSupplier ?? null };
}

async function readTender(id: string): Promise<Tender | undefined> {
  const item = await getItem(tenderKey(id));
  return item ? fromItem(item) : undefined;
}

/**
 * Whether `actor` may see a tender: the buying municipality's officers always; suppliers once it was
 * published (a draft cancelled before publication stays invisible); the region's auditors; admins.
 */
export const visibleTo = (actor: Actor, tender: Tender): boolean =>
  (actor.role === "officer" && tender.buyerId === actor.orgId) ||
  (actor.role === "supplier" && tender.published !== null) ||
  (actor.role === "auditor" && tender.regionId === actor.regionId) ||
  actor.role === "admin";

/** A tender as `actor` may see it (visibleTo); anyone else gets a 404 (existence is not revealed). */
export async function loadTender(actor: Actor, id: string): Promise<Tender> {
  const tender = await readTender(id);
  if (!tender || !visibleTo(actor, tender)) throw new NotFound("tender");
  return tender;
}

/** The tender for its buying officer (a mutation); others get a 404. */
export async function loadOwnTender(op: Operation, id: string): Promise<Tender> {
  const tender = await readTender(id);
  if (!tender || op.actor.role !== "officer" || tender.buyerId !== op.actor.orgId)
    throw new NotFound("tender");
  return tender;
}

/** Officers list their municipality's tenders; suppliers the published ones (newest deadline first). */
export async function listTenders(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Tender>> {
  const request = actor.role === "officer" ? tenderQueries.ofBuyer(actor.orgId) : tenderQueries.published();
  const result = await queryPage({ ...request, ...page });
  return { items: result.items.map((i) => fromItem(i)), nextCursor: result.nextCursor };
}

/** Writes a state change of a tender under its version, with an audit event. */
export async function transition(
  op: Operation,
  before: Tender,
  set: TenderWrite,
  action: string,
  summary?: string,
): Promise<Tender> {
  const after = fromItem(await updateVersioned(tenderKey(before.id), before.version, set, op.opId));
  await auditTransition(op, before, after, action, summary);
  return after;
}

/**
 * The audit event of a tender's state change, once per version it produced. Also called by a retry
 * that finds its own change already written (a crash came before the event): `before` is then unknown.
 */
export async function auditTransition(
  op: Operation,
  before: Tender | undefined,
  after: Tender,
  action: string,
  summary?: string,
): Promise<void> {
  await appendAudit(op, {
    entityType: "tender",
    entityId: after.id,
    action,
    ...(before ? { before } : {}),
    after,
    regionId: after.regionId,
    ...(summary ? { summary } : {}),
    once: `v${after.version}`,
  });
}

/** Whether the tender's latest write is this operation's: a retry that finds its own change done. */
export async function lastWrittenBy(op: Operation, id: string): Promise<boolean> {
  const item = await getItem(tenderKey(id));
  return item !== undefined && tenderEntity.read(item).lastOpId === op.opId;
}
