/**
 * Tenders: an officer's draft, edited under optimistic locking, published with its
 * award model validated and frozen (every table pinned to a version), cancelled with a reason.
 * Status: draft → published → (closed at the deadline) → opened → evaluated → award-intended →
 * awarded, or cancelled. "closed" is derived from the injected clock, never stored.
 *
 * Keys: TENDER#<id> / TENDER   (gsi1: BUYER#<org>#TENDERS / <createdAt>#<id>;
 *                               gsi2 once published: TENDERS#PUBLISHED / <deadline>#<id>)
 *       TENDERREF#<reference> / TENDER#<id>   a pointer per tender, to find tenders by reference
 * One lot ("1") for now; bids, scores and evaluations carry the lot id in their keys.
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import type { Money } from "../domain/money.js";
import { withArticle } from "../domain/words.js";
import { resolveAwardModel } from "../domain/scoring/engine.js";
import type { AwardModel, TableUse } from "../domain/scoring/types.js";
import type { ContractType } from "../domain/sroi/obligation.js";
import type { Actor, Operation } from "../operation.js";
import { loadTablesFor } from "../scoring/reference-tables.js";
import type { CreateTenderBody, UpdateTenderBody } from "../schemas/tenders.js";
import {
  createOnce,
  deleteIf,
  getItem,
  type Page,
  publicFields,
  putIfAbsent,
  queryAll,
  queryPage,
  updateVersioned,
} from "../store/ops.js";
import { policyForDate } from "../sroi/rules.js";
import { amsterdamDate, parseDeadline, TIME_ZONE, toAmsterdamLocal } from "../domain/amsterdam-time.js";

export const DEFAULT_STANDSTILL_DAYS = 20;
export const DEFAULT_LOT = "1";

export type TenderStatus =
  | "draft"
  | "published"
  | "opened"
  | "evaluated"
  | "award-intended"
  | "awarded"
  | "cancelled";

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
  pricesSealedUntilQualityScored: boolean;
  standstillDays: number;
  lots: { id: string; title: string }[];
  status: TenderStatus;
  /** Set at publish: the model as frozen, with the table versions it uses. */
  published: { at: string; by: string; tables: TableUse[] } | null;
  opened: { at: string; by: string; bidCount: number } | null;
  evaluation: { at: string; by: string; run: string; inputDigest: string; engineVersion: string } | null;
  intendedAward: {
    bidId: string;
    rank: number;
    reason: string | null;
    at: string;
    by: string;
    standstillEndsAt: string;
  } | null;
  /** `value`: the winning bid's price (absent on tenders awarded before it was recorded). */
  award: { at: string; by: string; bidId: string; contractId: string; value?: Money } | null;
  cancellation: { reason: string; at: string; by: string } | null;
  createdAt: string;
  createdBy: string;
  version: number;
}

export const tenderKey = (id: string) => ({ pk: `TENDER#${id}`, sk: "TENDER" });
export const tenderReferenceKey = (reference: string, id: string) => ({
  pk: `TENDERREF#${reference}`,
  sk: `TENDER#${id}`,
});

/**
 * The pointer that finds a tender by its reference. Written before the tender (or its new reference)
 * is stored and removed after a rename, so a crash leaves at most a stale pointer, which readers skip.
 */
export const indexTenderReference = (id: string, reference: string) =>
  putIfAbsent({ ...tenderReferenceKey(reference, id), tenderId: id });
const unindexTenderReference = (id: string, reference: string) => deleteIf(tenderReferenceKey(reference, id));

export const deadlinePassed = (tender: Tender, now: Date) =>
  now.getTime() >= Date.parse(tender.submissionDeadline);

/** The status a reader sees: a published tender whose deadline passed is "closed". */
export function phaseOf(tender: Tender, now: Date): TenderStatus | "closed" {
  if (tender.status === "published" && deadlinePassed(tender, now)) return "closed";
  return tender.status;
}

/** The submission deadline as Amsterdam wall-clock time: "2026-03-02T12:00:00". */
export const deadlineLocal = (tender: Pick<Tender, "submissionDeadline">): string =>
  toAmsterdamLocal(new Date(tender.submissionDeadline));

/**
 * Who reads a tender decides what it shows (lib/tenders/disclosure.ts picks the view):
 * - "internal": the buying officers, the region's auditors, admins — everything, with who did what;
 * - "bidder": a supplier with a submitted bid — the intended award (winner, rank, reason) and the
 *   evaluation's digest, but no officer's subject id;
 * - "public": any other supplier — what a published award notice shows, once the award is final
 *   (the winner and the awarded value); nothing of the evaluation, no subject ids.
 * No view carries the evaluation's storage key.
 */
export type TenderView = "internal" | "bidder" | "public";

export function tenderToWire(tender: Tender, now: Date, view: TenderView = "internal") {
  const { evaluation, ...rest } = tender;
  const base = {
    ...rest,
    evaluation: evaluation
      ? {
          at: evaluation.at,
          by: evaluation.by,
          inputDigest: evaluation.inputDigest,
          engineVersion: evaluation.engineVersion,
        }
      : null,
    submissionDeadlineLocal: deadlineLocal(tender),
    timeZone: TIME_ZONE,
    phase: phaseOf(tender, now),
  };
  if (view === "internal") return base;
  const { createdBy: _createdBy, ...anonymous } = base;
  const { award, intendedAward } = tender;
  return {
    ...anonymous,
    published: tender.published && { at: tender.published.at, tables: tender.published.tables },
    cancellation: tender.cancellation && { reason: tender.cancellation.reason, at: tender.cancellation.at },
    ...(view === "bidder"
      ? {
          opened: tender.opened && { at: tender.opened.at, bidCount: tender.opened.bidCount },
          evaluation: evaluation && {
            at: evaluation.at,
            inputDigest: evaluation.inputDigest,
            engineVersion: evaluation.engineVersion,
          },
          intendedAward: intendedAward && {
            bidId: intendedAward.bidId,
            rank: intendedAward.rank,
            reason: intendedAward.reason,
            at: intendedAward.at,
            standstillEndsAt: intendedAward.standstillEndsAt,
          },
        }
      : { opened: tender.opened && { at: tender.opened.at }, evaluation: null, intendedAward: null }),
    award: award && { at: award.at, bidId: award.bidId, value: award.value ?? null },
  };
}

/** A stored tender without its key fields; items written before the local deadline was derived drop it too. */
function fromItem(item: object): Tender {
  const {
    submissionDeadlineLocal: _local,
    timeZone: _zone,
    ...tender
  } = publicFields<Tender & { submissionDeadlineLocal?: string; timeZone?: string }>(item);
  return tender;
}

async function readTender(id: string): Promise<Tender | undefined> {
  const item = await getItem<Tender>(tenderKey(id));
  return item ? fromItem(item) : undefined;
}

/**
 * A tender as `actor` may see it: the buying municipality's officers always; suppliers once it was
 * published (a draft cancelled before publication stays invisible); the region's auditors; admins. Anyone else gets a 404 (existence is not revealed).
 */
export async function loadTender(actor: Actor, id: string): Promise<Tender> {
  const tender = await readTender(id);
  const visible =
    tender &&
    ((actor.role === "officer" && tender.buyerId === actor.orgId) ||
      (actor.role === "supplier" && tender.published !== null) ||
      (actor.role === "auditor" && tender.regionId === actor.regionId) ||
      actor.role === "admin");
  if (!visible) throw new NotFound("tender");
  return tender;
}

/** The tender for its buying officer (a mutation); others get a 404. */
export async function loadOwnTender(op: Operation, id: string): Promise<Tender> {
  const tender = await readTender(id);
  if (!tender || op.actor.role !== "officer" || tender.buyerId !== op.actor.orgId)
    throw new NotFound("tender");
  return tender;
}

function fieldsOf(body: Partial<CreateTenderBody>) {
  const out: Partial<Tender> = {};
  if (body.reference !== undefined) out.reference = body.reference;
  if (body.title !== undefined) out.title = body.title;
  if (body.description !== undefined) out.description = body.description;
  if (body.cpvCode !== undefined) out.cpvCode = body.cpvCode;
  if (body.estimatedValue !== undefined) out.estimatedValue = body.estimatedValue;
  if (body.contractType !== undefined) out.contractType = body.contractType;
  if (body.labourShare !== undefined) out.labourShare = body.labourShare;
  if (body.contractPeriod !== undefined) out.contractPeriod = body.contractPeriod;
  if (body.submissionDeadline !== undefined) {
    out.submissionDeadline = parseDeadline(body.submissionDeadline).toISOString();
  }
  if (body.awardModel !== undefined) out.awardModel = body.awardModel as AwardModel;
  if (body.pricesSealedUntilQualityScored !== undefined) {
    out.pricesSealedUntilQualityScored = body.pricesSealedUntilQualityScored;
  }
  if (body.standstillDays !== undefined) out.standstillDays = body.standstillDays;
  return out;
}

function checkPeriod(tender: Pick<Tender, "contractPeriod">) {
  if (tender.contractPeriod.endDate < tender.contractPeriod.startDate) {
    throw new InvalidInput([
      { path: "body.contractPeriod.endDate", message: "the contract ends after it starts" },
    ]);
  }
}

export async function createTender(op: Operation, body: CreateTenderBody): Promise<Tender> {
  if (op.actor.role !== "officer" || !op.actor.regionId) throw new NotFound("municipality");
  const id = op.id("tender");
  const tender = {
    id,
    buyerId: op.actor.orgId,
    regionId: op.actor.regionId,
    description: null,
    labourShare: null,
    pricesSealedUntilQualityScored: false,
    standstillDays: DEFAULT_STANDSTILL_DAYS,
    lots: [{ id: DEFAULT_LOT, title: body.title }],
    status: "draft",
    published: null,
    opened: null,
    evaluation: null,
    intendedAward: null,
    award: null,
    cancellation: null,
    createdAt: op.now.toISOString(),
    createdBy: op.actor.sub,
    version: 1,
    ...fieldsOf(body),
  } as Tender;
  checkPeriod(tender);
  await indexTenderReference(id, tender.reference);
  const stored = fromItem(
    await createOnce(
      {
        ...tenderKey(id),
        gsi1pk: `BUYER#${tender.buyerId}#TENDERS`,
        gsi1sk: `${tender.createdAt}#${id}`,
        lastOpId: op.opId,
        ...tender,
      },
      `Tender ${id}`,
    ),
  );
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.created",
    after: stored,
    regionId: stored.regionId,
    summary: `draft ${stored.reference}`,
    once: "created",
  });
  return stored;
}

export async function updateDraft(op: Operation, id: string, body: UpdateTenderBody): Promise<Tender> {
  const before = await loadOwnTender(op, id);
  if (before.status !== "draft") {
    throw new Conflict(
      `${withArticle(before.status, true)} tender cannot be edited; only drafts can (the award model is frozen).`,
    );
  }
  const { version, ...changes } = body;
  const set = fieldsOf(changes);
  if (set.title !== undefined) set.lots = [{ id: DEFAULT_LOT, title: set.title }];
  checkPeriod({ ...before, ...set });
  const renamed = set.reference !== undefined && set.reference !== before.reference;
  if (renamed) await indexTenderReference(id, set.reference!);
  const after = fromItem(await updateVersioned<Tender>(tenderKey(id), version, set, op.opId));
  if (renamed) await unindexTenderReference(id, before.reference);
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.updated",
    before,
    after,
    regionId: after.regionId,
    once: `v${after.version}`,
  });
  return after;
}

/**
 * The social-return requirement comes from the region's policy or is stricter: the region's
 * catalogue, and (as a minimum) at least the policy's percentage.
 */
async function checkSocialReturnPolicy(tender: Tender, today: string) {
  const sr = tender.awardModel.socialReturn;
  if (!sr) return;
  let policy: Awaited<ReturnType<typeof policyForDate>>;
  try {
    policy = await policyForDate(tender.regionId, today);
  } catch (error) {
    if (error instanceof NotFound) return;
    throw error;
  }
  const errors = [];
  if (sr.catalogue.id !== policy.catalogueId) {
    errors.push({
      path: "awardModel.socialReturn.catalogue.id",
      message: `the region values social return with catalogue "${policy.catalogueId}"`,
    });
  }
  if (sr.mode === "minimum" && (sr.percentOfPrice ?? 0) < policy.percent) {
    errors.push({
      path: "awardModel.socialReturn.percentOfPrice",
      message: `the region's policy asks ${policy.percent} %; a tender may be stricter, not laxer`,
    });
  }
  if (errors.length > 0) {
    throw new RuleViolation(
      "social-return-below-policy",
      "The social-return requirement does not follow the region's policy.",
      errors,
    );
  }
}

/**
 * Publishes a draft: the deadline must lie in the future; the award model is validated and frozen
 * with every table reference pinned to the version in force now (a missing version = the newest
 * version effective on today's Amsterdam date; one effective later is not pinned).
 */
export async function publishTender(op: Operation, id: string, expectedVersion?: number): Promise<Tender> {
  const before = await loadOwnTender(op, id);
  const version = expectedVersion ?? before.version;
  if (before.status !== "draft")
    throw new Conflict(`The tender is ${before.status}; only a draft can be published.`);
  if (Date.parse(before.submissionDeadline) <= op.now.getTime()) {
    throw new RuleViolation(
      "deadline-not-in-future",
      "The submission deadline must lie in the future to publish.",
      [
        {
          path: "submissionDeadline",
          message: `${deadlineLocal(before)} (Amsterdam time) has passed`,
        },
      ],
    );
  }
  const today = amsterdamDate(op.now);
  const tables = await loadTablesFor(before.awardModel);
  let resolved: ReturnType<typeof resolveAwardModel>;
  try {
    resolved = resolveAwardModel(before.awardModel, tables, { asOf: today });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw new RuleViolation(
      "award-model-invalid",
      "The draft's award model cannot be published.",
      error.errors,
    );
  }
  await checkSocialReturnPolicy(before, today);
  const set = {
    status: "published",
    awardModel: resolved.model,
    published: { at: op.now.toISOString(), by: op.actor.sub, tables: resolved.tables },
    gsi2pk: "TENDERS#PUBLISHED",
    gsi2sk: `${before.submissionDeadline}#${id}`,
  };
  const after = fromItem(await updateVersioned<Tender>(tenderKey(id), version, set, op.opId));
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.published",
    before,
    after,
    regionId: after.regionId,
    summary: `tables ${resolved.tables.map((t) => `${t.id} ${t.version}`).join(", ") || "none"}`,
    once: `v${after.version}`,
  });
  return after;
}

export async function cancelTender(op: Operation, id: string, reason: string): Promise<Tender> {
  const before = await loadOwnTender(op, id);
  if (before.status === "awarded" || before.status === "cancelled") {
    throw new Conflict(`The tender is ${before.status} and cannot be cancelled.`);
  }
  const after = fromItem(
    await updateVersioned<Tender>(
      tenderKey(id),
      before.version,
      { status: "cancelled", cancellation: { reason, at: op.now.toISOString(), by: op.actor.sub } },
      op.opId,
    ),
  );
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.cancelled",
    before,
    after,
    regionId: after.regionId,
    summary: reason,
    once: `v${after.version}`,
  });
  return after;
}

/** Officers list their municipality's tenders; suppliers the published ones (newest deadline first). */
export async function listTenders(
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Tender>> {
  const request =
    actor.role === "officer"
      ? { index: "gsi1" as const, pk: `BUYER#${actor.orgId}#TENDERS`, newestFirst: true }
      : { index: "gsi2" as const, pk: "TENDERS#PUBLISHED", newestFirst: true };
  const result = await queryPage<Tender>({ ...request, ...page });
  return { items: result.items.map((i) => fromItem(i)), nextCursor: result.nextCursor };
}

/**
 * The tenders with this reference that `actor` may see (a reference is the buyer's own label, so two
 * municipalities may use the same one): one key lookup, then each tender read and checked.
 */
export async function findTendersByReference(
  actor: Actor,
  reference: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Tender>> {
  const pointers = await queryPage<{ tenderId: string }>({
    pk: tenderReferenceKey(reference, "").pk,
    ...page,
  });
  const found = await Promise.all(
    pointers.items.map(async ({ tenderId }) => {
      try {
        const tender = await loadTender(actor, tenderId);
        return tender.reference === reference ? tender : undefined;
      } catch (error) {
        if (error instanceof NotFound) return undefined;
        throw error;
      }
    }),
  );
  return { items: found.filter((t) => t !== undefined), nextCursor: pointers.nextCursor };
}

/**
 * Writes the reference pointer of every tender (idempotent), for tenders stored before pointers
 * existed. Walks the municipalities and their tenders.
 */
export async function backfillTenderReferences(): Promise<number> {
  let written = 0;
  const buyers = await queryAll<{ id: string }>({ index: "gsi1", pk: "ORGS", skBeginsWith: "municipality#" });
  for (const buyer of buyers) {
    const tenders = await queryAll<Tender>({ index: "gsi1", pk: `BUYER#${buyer.id}#TENDERS` });
    for (const tender of tenders) if (await indexTenderReference(tender.id, tender.reference)) written++;
  }
  return written;
}

/** Writes a state change of a tender under its version, with an audit event. */
export async function transition(
  op: Operation,
  before: Tender,
  set: Partial<Tender>,
  action: string,
  summary?: string,
): Promise<Tender> {
  const after = fromItem(await updateVersioned<Tender>(tenderKey(before.id), before.version, set, op.opId));
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
  const item = await getItem<{ lastOpId?: string }>(tenderKey(id));
  return item?.lastOpId === op.opId;
}
